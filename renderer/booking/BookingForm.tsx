// The booking form shared by the citizen page and the hotline desk: office → procedure → date → slot → person.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  CreateBookingRequestSchema,
  type BookingCreated,
  type CreateBookingRequest,
  type Office,
  type Procedure,
  type Slot,
} from '../../src/shared/api.js';
import type { ErrorBody } from '../../src/shared/reasons.js';
import { api, type OperatorSession } from './api-client.js';
import { existingCodeOf, nearestFreeSlots, upcomingSlots } from './booking-util.js';
import { ErrorNotice, Field } from './Field.js';
import { useLang, useT } from './i18n.js';
import { SlotPicker, type SlotChoice } from './SlotPicker.js';
import type { OfficeNow } from './use-office-clock.js';

export interface BookedSummary {
  created: BookingCreated;
  office: Office;
  procedureName: string;
  fullName: string;
  phone: string;
}

type FieldKey = 'fullName' | 'phone' | 'idNumber' | 'relName' | 'relPhone' | 'slot';
const FIELD_OF_PATH: Record<string, FieldKey> = {
  'citizen.fullName': 'fullName',
  'citizen.phone': 'phone',
  'citizen.idNumber': 'idNumber',
  'bookedBy.name': 'relName',
  'bookedBy.phone': 'relPhone',
  date: 'slot',
  slot: 'slot',
};

interface Refusal {
  error: ErrorBody;
  /** For a full slot: the nearest slots still free that day. */
  nearest?: Slot[];
  /** The day of the refused slot, where the nearest slots are. */
  date?: string;
  /** For a duplicate: the booking the phone already holds. */
  existingCode?: string;
}

export function BookingForm(props: {
  now: OfficeNow;
  operator?: OperatorSession;
  onBooked: (summary: BookedSummary) => void;
  onShowExisting?: (code: string, phone: string) => void;
  /** The operator's session has ended (hotline desk): sign in again. */
  onUnauthorized?: () => void;
}) {
  const { now, operator, onBooked, onShowExisting, onUnauthorized } = props;
  const t = useT();
  const lang = useLang();
  const [offices, setOffices] = useState<Office[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorBody | null>(null);
  const [officeId, setOfficeId] = useState('');
  const [procedures, setProcedures] = useState<Procedure[] | null>(null);
  const [procedureCode, setProcedureCode] = useState('');
  const [filter, setFilter] = useState('');
  const [choice, setChoice] = useState<SlotChoice | null>(null);
  const [fullName, setFullName] = useState('');
  const [phone, setPhone] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [who, setWho] = useState<'self' | 'relative'>('self');
  const [relName, setRelName] = useState('');
  const [relPhone, setRelPhone] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void api.offices().then((result) => (result.ok ? setOffices(result.data) : setLoadError(result.error)));
  }, []);

  useEffect(() => {
    setProcedures(null);
    setProcedureCode('');
    setChoice(null);
    if (!officeId) return;
    void api.procedures(officeId).then((result) => (result.ok ? setProcedures(result.data) : setLoadError(result.error)));
  }, [officeId]);

  const office = offices?.find((o) => o.id === officeId);
  const procedure = procedures?.find((p) => p.code === procedureCode);
  const visibleProcedures = useMemo(() => {
    const needle = filter.normalize('NFC').trim().toLowerCase();
    return (procedures ?? []).filter((p) => !needle || p.name.toLowerCase().includes(needle) || p.code.toLowerCase().includes(needle));
  }, [procedures, filter]);
  const agencies = [...new Set(visibleProcedures.map((p) => p.agencyName))];

  async function submit(override?: SlotChoice) {
    const picked = override ?? choice;
    setRefusal(null);
    const request: CreateBookingRequest = {
      officeId,
      procedureCode,
      date: picked?.date ?? '',
      slot: picked?.slot ?? '',
      citizen: { fullName, phone, ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}) },
      bookedBy: operator
        ? { kind: 'hotline', operatorId: operator.operatorId }
        : who === 'relative'
          ? { kind: 'relative', name: relName, phone: relPhone }
          : { kind: 'self' },
    };
    const parsed = CreateBookingRequestSchema.safeParse(request);
    const found: Partial<Record<FieldKey, string>> = {};
    if (!picked) found.slot = t('chooseSlotFirst');
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = FIELD_OF_PATH[issue.path.join('.')];
        if (key && !found[key]) found[key] = key === 'slot' ? t('chooseSlotFirst') : issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.success || !office || !procedure) {
      // Move focus to the first field to fix, so keyboard and screen-reader users land on it.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .slot-error')?.focus());
      return;
    }
    setSubmitting(true);
    const result = await api.createBooking(request, operator?.token);
    setSubmitting(false);
    if (result.ok) {
      onBooked({ created: result.data, office, procedureName: procedure.name, fullName: parsed.data.citizen.fullName, phone: parsed.data.citizen.phone });
      return;
    }
    if (result.status === 401 && operator && onUnauthorized) return onUnauthorized();
    setRefreshKey((n) => n + 1);
    const error = result.error;
    if (error.error === 'slot_full' && picked) {
      const slots = await api.slots(officeId, picked.date, procedureCode);
      const open = slots.ok ? upcomingSlots(slots.data, picked.date, now.today, now.nowHhmm) : [];
      setChoice(null);
      setRefusal({ error, nearest: nearestFreeSlots(open, picked.slot), date: picked.date });
    } else if (error.error === 'duplicate_booking') {
      const existingCode = existingCodeOf(error);
      setRefusal(existingCode ? { error, existingCode } : { error });
    } else {
      const fields = (error.fields ?? {}) as Record<string, string>;
      const fromServer: Partial<Record<FieldKey, string>> = {};
      for (const [path, message] of Object.entries(fields)) {
        const key = FIELD_OF_PATH[path];
        if (key) fromServer[key] = message;
      }
      setErrors(fromServer);
      setRefusal({ error });
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void submit();
  }

  if (loadError) return <ErrorNotice message={lang === 'en' ? loadError.messageEn : loadError.message} />;
  if (!offices) return <p role="status">{t('loading')}</p>;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={submitting}>
      <div className="field">
        <label htmlFor="office">{t('office')}</label>
        <select id="office" value={officeId} onChange={(event) => setOfficeId(event.target.value)} autoFocus={Boolean(operator)}>
          <option value="">{t('chooseOffice')}</option>
          {offices.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {office && <span className="hint">{office.address}</span>}
      </div>

      {officeId && !procedures && <p role="status">{t('loading')}</p>}
      {procedures && (
        <fieldset className="group">
          <legend>{t('procedure')}</legend>
          {procedures.length > 6 && (
            <Field label={t('filterProcedures')} type="search" value={filter} onValue={setFilter} autoComplete="off" />
          )}
          {agencies.map((agency) => (
            <div key={agency} className="agency">
              <h3 className="agency-name">{agency}</h3>
              {visibleProcedures
                .filter((p) => p.agencyName === agency)
                .map((p) => (
                  <label key={p.code} className="option" data-procedure={p.code}>
                    <input
                      type="radio"
                      name="procedure"
                      value={p.code}
                      checked={procedureCode === p.code}
                      onChange={() => {
                        setProcedureCode(p.code);
                        setChoice(null);
                        setRefusal(null);
                      }}
                    />
                    <span>{p.name}</span>
                  </label>
                ))}
            </div>
          ))}
        </fieldset>
      )}

      {procedure && (
        <>
          <SlotPicker officeId={officeId} procedureCode={procedureCode} now={now} value={choice} onChange={setChoice} refreshKey={refreshKey} />
          {errors.slot && (
            <p className="field-error slot-error" tabIndex={-1}>
              {errors.slot}
            </p>
          )}

          <fieldset className="group">
            <legend>{t('citizen')}</legend>
            <Field label={t('fullName')} value={fullName} onValue={setFullName} error={errors.fullName} autoComplete="name" name="fullName" />
            <Field
              label={t('phone')}
              hint={t('phoneHint')}
              value={phone}
              onValue={setPhone}
              error={errors.phone}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              name="phone"
            />
            <Field
              label={t('idNumber')}
              hint={t('idHint')}
              value={idNumber}
              onValue={setIdNumber}
              error={errors.idNumber}
              inputMode="numeric"
              autoComplete="off"
              name="idNumber"
            />
          </fieldset>

          {!operator && (
            <fieldset className="group">
              <legend>{t('whoBooks')}</legend>
              <label className="option">
                <input type="radio" name="who" value="self" checked={who === 'self'} onChange={() => setWho('self')} />
                <span>{t('bookSelf')}</span>
              </label>
              <label className="option">
                <input type="radio" name="who" value="relative" checked={who === 'relative'} onChange={() => setWho('relative')} />
                <span>{t('bookRelative')}</span>
              </label>
              {who === 'relative' && (
                <>
                  <Field label={t('relativeName')} value={relName} onValue={setRelName} error={errors.relName} name="relName" />
                  <Field
                    label={t('relativePhone')}
                    value={relPhone}
                    onValue={setRelPhone}
                    error={errors.relPhone}
                    type="tel"
                    inputMode="tel"
                    name="relPhone"
                  />
                </>
              )}
            </fieldset>
          )}

          {refusal && (
            <ErrorNotice message={lang === 'en' ? refusal.error.messageEn : refusal.error.message}>
              {refusal.nearest && refusal.nearest.length > 0 && (
                <>
                  <p>{t('nearestFree')}</p>
                  <div className="alternatives">
                    {refusal.nearest.map((slot) => (
                      <button
                        key={slot.start}
                        type="button"
                        className="button secondary"
                        data-alternative={slot.start}
                        onClick={() => {
                          const alternative = { date: refusal.date ?? '', slot: slot.start };
                          setChoice(alternative);
                          void submit(alternative);
                        }}
                      >
                        {t('bookAt', { slot: slot.start })} · {t('placesLeft', { n: slot.available })}
                      </button>
                    ))}
                  </div>
                </>
              )}
              {refusal.nearest && refusal.nearest.length === 0 && <p>{t('noNearest')}</p>}
              {refusal.existingCode && onShowExisting && (
                <button type="button" className="button secondary" onClick={() => onShowExisting(refusal.existingCode!, phone)}>
                  {t('showExisting')} ({refusal.existingCode})
                </button>
              )}
            </ErrorNotice>
          )}

          <button type="submit" className="button primary" disabled={submitting}>
            {submitting ? t('submitting') : t('submit')}
          </button>
        </>
      )}
    </form>
  );
}
