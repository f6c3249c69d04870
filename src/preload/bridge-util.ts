// Builds `window.desk` from the contract: a real object (contextBridge copies it; a Proxy would not
// survive) with one function per DESK_METHODS entry. No electron import, so it is unit-tested.
import {
  DESK_METHODS,
  deskEventChannel,
  type DeskBridge,
  type DeskEvents,
  type DeskIpcError,
  type DeskIpcResult,
} from '../shared/ipc-contract.js';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
export type Subscribe = (channel: string, listener: (...args: unknown[]) => void) => () => void;

function isEnvelope(value: unknown): value is DeskIpcResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

const BROKEN_REPLY: DeskIpcError = { type: 'InternalError', message: 'Ứng dụng trả lời không đúng định dạng.' };

export function buildDeskBridge(invoke: Invoke, subscribe: Subscribe): DeskBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of DESK_METHODS) {
    bridge[method] = async (...args: unknown[]) => {
      const reply = await invoke(method, ...args);
      if (!isEnvelope(reply)) throw BROKEN_REPLY;
      if (!reply.ok) throw reply.error;
      return reply.value;
    };
  }
  bridge.on = <K extends keyof DeskEvents>(name: K, listener: DeskEvents[K]) =>
    subscribe(deskEventChannel(name), (...args) => (listener as (...a: unknown[]) => void)(...args));
  // Built key by key from DESK_METHODS (the test checks the keys), so the cast is what the loop guarantees.
  return bridge as unknown as DeskBridge;
}
