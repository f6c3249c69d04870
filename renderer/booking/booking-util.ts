// Pure helpers of the booking pages (dates, slots, codes, labels); unit-tested under Node.
import type { BookingStatus, Slot } from '../../src/shared/api.js';
import type { ErrorBody } from '../../src/shared/reasons.js';
import { addDays, hhmmToMinutes, weekdayOf } from '../../src/shared/time.js';

export type Lang = 'vi' | 'en';

/** The dates worth asking the server about: today and the next `days - 1` days (office dates). */
export function candidateDates(today: string, days: number): string[] {
  return Array.from({ length: days }, (_, index) => addDays(today, index));
}

/** Slots a citizen can still pick: on today's date, only those that have not started yet. */
export function upcomingSlots(slots: readonly Slot[], date: string, today: string, nowHhmm: string): Slot[] {
  if (date !== today) return [...slots];
  const now = hhmmToMinutes(nowHhmm);
  return slots.filter((slot) => hhmmToMinutes(slot.start) > now);
}

/** The free slots closest in time to the one wanted (ties: the earlier first). */
export function nearestFreeSlots(slots: readonly Slot[], wanted: string, count = 3): Slot[] {
  const target = hhmmToMinutes(wanted);
  return slots
    .filter((slot) => slot.available > 0 && slot.start !== wanted)
    .map((slot) => ({ slot, distance: Math.abs(hhmmToMinutes(slot.start) - target) }))
    .sort((a, b) => a.distance - b.distance || hhmmToMinutes(a.slot.start) - hhmmToMinutes(b.slot.start))
    .slice(0, count)
    .map(({ slot }) => slot)
    .sort((a, b) => hhmmToMinutes(a.start) - hhmmToMinutes(b.start));
}

const WEEKDAYS: Record<Lang, readonly string[]> = {
  vi: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const SHORT_WEEKDAYS: Record<Lang, readonly string[]> = {
  vi: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** `2022-01-06` → `06/01/2022` (the way Vietnamese dates are written). */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** `Thứ Năm, 06/01/2022`. */
export function formatLongDate(date: string, lang: Lang = 'vi'): string {
  return `${WEEKDAYS[lang][weekdayOf(date)]}, ${formatDate(date)}`;
}

/** `T5 06/01`. */
export function formatShortDate(date: string, lang: Lang = 'vi'): string {
  return `${SHORT_WEEKDAYS[lang][weekdayOf(date)]} ${formatDate(date).slice(0, 5)}`;
}

/** `7K3M9X2P` → `7K3M 9X2P`: two groups of four are easier to read out and copy. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

const VI_CHAR_NAMES: Record<string, string> = {
  '0': 'không', '1': 'một', '2': 'hai', '3': 'ba', '4': 'bốn', '5': 'năm', '6': 'sáu', '7': 'bảy', '8': 'tám', '9': 'chín',
  A: 'a', B: 'bê', C: 'xê', D: 'dê', E: 'e', F: 'ép', G: 'giê', H: 'hát', J: 'gi', K: 'ca', M: 'em mờ', N: 'en nờ',
  P: 'pê', Q: 'cu', R: 'e rờ', S: 'ét sì', T: 'tê', V: 'vê', W: 'vê kép', X: 'ích xì', Y: 'i dài', Z: 'dét',
};

/** How an operator reads a code aloud over the phone: each character by its Vietnamese name. */
export function codeReadAloud(code: string): string {
  return [...code].map((char) => VI_CHAR_NAMES[char] ?? char).join(' – ');
}

export const STATUS_LABELS: Record<BookingStatus, Record<Lang, string>> = {
  booked: { vi: 'Đã đặt lịch', en: 'Booked' },
  checked_in: { vi: 'Đã đến, đã lấy số', en: 'Checked in' },
  served: { vi: 'Đã giải quyết xong', en: 'Served' },
  no_show: { vi: 'Vắng mặt', en: 'No-show' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/** The existing booking's code, wherever the server put it (extra field, nested view, or the message). */
export function existingCodeOf(error: ErrorBody): string | undefined {
  const candidates = [error.code, (error.existing as { code?: unknown } | undefined)?.code, (error.booking as { code?: unknown } | undefined)?.code];
  const found = candidates.find((value): value is string => typeof value === 'string');
  return found || /\(mã ([0-9A-HJKMNP-TV-Z]{8})\)/.exec(error.message)?.[1] || undefined;
}
