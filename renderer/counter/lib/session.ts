/**
 * Which counter this page is and its token: `/counter?counter=<id>` names the counter; `#token=<token>` in the
 * address (the Electron window and tests open it that way) fills the token in without asking; otherwise the token
 * remembered in localStorage, else the page asks once (token or the hub's pairing code).
 */
import { PairArgsSchema, SaveSettingsArgsSchema } from '../../../src/shared/ipc-contract.js';

// The same rules the desk app applies to what it stores (src/shared/ipc-contract.ts), so a value one accepts the other does.
export const CounterIdSchema = PairArgsSchema.shape.counterId;
export const PairingCodeSchema = PairArgsSchema.shape.code;
export const CounterTokenSchema = SaveSettingsArgsSchema.shape.counterToken.unwrap();

const LAST_COUNTER_KEY = 'motcua.counter.last';
const tokenKey = (counterId: string) => `motcua.counter.${counterId}.token`;
export const outboxKey = (counterId: string) => `motcua.counter.${counterId}.outbox`;
export const cameraKey = 'motcua.counter.camera';
export const autoStartKey = 'motcua.counter.autoStartCamera';

export interface CounterSession {
  counterId: string;
  token: string;
}

/** The parts of `window.location`, `localStorage` and `history` used here (structural, so Node tests can pass plain objects). */
export interface AddressLike {
  search: string;
  hash: string;
  pathname: string;
}
export interface SessionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url: string): void;
}

/** Reads the session from the address and storage; takes a `#token=` out of the address bar once stored. */
export function readSession(location: AddressLike, storage: SessionStorage, history: HistoryLike): { counterId: string | null; token: string | null } {
  const params = new URLSearchParams(location.search);
  const fromUrl = CounterIdSchema.safeParse(params.get('counter') ?? '');
  const counterId = fromUrl.success ? fromUrl.data : storage.getItem(LAST_COUNTER_KEY);
  const hashToken = CounterTokenSchema.safeParse(new URLSearchParams(location.hash.slice(1)).get('token') ?? '');
  if (counterId && hashToken.success) {
    saveSession(storage, { counterId, token: hashToken.data });
    // The token should not linger in the address bar, history or a screenshot.
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = counterId ? storage.getItem(tokenKey(counterId)) : null;
  return { counterId, token };
}

export function saveSession(storage: SessionStorage, session: CounterSession): void {
  storage.setItem(LAST_COUNTER_KEY, session.counterId);
  storage.setItem(tokenKey(session.counterId), session.token);
}

export function forgetToken(storage: SessionStorage, counterId: string): void {
  storage.removeItem(tokenKey(counterId));
}
