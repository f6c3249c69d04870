// Pure parts of the display page: payload schemas, the screen reducer, sound settings, the socket watchdog.
import { describe, expect, it } from 'vitest';
import type { CallEvent, DisplaySnapshot } from '../../src/shared/hub-events.js';
import { CallEventSchema, DisplaySnapshotSchema, DisplayStateSchema } from '../../renderer/display/display-schema.js';
import { DEFAULT_SETTINGS, resolveSettings, settingsFromQuery, settingsFromStored } from '../../renderer/display/display-settings.js';
import { INITIAL_SCREEN, occupancyLevel, RECENT_CALLS_SHOWN, screenReducer } from '../../renderer/display/display-state.js';
import { startSocketWatchdog, type WatchedSocket } from '../../renderer/shared/socket-watchdog.js';

const call = (n: number, counter = 1, recall = false): CallEvent => ({
  id: `call-${n}${recall ? '-r' : ''}`,
  ticketNumber: String(1000 + n),
  counterId: `q${counter}`,
  counterName: `Quầy ${counter}`,
  counterNumber: counter,
  at: 1_000_000 + n * 1000,
  recall,
});
const snapshot = (over: Partial<DisplaySnapshot> = {}): DisplaySnapshot => ({
  counters: [1, 2].map((n) => ({ id: `q${n}`, name: `Quầy ${n}`, number: n, currentNumber: null })),
  recentCalls: [],
  waiting: 4,
  occupancy: 5,
  cap: 30,
  online: true,
  office: { id: 'hg-ttphcc', name: 'Trung tâm', hotline: '0293.3554567' },
  notice: 'Thông báo',
  serverTime: 2_000_000,
  ...over,
});

describe('display payload schemas', () => {
  it('accepts what the hub sends and drops keys it should never send', () => {
    const parsed = DisplaySnapshotSchema.parse({ ...snapshot({ recentCalls: [{ ...call(1), citizenName: 'Nguyễn Văn An' } as CallEvent] }), phone: '0912345678' });
    expect(JSON.stringify(parsed)).not.toMatch(/Nguyễn|0912/);
    expect(parsed.recentCalls).toEqual([call(1)]);
  });
  it('drops one bad call from a list instead of refusing the whole state', () => {
    const state = DisplayStateSchema.parse({ ...snapshot(), recentCalls: [call(2), { ...call(1), ticketNumber: '' }, 'junk'] });
    expect(state.recentCalls).toEqual([call(2)]);
  });
  it('refuses garbage without throwing', () => {
    for (const bad of [null, 'x', 42, {}, { ...call(1), counterNumber: -1 }, { ...call(1), ticketNumber: 'x'.repeat(100) }]) {
      expect(CallEventSchema.safeParse(bad).success).toBe(false);
    }
    expect(DisplaySnapshotSchema.safeParse({ ...snapshot(), office: null }).success).toBe(false);
  });
});

describe('screenReducer', () => {
  it('ignores state and calls before the first snapshot', () => {
    expect(screenReducer(INITIAL_SCREEN, { type: 'called', call: call(1) })).toBe(INITIAL_SCREEN);
    expect(screenReducer(INITIAL_SCREEN, { type: 'state', state: snapshot() })).toBe(INITIAL_SCREEN);
  });
  it('takes the snapshot whole, with the clock offset to the hub', () => {
    const screen = screenReducer(INITIAL_SCREEN, { type: 'snapshot', snapshot: snapshot(), receivedAt: 1_500_000 });
    expect(screen.data?.office.name).toBe('Trung tâm');
    expect(screen.clockOffsetMs).toBe(500_000);
  });
  it('puts a call on top, sets the counter number, keeps 8, never lists a call twice', () => {
    let screen = screenReducer(INITIAL_SCREEN, { type: 'snapshot', snapshot: snapshot(), receivedAt: 0 });
    for (let n = 1; n <= 10; n++) screen = screenReducer(screen, { type: 'called', call: call(n, (n % 2) + 1) });
    screen = screenReducer(screen, { type: 'called', call: call(10, 1) });
    expect(screen.data!.recentCalls.map((c) => c.ticketNumber)).toEqual(['1010', '1009', '1008', '1007', '1006', '1005', '1004', '1003']);
    expect(screen.data!.recentCalls).toHaveLength(RECENT_CALLS_SHOWN);
    expect(screen.data!.counters.map((c) => c.currentNumber)).toEqual(['1010', '1009']);
  });
  it('replaces everything on a new snapshot (reconnect), so nothing stale stays', () => {
    let screen = screenReducer(INITIAL_SCREEN, { type: 'snapshot', snapshot: snapshot(), receivedAt: 0 });
    screen = screenReducer(screen, { type: 'called', call: call(1) });
    screen = screenReducer(screen, { type: 'snapshot', snapshot: snapshot({ recentCalls: [call(5, 2)], waiting: 0 }), receivedAt: 0 });
    expect(screen.data!.recentCalls.map((c) => c.id)).toEqual(['call-5']);
    expect(screen.data!.waiting).toBe(0);
  });
  it('tracks the connection without losing the data', () => {
    let screen = screenReducer(INITIAL_SCREEN, { type: 'snapshot', snapshot: snapshot(), receivedAt: 0 });
    screen = screenReducer(screen, { type: 'connection', connected: false });
    expect(screen.connected).toBe(false);
    expect(screen.data).not.toBeNull();
  });
});

describe('occupancyLevel', () => {
  it.each([
    [0, 30, 'ok'], [23, 30, 'ok'], [24, 30, 'busy'], [29, 30, 'busy'], [30, 30, 'full'], [35, 30, 'full'], [5, 0, 'ok'],
  ] as const)('%i of %i → %s', (occupancy, cap, level) => {
    expect(occupancyLevel(occupancy, cap)).toBe(level);
  });
});

describe('display settings', () => {
  it.each([
    ['', {}],
    ['?muted=1', { muted: true }],
    ['?mute=false', { muted: false }],
    ['?volume=70', { volume: 0.7 }],
    ['?volume=0.25', { volume: 0.25 }],
    ['?volume=500', { volume: 1 }],
    ['?volume=abc&muted=maybe', {}],
    ['?reading=digits&region=bac', { reading: 'digits', region: 'north' }],
    ['?region=NAM&reading=whole', { region: 'south', reading: 'whole' }],
  ])('query %s → %o', (query, expected) => {
    expect(settingsFromQuery(query)).toEqual(expected);
  });
  it('keeps the valid stored fields and drops the rest', () => {
    expect(settingsFromStored({ muted: true, volume: 7, reading: 'digits', region: 'mars' })).toEqual({ muted: true, reading: 'digits' });
    expect(settingsFromStored('garbage')).toEqual({});
  });
  it('lets the query win over storage, storage over defaults', () => {
    expect(resolveSettings({ volume: 0.3, region: 'north' }, '?region=south')).toEqual({ ...DEFAULT_SETTINGS, volume: 0.3, region: 'south' });
    expect(DEFAULT_SETTINGS).toEqual({ muted: false, volume: 1, reading: 'whole', region: 'south' });
  });
});

describe('startSocketWatchdog', () => {
  function fakeSocket() {
    const socket = { connected: false, active: true, connects: 0, disconnects: 0, connect() { this.connects++; }, disconnect() { this.disconnects++; this.connected = false; this.active = false; } };
    return socket satisfies WatchedSocket;
  }
  const noTimer = { setInterval: () => 0, clearInterval: () => undefined };

  it('leaves socket.io alone while it is reconnecting by itself', () => {
    const socket = fakeSocket();
    const dog = startSocketWatchdog(socket, noTimer);
    dog.check();
    expect(socket.connects).toBe(0);
  });
  it('connects again when socket.io has given up (e.g. "io server disconnect")', () => {
    const socket = fakeSocket();
    socket.active = false;
    const dog = startSocketWatchdog(socket, noTimer);
    dog.check();
    expect(socket.connects).toBe(1);
  });
  it('reconnects a connection that brought no snapshot in time, and not one that did', () => {
    let now = 0;
    const socket = fakeSocket();
    socket.connected = true;
    const dog = startSocketWatchdog(socket, { ...noTimer, now: () => now, snapshotTimeoutMs: 10_000 });
    dog.connected();
    now = 9_000;
    dog.check();
    expect(socket.disconnects).toBe(0);
    now = 11_000;
    dog.check();
    expect([socket.disconnects, socket.connects]).toEqual([1, 1]);

    socket.connected = true;
    dog.connected();
    dog.snapshotReceived();
    now = 60_000;
    dog.check();
    expect(socket.disconnects).toBe(1);
  });
  it('runs on its own timer and stops', () => {
    const timers: { fn: () => void; ms: number }[] = [];
    let cleared = false;
    const socket = fakeSocket();
    socket.active = false;
    const dog = startSocketWatchdog(socket, { intervalMs: 5_000, setInterval: (fn, ms) => timers.push({ fn, ms }), clearInterval: () => (cleared = true) });
    expect(timers.map((t) => t.ms)).toEqual([5_000]);
    timers[0]!.fn();
    expect(socket.connects).toBe(1);
    dog.stop();
    expect(cleared).toBe(true);
  });
});
