// The hotline desk (served at `/hotline`): an operator signs in and books, finds and reads back bookings for callers.
import { useEffect, useState, type FormEvent } from 'react';
import { PhoneSchema, type BookingView } from '../../src/shared/api.js';
import type { ErrorBody } from '../../src/shared/reasons.js';
import { api, type OperatorSession } from './api-client.js';
import { codeReadAloud, type Lang } from './booking-util.js';
import { BookingForm, type BookedSummary } from './BookingForm.js';
import { Confirmation } from './Confirmation.js';
import { ErrorNotice, Field } from './Field.js';
import { text, useLang, useT } from './i18n.js';
import { Layout, Tabs } from './Layout.js';
import { BookingCard, Lookup } from './Lookup.js';
import { useOfficeNow } from './use-office-clock.js';

const SESSION_KEY = 'motcua.hotline.session';
type Tab = 'book' | 'search' | 'lookup';

function loadSession(): OperatorSession | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as OperatorSession) : null;
  } catch {
    return null;
  }
}

function SignIn(props: { onSignedIn: (session: OperatorSession) => void }) {
  const t = useT();
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await api.hotlineLogin(username.trim(), password);
    setBusy(false);
    if (result.ok) props.onSignedIn(result.data);
    // The generic 401 text speaks of a device token; an operator needs to hear which of the two was wrong.
    else setError(result.status === 401 ? { ...result.error, message: t('wrongPassword'), messageEn: text('en', 'wrongPassword') } : result.error);
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-labelledby="signin-title" className="signin">
      <h2 id="signin-title">{t('signIn')}</h2>
      <Field label={t('username')} value={username} onValue={setUsername} autoComplete="username" autoFocus name="username" />
      <Field label={t('password')} value={password} onValue={setPassword} type="password" autoComplete="current-password" name="password" />
      {error && <ErrorNotice message={lang === 'en' ? error.messageEn : error.message} />}
      <button type="submit" className="button primary" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}

function SearchByPhone(props: { session: OperatorSession; onUnauthorized: () => void; onOpen: (code: string, phone: string) => void }) {
  const t = useT();
  const lang = useLang();
  const [phone, setPhone] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [bookings, setBookings] = useState<BookingView[] | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = PhoneSchema.safeParse(phone);
    setFieldError(parsed.success ? undefined : parsed.error.issues[0]?.message);
    if (!parsed.success) return;
    const result = await api.hotlineBookings(props.session.token, parsed.data);
    if (result.ok) {
      setBookings(result.data);
      setError(null);
    } else if (result.status === 401) {
      props.onUnauthorized();
    } else {
      setError(result.error);
    }
  }

  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('searchByPhone')}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field label={t('phone')} value={phone} onValue={setPhone} error={fieldError} type="tel" autoFocus id="search-phone" name="searchPhone" />
        <button type="submit" className="button primary">
          {t('search')}
        </button>
      </form>
      <div aria-live="polite">
        {error && <ErrorNotice message={lang === 'en' ? error.messageEn : error.message} />}
        {bookings && bookings.length === 0 && <p role="status">{t('noBookings')}</p>}
        {bookings?.map((booking) => (
          <div key={booking.code} className="search-hit">
            <BookingCard view={booking} showQr={false} />
            <p className="read-aloud">
              <strong>{t('readBack')}:</strong> {codeReadAloud(booking.code)}
            </p>
            {booking.status === 'booked' && (
              <button type="button" className="button secondary" onClick={() => props.onOpen(booking.code, booking.citizen.phone)}>
                {t('cancelOrMove')}
              </button>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

export function HotlineApp() {
  const [lang, setLang] = useState<Lang>('vi');
  const [session, setSession] = useState<OperatorSession | null>(loadSession);
  const [tab, setTab] = useState<Tab>('book');
  const [summary, setSummary] = useState<BookedSummary | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [prefill, setPrefill] = useState<{ code: string; phone: string } | null>(null);
  const now = useOfficeNow();
  const t = (key: Parameters<typeof text>[1]) => text(lang, key);

  const signIn = (next: OperatorSession | null) => {
    if (next) sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(SESSION_KEY);
    setSession(next);
  };
  const newCall = () => {
    setSummary(null);
    setPrefill(null);
    setTab('book');
    setFormKey((n) => n + 1);
  };

  // Keyboard-first: an operator on a headset never needs the mouse.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || !session) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        newCall();
      } else if (key === 's') {
        event.preventDefault();
        setTab('search');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);

  return (
    <Layout
      lang={lang}
      onLang={setLang}
      title={t('hotlineTitle')}
      subtitle={session ? `${t('operator')}: ${session.name}` : undefined}
    >
      {!session ? (
        <SignIn onSignedIn={signIn} />
      ) : (
        <div>
          <div className="operator-bar no-print">
            <p className="hint">{t('keyboardHint')}</p>
            <button type="button" className="button secondary small" onClick={() => signIn(null)}>
              {t('signOut')}
            </button>
          </div>
          <Tabs
            value={tab}
            onChange={(next) => {
              setTab(next);
              setPrefill(null);
            }}
            tabs={[
              { value: 'book', label: t('tabBook') },
              { value: 'search', label: t('tabSearch') },
              { value: 'lookup', label: t('tabLookupShort') },
            ]}
          />
          {!now ? (
            <p role="status">{t('loading')}</p>
          ) : tab === 'search' ? (
            <SearchByPhone
              session={session}
              onUnauthorized={() => signIn(null)}
              onOpen={(code, phone) => {
                setPrefill({ code, phone });
                setTab('lookup');
              }}
            />
          ) : tab === 'lookup' ? (
            <Lookup key={prefill?.code ?? 'empty'} now={now} operatorToken={session.token} initialCode={prefill?.code} initialPhone={prefill?.phone} />
          ) : summary ? (
            <Confirmation summary={summary} readBack onNew={newCall} />
          ) : (
            <BookingForm
              key={formKey}
              now={now}
              operator={session}
              onBooked={setSummary}
              onUnauthorized={() => signIn(null)}
              onShowExisting={(code, phone) => {
                setPrefill({ code, phone });
                setTab('lookup');
              }}
            />
          )}
        </div>
      )}
    </Layout>
  );
}
