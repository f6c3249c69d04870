// The IPC path end to end without Electron: the preload's bridge → (structured clone) → main's handler
// with validation → the implementation, and errors back as { type, message }.
import { describe, expect, it } from 'vitest';
import { DeskApiError, isDeskMethod, runDeskMethod } from '../../src/main/ipc-util.js';
import { buildDeskBridge } from '../../src/preload/bridge-util.js';
import { DESK_ARG_SCHEMAS, DESK_METHODS, type DeskApi, type PrintTicketArgs } from '../../src/shared/ipc-contract.js';
import { DEFAULT_SETTINGS } from '../../src/main/settings-util.js';

function fakeImpl(calls: unknown[]): DeskApi {
  const printed = { printed: true, printerName: 'XP-80C', failureReason: null };
  return {
    'ticket:print': async (args) => (calls.push(args), printed),
    'printer:test': async () => printed,
    'printer:list': async () => [{ name: 'XP-80C', displayName: 'XP-80C', isDefault: true }],
    'settings:read': async () => ({ settings: DEFAULT_SETTINGS, demo: true, hasDeviceToken: false, hasCounterToken: false, secretsEncrypted: true }),
    'settings:save': async () => {
      throw new DeskApiError('Còn thiếu: mã đơn vị.');
    },
    'screen:list': async () => [],
    'display:open': async () => {
      throw new Error('/home/user/secret/path exploded');
    },
    'central:offices': async () => [{ id: 'hg-ttphcc', name: 'Trung tâm' }],
    'hub:info': async () => ({ mode: 'demo', hubUrl: 'http://127.0.0.1:3100', lanUrls: [], pairingCode: '276902' }),
    'hub:pair': async (args) => ({ counterId: args.counterId, paired: true }),
    'app:version': async () => ({ app: '0.1.0', electron: '41', chrome: '1', node: '20', platform: 'linux' }),
    'diagnostics:export': async () => ({ path: null, bytes: 0 }),
  };
}

function connect(impl: DeskApi, internalErrors: unknown[] = []) {
  return buildDeskBridge(
    async (channel, ...args) => {
      if (!isDeskMethod(channel)) throw new Error(`no handler for ${channel}`);
      // ipcRenderer.invoke structured-clones both ways.
      return structuredClone(await runDeskMethod(impl, channel, structuredClone(args), (_m, error) => internalErrors.push(error)));
    },
    () => () => {},
  );
}

const ticket: PrintTicketArgs = {
  officeName: 'Một cửa',
  ticketNumber: '1001',
  procedureName: null,
  slot: '08:00',
  counterName: null,
  hotline: null,
  issuedAt: 0,
  waitingAhead: null,
};

describe('IPC contract', () => {
  it('has one schema per method and channel names in noun:verb kebab form', () => {
    expect(Object.keys(DESK_ARG_SCHEMAS).sort()).toEqual([...DESK_METHODS].sort());
    for (const method of DESK_METHODS) expect(method).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
  });

  it('the bridge is a plain object with exactly the contract methods plus on()', () => {
    const bridge = connect(fakeImpl([]));
    expect(Object.getPrototypeOf(bridge)).toBe(Object.prototype);
    expect(Object.keys(bridge).sort()).toEqual([...DESK_METHODS, 'on'].sort());
  });

  it('a valid call reaches the implementation with the parsed payload', async () => {
    const calls: unknown[] = [];
    const bridge = connect(fakeImpl(calls));
    await expect(bridge['ticket:print'](ticket)).resolves.toEqual({ printed: true, printerName: 'XP-80C', failureReason: null });
    expect(calls).toEqual([ticket]);
    await expect(bridge['hub:pair']({ hubUrl: 'http://10.0.0.2:3100/', code: 'ab12cd', counterId: 'q2' })).resolves.toEqual({ counterId: 'q2', paired: true });
  });

  it.each([
    ['missing fields', { ticketNumber: '1' }],
    ['a huge number string', { ...ticket, ticketNumber: 'x'.repeat(10_000) }],
    ['an extra field', { ...ticket, citizenPhone: '0912345678' }],
    ['a string instead of an object', 'print me'],
    ['nothing', undefined],
  ])('refuses %s before the implementation runs', async (_name, payload) => {
    const calls: unknown[] = [];
    const bridge = connect(fakeImpl(calls));
    const call = (bridge['ticket:print'] as (arg: unknown) => Promise<unknown>)(payload);
    await expect(call).rejects.toMatchObject({ type: 'APIError', code: 'invalid_input', message: expect.stringMatching(/^Dữ liệu không hợp lệ/) });
    expect(calls).toEqual([]);
  });

  it('refuses a payload to a method that takes none, and extra arguments', async () => {
    const bridge = connect(fakeImpl([]));
    await expect((bridge['app:version'] as (arg: unknown) => Promise<unknown>)({ sneaky: 1 })).rejects.toMatchObject({ type: 'APIError' });
    await expect((bridge['ticket:print'] as (...a: unknown[]) => Promise<unknown>)(ticket, 'extra')).rejects.toMatchObject({ type: 'APIError' });
  });

  it('passes a user-facing refusal through and hides internal errors (no stack, no path)', async () => {
    const internalErrors: unknown[] = [];
    const bridge = connect(fakeImpl([]), internalErrors);
    await expect(bridge['settings:save']({ settings: DEFAULT_SETTINGS })).rejects.toEqual({ type: 'APIError', message: 'Còn thiếu: mã đơn vị.' });
    const failure = await bridge['display:open']().catch((error: unknown) => error);
    expect(failure).toEqual({ type: 'InternalError', message: 'Hệ thống gặp sự cố. Vui lòng thử lại.', code: 'internal_error' });
    expect(JSON.stringify(failure)).not.toContain('/home/user');
    expect(internalErrors).toHaveLength(1);
  });

  it('rejects a malformed reply from main instead of returning garbage', async () => {
    const bridge = buildDeskBridge(async () => 'not an envelope', () => () => {});
    await expect(bridge['app:version']()).rejects.toMatchObject({ type: 'InternalError' });
  });

  it('subscribes to events on their own channel and passes only the payload', () => {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const bridge = buildDeskBridge(async () => ({ ok: true, value: null }), (channel, listener) => {
      listeners.set(channel, listener);
      return () => listeners.delete(channel);
    });
    const received: unknown[] = [];
    const off = bridge.on('settings:changed', (view) => received.push(view.demo));
    listeners.get('event:settings:changed')?.({ demo: false });
    expect(received).toEqual([false]);
    off();
    expect(listeners.size).toBe(0);
  });
});

describe('validation messages', () => {
  it("are Vietnamese, zod's own included", async () => {
    const bridge = connect(fakeImpl([]));
    const failure = (await (bridge['ticket:print'] as (arg: unknown) => Promise<unknown>)({ ...ticket, ticketNumber: 42, extra: 1 }).catch((error: unknown) => error)) as { message: string };
    expect(failure.message).toMatch(/^Dữ liệu không hợp lệ: /);
    expect(failure.message).toContain('ticketNumber: Đầu vào không hợp lệ');
    expect(failure.message).toContain('Khóa không được nhận dạng');
  });
});
