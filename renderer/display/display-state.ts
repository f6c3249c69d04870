/**
 * What the waiting-room screen shows, as a pure reducer over the hub's events: a snapshot replaces
 * everything (on every connect and reconnect), `state` replaces the live figures, `called` puts a call on top.
 */
import type { CallEvent, DisplaySnapshot, DisplayState } from '../../src/shared/hub-events.js';

/** The latest calls kept on screen. */
export const RECENT_CALLS_SHOWN = 8;

export interface ScreenState {
  /** null until the first snapshot arrives. */
  data: DisplaySnapshot | null;
  connected: boolean;
  /** Hub clock minus this machine's clock, so the TV shows office time even if its own clock is wrong. */
  clockOffsetMs: number;
}

export const INITIAL_SCREEN: ScreenState = { data: null, connected: false, clockOffsetMs: 0 };

export type ScreenEvent =
  | { type: 'snapshot'; snapshot: DisplaySnapshot; receivedAt: number }
  | { type: 'state'; state: DisplayState }
  | { type: 'called'; call: CallEvent }
  | { type: 'connection'; connected: boolean };

export function screenReducer(screen: ScreenState, event: ScreenEvent): ScreenState {
  switch (event.type) {
    case 'snapshot':
      return {
        ...screen,
        data: { ...event.snapshot, recentCalls: newestFirst(event.snapshot.recentCalls) },
        clockOffsetMs: event.snapshot.serverTime - event.receivedAt,
      };
    case 'state':
      // Live figures without the office header are useless: wait for the snapshot that always comes first.
      if (!screen.data) return screen;
      return { ...screen, data: { ...screen.data, ...event.state, recentCalls: newestFirst(event.state.recentCalls) } };
    case 'called': {
      if (!screen.data) return screen;
      const { call } = event;
      const counters = screen.data.counters.map((c) => (c.id === call.counterId ? { ...c, currentNumber: call.ticketNumber } : c));
      const recentCalls = newestFirst([call, ...screen.data.recentCalls.filter((c) => c.id !== call.id)]);
      return { ...screen, data: { ...screen.data, counters, recentCalls } };
    }
    case 'connection':
      return screen.connected === event.connected ? screen : { ...screen, connected: event.connected };
  }
}

function newestFirst(calls: readonly CallEvent[]): CallEvent[] {
  const unique = new Map<string, CallEvent>();
  for (const call of calls) if (!unique.has(call.id)) unique.set(call.id, call);
  return [...unique.values()].sort((a, b) => b.at - a.at).slice(0, RECENT_CALLS_SHOWN);
}

export type OccupancyLevel = 'ok' | 'busy' | 'full';

/** Colour of the waiting-room gauge: amber from 80 % of the cap, red at the cap. */
export function occupancyLevel(occupancy: number, cap: number): OccupancyLevel {
  if (cap <= 0) return 'ok';
  const ratio = occupancy / cap;
  return ratio >= 1 ? 'full' : ratio >= 0.8 ? 'busy' : 'ok';
}
