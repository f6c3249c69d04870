/** Pure sync rules: backoff with jitter and how a failure maps to a state. */

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so a room of hubs
 * coming back after an outage doesn't hit central in lock-step, yet no retry comes absurdly early.
 */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`central answered ${status} on ${path}`);
  }
}

/** Unreachable or overloaded central → offline (retry with backoff); refused credentials or a bad request → error (needs a person). */
export function stateAfterFailure(error: unknown): 'offline' | 'error' {
  if (error instanceof SyncHttpError) return error.status >= 500 || error.status === 429 || error.status === 408 ? 'offline' : 'error';
  return 'offline';
}
