// Date then time slot, with the places left shown plainly; closed days and holidays never appear.
import { useEffect, useId, useState } from 'react';
import type { Slot } from '../../src/shared/api.js';
import { hhmmToMinutes } from '../../src/shared/time.js';
import type { ErrorBody } from '../../src/shared/reasons.js';
import { api } from './api-client.js';
import { candidateDates, formatLongDate, formatShortDate, upcomingSlots } from './booking-util.js';
import { ErrorNotice } from './Field.js';
import { useLang, useT } from './i18n.js';
import type { OfficeNow } from './use-office-clock.js';

/** Today and the next 14 days (the default booking horizon); the server answers no slots beyond its own. */
export const HORIZON_DAYS = 15;
const AFTERNOON_FROM = hhmmToMinutes('12:00');

export interface SlotChoice {
  date: string;
  slot: string;
}

export interface DaySlots {
  date: string;
  slots: Slot[];
}

/**
 * Asks the server for each candidate day; a day with no upcoming slot (closed, holiday, past) is dropped.
 * A failure that says nothing about the day (no network, rate limit, server error) is returned instead,
 * so the citizen reads why rather than "no dates".
 */
export async function loadOpenDays(officeId: string, procedureCode: string, now: OfficeNow): Promise<{ days: DaySlots[]; error?: ErrorBody }> {
  const dates = candidateDates(now.today, HORIZON_DAYS);
  const results = await Promise.all(dates.map((date) => api.slots(officeId, date, procedureCode)));
  const failure = results.find((result) => !result.ok && (result.status === 0 || result.status === 429 || result.status >= 500));
  if (failure && !failure.ok) return { days: [], error: failure.error };
  const days = dates
    .map((date, index) => {
      const result = results[index];
      return { date, slots: result?.ok ? upcomingSlots(result.data, date, now.today, now.nowHhmm) : [] };
    })
    .filter((day) => day.slots.length > 0);
  return { days };
}

export function SlotPicker(props: {
  officeId: string;
  procedureCode: string;
  now: OfficeNow;
  value: SlotChoice | null;
  onChange: (choice: SlotChoice | null) => void;
  /** Bump to reload the places left (after a refusal, a booking, a cancellation). */
  refreshKey?: number;
}) {
  const { officeId, procedureCode, now, value, onChange, refreshKey } = props;
  const t = useT();
  const lang = useLang();
  const id = useId();
  const [days, setDays] = useState<DaySlots[] | null>(null);
  const [date, setDate] = useState<string | null>(value?.date ?? null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    let alive = true;
    setDays(null);
    setError(null);
    void loadOpenDays(officeId, procedureCode, now).then(({ days: loaded, error: failure }) => {
      if (!alive) return;
      if (failure) return setError(failure);
      setDays(loaded);
      setDate((current) => {
        if (current && loaded.some((day) => day.date === current)) return current;
        return loaded.find((day) => day.slots.some((slot) => slot.available > 0))?.date ?? null;
      });
    });
    return () => {
      alive = false;
    };
    // `now` changes each minute; reloading when the office date changes is enough.
  }, [officeId, procedureCode, now.today, refreshKey, retries]);

  if (error) {
    return (
      <ErrorNotice message={lang === 'en' ? error.messageEn : error.message}>
        <button type="button" className="button secondary" onClick={() => setRetries((n) => n + 1)}>
          {t('retry')}
        </button>
      </ErrorNotice>
    );
  }
  if (!days) return <p role="status">{t('loadingSlots')}</p>;
  if (days.length === 0) return <p role="status" className="notice">{t('noDates')}</p>;

  const day = days.find((d) => d.date === date);
  const pickDate = (next: string) => {
    setDate(next);
    if (value?.date !== next) onChange(null);
  };
  const sessions = day
    ? [
        { key: 'morning' as const, slots: day.slots.filter((s) => hhmmToMinutes(s.start) < AFTERNOON_FROM) },
        { key: 'afternoon' as const, slots: day.slots.filter((s) => hhmmToMinutes(s.start) >= AFTERNOON_FROM) },
      ].filter((session) => session.slots.length > 0)
    : [];

  return (
    <>
      <fieldset className="group">
        <legend>{t('date')}</legend>
        <div className="chips" role="radiogroup" aria-label={t('date')}>
          {days.map((d) => {
            const left = d.slots.reduce((sum, slot) => sum + slot.available, 0);
            return (
              <label key={d.date} className={`chip${left === 0 ? ' chip-full' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-date`}
                  value={d.date}
                  checked={date === d.date}
                  onChange={() => pickDate(d.date)}
                  aria-label={`${formatLongDate(d.date, lang)}: ${left > 0 ? t('placesLeft', { n: left }) : t('full')}`}
                />
                <span className="chip-main">{formatShortDate(d.date, lang)}</span>
                <span className="chip-sub">{left > 0 ? t('placesLeft', { n: left }) : t('full')}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {day && (
        <fieldset className="group">
          <legend>
            {t('slot')} – {formatLongDate(day.date, lang)}
          </legend>
          {sessions.map((session) => (
            <div key={session.key} className="session">
              <h3 className="session-title">{t(session.key)}</h3>
              <div className="slots">
                {session.slots.map((slot) => {
                  const full = slot.available === 0;
                  return (
                    <label key={slot.start} className={`slot${full ? ' slot-full' : ''}`} data-slot={slot.start}>
                      <input
                        type="radio"
                        name={`${id}-slot`}
                        value={slot.start}
                        disabled={full}
                        checked={value?.date === day.date && value.slot === slot.start}
                        onChange={() => onChange({ date: day.date, slot: slot.start })}
                      />
                      <span className="slot-time">
                        {slot.start}–{slot.end}
                      </span>
                      <span className="slot-left">{full ? t('full') : t('placesLeft', { n: slot.available })}</span>
                    </label>
                  );
                })}
              </div>
            </div>
          ))}
        </fieldset>
      )}
    </>
  );
}
