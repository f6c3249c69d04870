/**
 * Office time. Every office runs on Asia/Ho_Chi_Minh (UTC+7, no DST): "today", slot times and the daily
 * ticket reset follow that local midnight — never UTC, never the desk PC's own zone setting.
 * All functions take epoch milliseconds and are pure.
 */
export const OFFICE_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = OFFICE_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** A clock returns epoch milliseconds; injected everywhere so tests and demos can control time. */
export type Clock = () => number;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Local calendar date `YYYY-MM-DD` of an instant. */
export function localDate(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Local wall time `HH:MM` of an instant. */
export function localTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Minutes since local midnight. */
export function localMinutes(ms: number): number {
  return Math.floor((((ms + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
}

/** The instant of a local date and `HH:MM`. */
export function instantOf(date: string, hhmm = '00:00'): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) + hhmmToMinutes(hhmm) * 60_000 - OFFSET_MS;
}

/** Local midnight that starts the day containing `ms`. */
export function startOfLocalDay(ms: number): number {
  return instantOf(localDate(ms));
}

export function addDays(date: string, days: number): string {
  return localDate(instantOf(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, for a local date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function hhmmToMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function minutesToHhmm(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Every slot of a working day, e.g. 07:00–07:15 … 11:15–11:30, 13:30–13:45 … (a slot never crosses a session end). */
export function slotGrid(sessions: ReadonlyArray<{ start: string; end: string }>, slotMinutes: number): Array<{ start: string; end: string }> {
  const slots: Array<{ start: string; end: string }> = [];
  for (const session of sessions) {
    const end = hhmmToMinutes(session.end);
    for (let t = hhmmToMinutes(session.start); t + slotMinutes <= end; t += slotMinutes) {
      slots.push({ start: minutesToHhmm(t), end: minutesToHhmm(t + slotMinutes) });
    }
  }
  return slots;
}

export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isValidHhmm(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/**
 * A clock that starts at `startIso` (e.g. `2022-01-06T08:00:00+07:00`) and then runs on in real time,
 * optionally faster (`speed` simulated ms per real ms). Without `startIso` it is the real clock.
 */
export function createRunningClock(startIso?: string, speed = 1, realNow: Clock = Date.now): Clock {
  if (!startIso) return realNow;
  const start = Date.parse(startIso);
  if (Number.isNaN(start)) throw new Error(`Invalid clock start: ${startIso}`);
  const realStart = realNow();
  return () => start + (realNow() - realStart) * speed;
}

/** A clock for tests: stands still until told. */
export interface ManualClock extends Clock {
  set(isoOrMs: string | number): void;
  advance(ms: number): void;
}

export function createManualClock(start: string | number): ManualClock {
  let now = typeof start === 'number' ? start : Date.parse(start);
  const clock = (() => now) as ManualClock;
  clock.set = (value) => {
    now = typeof value === 'number' ? value : Date.parse(value);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
