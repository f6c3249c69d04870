// Look a booking up by code + phone; show its status; cancel it or move it to another slot.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PhoneSchema, type BookingView } from '../../src/shared/api.js';
import { normalizeBookingCode } from '../../src/shared/crockford.js';
import type { ErrorBody } from '../../src/shared/reasons.js';
import { api } from './api-client.js';
import { formatLongDate, spacedCode, STATUS_LABELS } from './booking-util.js';
import { ErrorNotice, Field } from './Field.js';
import { text, useLang, useT } from './i18n.js';
import { SlotPicker, type SlotChoice } from './SlotPicker.js';
import type { OfficeNow } from './use-office-clock.js';

export function BookingCard(props: { view: BookingView; showQr?: boolean }) {
  const { view, showQr = true } = props;
  const t = useT();
  const lang = useLang();
  return (
    <div className="ticket" data-booking={view.code}>
      <p className="ticket-label">{t('bookingCode')}</p>
      <p className="code" data-code={view.code} aria-label={`${t('bookingCode')}: ${[...view.code].join(' ')}`}>
        {spacedCode(view.code)}
      </p>
      <p className={`status status-${view.status}`} data-status={view.status}>
        {t('status')}: {STATUS_LABELS[view.status][lang]}
      </p>
      {showQr && view.status === 'booked' && (
        <img className="qr" src={view.qr} alt={t('qrAlt', { code: view.code })} width={240} height={240} />
      )}
      <dl className="facts">
        <dt>{t('when')}</dt>
        <dd>
          {view.slot}–{view.slotEnd} · {formatLongDate(view.date, lang)}
        </dd>
        <dt>{t('where')}</dt>
        <dd>{view.officeName}</dd>
        <dt>{t('procedure')}</dt>
        <dd>{view.procedureName}</dd>
        <dt>{t('bookedFor')}</dt>
        <dd>{view.citizen.fullName}</dd>
      </dl>
    </div>
  );
}

export function Lookup(props: {
  now: OfficeNow;
  initialCode?: string;
  initialPhone?: string;
  operatorToken?: string;
  /** Each fresh answer from the server (after a lookup, a cancel, a reschedule). */
  onViewed?: (view: BookingView, phone: string) => void;
}) {
  const { now, operatorToken, onViewed } = props;
  const t = useT();
  const lang = useLang();
  const [code, setCode] = useState(props.initialCode ?? '');
  const [phone, setPhone] = useState(props.initialPhone ?? '');
  const [fieldErrors, setFieldErrors] = useState<{ code?: string; phone?: string }>({});
  const [view, setView] = useState<BookingView | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [rescheduling, setRescheduling] = useState(false);
  const [newChoice, setNewChoice] = useState<SlotChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const resultRef = useRef<HTMLDivElement>(null);

  /** Validated code + phone, or null after marking the fields. */
  function credentials(): { code: string; phone: string } | null {
    const normalizedCode = normalizeBookingCode(code);
    const parsedPhone = PhoneSchema.safeParse(phone);
    setFieldErrors({
      ...(normalizedCode ? {} : { code: lang === 'en' ? 'The booking code has 8 characters.' : 'Mã lịch hẹn gồm 8 ký tự.' }),
      ...(parsedPhone.success ? {} : { phone: parsedPhone.error.issues[0]?.message ?? '' }),
    });
    return normalizedCode && parsedPhone.success ? { code: normalizedCode, phone: parsedPhone.data } : null;
  }

  async function lookUp(): Promise<void> {
    const creds = credentials();
    if (!creds) return;
    setBusy(true);
    const result = await api.booking(creds.code, creds.phone, operatorToken);
    setBusy(false);
    setConfirmingCancel(false);
    setRescheduling(false);
    if (result.ok) {
      setView(result.data);
      setError(null);
      onViewed?.(result.data, creds.phone);
    } else {
      setView(null);
      setError(result.error);
    }
  }

  useEffect(() => {
    if (props.initialCode && props.initialPhone) void lookUp();
    // Only the first render's prefill triggers an automatic lookup.
  }, []);

  useEffect(() => {
    if (view || error) resultRef.current?.focus();
  }, [view, error]);

  /** Shows a fresh answer of the server (after a cancel or a reschedule). */
  function showUpdated(updated: BookingView, phoneNumber: string, message: string) {
    setView(updated);
    setError(null);
    setNotice(message);
    setConfirmingCancel(false);
    setRescheduling(false);
    onViewed?.(updated, phoneNumber);
  }

  async function cancel(): Promise<void> {
    const creds = credentials();
    if (!creds || !view) return;
    setBusy(true);
    const result = await api.cancel(view.code, creds.phone, operatorToken);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    showUpdated(result.data, creds.phone, t('cancelledOk'));
  }

  async function reschedule(): Promise<void> {
    const creds = credentials();
    if (!creds || !view) return;
    if (!newChoice) return setError({ error: 'invalid_input', message: text('vi', 'chooseSlotFirst'), messageEn: text('en', 'chooseSlotFirst') });
    setBusy(true);
    const result = await api.reschedule(view.code, creds.phone, newChoice.date, newChoice.slot, operatorToken);
    setBusy(false);
    if (!result.ok) {
      // The old booking stands; show the places left again and let the citizen pick anew.
      setNewChoice(null);
      setRefreshKey((n) => n + 1);
      return setError(result.error);
    }
    setNewChoice(null);
    showUpdated(result.data, creds.phone, t('rescheduledOk'));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    void lookUp();
  }

  return (
    <section aria-labelledby="lookup-title">
      <h2 id="lookup-title">{t('lookupTitle')}</h2>
      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <Field
          label={t('bookingCode')}
          value={code}
          onValue={setCode}
          error={fieldErrors.code}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          name="code"
        />
        <Field label={t('phone')} value={phone} onValue={setPhone} error={fieldErrors.phone} type="tel" inputMode="tel" name="lookupPhone" />
        <button type="submit" className="button primary" disabled={busy}>
          {t('lookupButton')}
        </button>
      </form>
      <div ref={resultRef} tabIndex={-1} className="lookup-result" aria-live="polite">
        {notice && (
          <p className="success" role="status">
            {notice}
          </p>
        )}
        {error && <ErrorNotice message={lang === 'en' ? error.messageEn : error.message} />}
        {view && (
          <>
            <BookingCard view={view} />
            {view.status === 'booked' && !rescheduling && (
              <div className="actions">
                {confirmingCancel ? (
                  <>
                    <button type="button" className="button danger" onClick={() => void cancel()} disabled={busy}>
                      {t('confirmCancel')}
                    </button>
                    <button type="button" className="button secondary" onClick={() => setConfirmingCancel(false)}>
                      {t('keep')}
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" className="button secondary" onClick={() => setRescheduling(true)}>
                      {t('reschedule')}
                    </button>
                    <button type="button" className="button danger-outline" onClick={() => setConfirmingCancel(true)}>
                      {t('cancel')}
                    </button>
                  </>
                )}
              </div>
            )}
            {view.status === 'booked' && rescheduling && (
              <div className="reschedule">
                <SlotPicker
                  officeId={view.officeId}
                  procedureCode={view.procedureCode}
                  now={now}
                  value={newChoice}
                  onChange={setNewChoice}
                  refreshKey={refreshKey}
                />
                <div className="actions">
                  <button type="button" className="button primary" onClick={() => void reschedule()} disabled={busy}>
                    {t('rescheduleSave')}
                  </button>
                  <button type="button" className="button secondary" onClick={() => setRescheduling(false)}>
                    {t('closeReschedule')}
                  </button>
                </div>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
