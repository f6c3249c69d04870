/**
 * The counter's link to the office hub's REST API. Every POST carries an Idempotency-Key; when the hub cannot be
 * reached the action is kept (in localStorage, with its key) and retried in order until the hub answers, so an
 * action taken while the link is down is neither lost nor done twice (the hub returns the first answer to a replay).
 */
import { errorBody, type ErrorBody } from '../../../src/shared/reasons.js';

export type HubAnswer<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; error: ErrorBody }
  /** The hub could not be reached; a POST waits in the outbox under `key` (a GET is simply not answered). */
  | { ok: false; status: 0; queued: true; key?: string };

export interface PendingAction {
  key: string;
  path: string;
  body: unknown;
  /** What staff did, in Vietnamese (shown in the banner). */
  label: string;
  at: number;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface HubClientOptions {
  baseUrl: string;
  token: string;
  /** Where the outbox survives a reload (localStorage in the page). */
  storage: KeyValueStore;
  storageKey: string;
  fetch?: typeof fetch;
  newKey?: () => string;
  retryMs?: number;
  /** Called when a queued action finally gets its answer. */
  onDelivered?: (action: PendingAction, answer: HubAnswer<unknown>) => void;
  /** Called when the outbox or reachability changes. */
  onChange?: (state: { pending: PendingAction[]; reachable: boolean }) => void;
  /** Called on 401: the stored counter token is wrong or was revoked. */
  onUnauthorized?: () => void;
}

export interface HubClient {
  get<T>(path: string): Promise<HubAnswer<T>>;
  post<T>(path: string, body: unknown, label: string): Promise<HubAnswer<T>>;
  pending(): PendingAction[];
  reachable(): boolean;
  /** Try the outbox now (e.g. when the socket reconnects). */
  flush(): Promise<void>;
  close(): void;
}

class Unreachable extends Error {}

export function createHubClient(options: HubClientOptions): HubClient {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const newKey = options.newKey ?? (() => crypto.randomUUID());
  let reachable = true;
  let closed = false;
  let flushing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: PendingAction[] = loadPending();

  function loadPending(): PendingAction[] {
    try {
      const parsed: unknown = JSON.parse(options.storage.getItem(options.storageKey) ?? '[]');
      return Array.isArray(parsed) ? (parsed as PendingAction[]).filter((a) => typeof a?.key === 'string' && typeof a.path === 'string') : [];
    } catch {
      return [];
    }
  }
  function savePending() {
    options.storage.setItem(options.storageKey, JSON.stringify(pending));
    options.onChange?.({ pending: [...pending], reachable });
  }
  function setReachable(value: boolean) {
    if (reachable === value) return;
    reachable = value;
    options.onChange?.({ pending: [...pending], reachable });
  }

  async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown, key?: string): Promise<HubAnswer<T>> {
    let response: Response;
    try {
      response = await doFetch(options.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch {
      setReachable(false);
      throw new Unreachable();
    }
    setReachable(true);
    if (response.status === 401) options.onUnauthorized?.();
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.ok) return { ok: true, status: response.status, data: json as T };
    const error = isErrorBody(json) ? json : errorBody('internal_error');
    return { ok: false, status: response.status, error };
  }

  function scheduleRetry() {
    if (closed || timer || pending.length === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, options.retryMs ?? 2000);
  }

  /** Sends queued actions oldest first, each with its own key; stops at the first that still cannot get through. */
  async function deliverPending(): Promise<void> {
    while (pending.length > 0 && !closed) {
      const action = pending[0]!;
      let answer: HubAnswer<unknown>;
      try {
        answer = await send('POST', action.path, action.body, action.key);
      } catch {
        scheduleRetry();
        return;
      }
      pending = pending.filter((a) => a.key !== action.key);
      savePending();
      options.onDelivered?.(action, answer);
    }
  }

  /** Single-flight: a flush already running is joined, not doubled (that could send one action twice at once). */
  function flush(): Promise<void> {
    // `.finally` runs after the assignment even when the queue is empty and deliverPending returns at once.
    flushing ??= deliverPending().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  if (pending.length > 0) scheduleRetry();

  return {
    async get<T>(path: string) {
      try {
        return await send<T>('GET', path);
      } catch {
        return { ok: false, status: 0, queued: true } as const;
      }
    },
    async post<T>(path: string, body: unknown, label: string) {
      const action: PendingAction = { key: newKey(), path, body, label, at: Date.now() };
      // Behind an outbox that is not empty, wait in line so actions reach the hub in the order staff took them.
      if (pending.length === 0) {
        try {
          return await send<T>('POST', path, body, action.key);
        } catch {
          // fall through: keep it with its key, so a request that did arrive is not done twice on retry
        }
      }
      pending = [...pending, action];
      savePending();
      scheduleRetry();
      return { ok: false, status: 0, queued: true, key: action.key } as const;
    },
    pending: () => [...pending],
    reachable: () => reachable,
    flush,
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ErrorBody).error === 'string' && typeof (value as ErrorBody).message === 'string';
}
