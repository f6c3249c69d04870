// Pure calendar rules for a booking request: which reason (if any) refuses a date and slot at an office.
import type { ReasonCode } from '../shared/reasons.js';
import { addDays, instantOf, localDate, weekdayOf } from '../shared/time.js';
import { slotStarts, type CatalogOffice } from './catalog.js';

export interface Refusal {
  code: ReasonCode;
  params?: Record<string, string | number>;
}

/** Refusal for booking `date`/`slot` at `office` when the time is `now` (epoch ms), or null if bookable. */
export function calendarRefusal(office: CatalogOffice, date: string, slot: string, now: number): Refusal | null {
  const today = localDate(now);
  if (date < today || instantOf(date, slot) <= now) return { code: 'past_slot' };
  if (date > addDays(today, office.schedule.horizonDays)) return { code: 'beyond_horizon', params: { days: office.schedule.horizonDays } };
  if (office.holidays.has(date)) return { code: 'holiday', params: { date: displayDate(date) } };
  if (!office.schedule.workingDays.includes(weekdayOf(date))) return { code: 'closed_day', params: { date: displayDate(date) } };
  if (!slotStarts(office.schedule).some((s) => s.start === slot)) return { code: 'outside_hours', params: { slot } };
  return null;
}

/** Whether the office takes bookings on `date` at all (working day, not a holiday). */
export function isOpenDay(office: CatalogOffice, date: string): boolean {
  return !office.holidays.has(date) && office.schedule.workingDays.includes(weekdayOf(date));
}

/** dd/mm/yyyy, as Vietnamese readers expect. */
export function displayDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
