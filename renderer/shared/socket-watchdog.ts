/**
 * Keeps a socket.io client connected without anyone touching the screen. socket.io reconnects by itself
 * after a network drop, but not after the server closed the connection (`io server disconnect`) or after a
 * reconnection attempt was given up; and a connection that never delivered its snapshot shows stale data.
 * The watchdog covers those cases: nobody ever has to refresh a TV.
 */

/** The part of a socket.io `Socket` the watchdog uses. */
export interface WatchedSocket {
  readonly connected: boolean;
  /** True while socket.io itself is connected or trying to reconnect. */
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
}

export interface WatchdogOptions {
  /** How often to check. */
  intervalMs?: number;
  /** A connection with no snapshot after this long is torn down and made again. */
  snapshotTimeoutMs?: number;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export interface Watchdog {
  /** Call on every `connect`. */
  connected(): void;
  /** Call when the snapshot arrives. */
  snapshotReceived(): void;
  /** Runs one check now (also run by the timer). */
  check(): void;
  stop(): void;
}

export function startSocketWatchdog(socket: WatchedSocket, options: WatchdogOptions = {}): Watchdog {
  const intervalMs = options.intervalMs ?? 5_000;
  const snapshotTimeoutMs = options.snapshotTimeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  let connectedAt: number | null = null;
  let hasSnapshot = false;

  const check = () => {
    if (!socket.connected) {
      connectedAt = null;
      // Not connected and socket.io has stopped trying: start it again.
      if (!socket.active) socket.connect();
      return;
    }
    if (!hasSnapshot && connectedAt !== null && now() - connectedAt > snapshotTimeoutMs) {
      connectedAt = null;
      socket.disconnect();
      socket.connect();
    }
  };
  const set = options.setInterval ?? ((fn, ms) => setInterval(fn, ms));
  const clear = options.clearInterval ?? ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
  const timer = set(check, intervalMs);

  return {
    connected() {
      connectedAt = now();
      hasSnapshot = false;
    },
    snapshotReceived() {
      hasSnapshot = true;
    },
    check,
    stop: () => clear(timer),
  };
}
