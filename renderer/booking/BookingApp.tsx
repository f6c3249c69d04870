// The citizen page (served at `/`): book, see the confirmation, or look up / cancel / reschedule.
import { useState } from 'react';
import { formatDate, spacedCode, type Lang } from './booking-util.js';
import { BookingForm, type BookedSummary } from './BookingForm.js';
import { Confirmation } from './Confirmation.js';
import { text } from './i18n.js';
import { Layout, Tabs } from './Layout.js';
import { Lookup } from './Lookup.js';
import { forgetBooking, loadSavedBookings, saveBooking, type SavedBooking } from './saved-bookings.js';
import { useOfficeNow, type OfficeNow } from './use-office-clock.js';

/** Bookings kept on this phone: one tap reopens the QR. */
function SavedBookings(props: { now: OfficeNow; lang: Lang; onOpen: (saved: SavedBooking) => void }) {
  const saved = loadSavedBookings(props.now.today);
  if (saved.length === 0) return null;
  return (
    <section aria-labelledby="saved-title" className="saved">
      <h2 id="saved-title">{text(props.lang, 'savedTitle')}</h2>
      <ul>
        {saved.map((booking) => (
          <li key={booking.code}>
            <button type="button" className="button secondary saved-item" data-saved={booking.code} onClick={() => props.onOpen(booking)}>
              <span className="saved-code">{spacedCode(booking.code)}</span>
              <span>
                {booking.slot} · {formatDate(booking.date)} · {booking.officeName}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Tab = 'book' | 'lookup';

export function BookingApp() {
  const [lang, setLang] = useState<Lang>('vi');
  const [tab, setTab] = useState<Tab>('book');
  const [summary, setSummary] = useState<BookedSummary | null>(null);
  const [prefill, setPrefill] = useState<{ code: string; phone: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  // Bumped when the saved list changes, so it re-reads localStorage.
  const [, setSavedVersion] = useState(0);
  const now = useOfficeNow();
  const t = (key: Parameters<typeof text>[1]) => text(lang, key);

  return (
    <Layout lang={lang} onLang={setLang} title={t('appTitle')}>
      <Tabs
        value={tab}
        onChange={(next) => {
          setTab(next);
          setPrefill(null);
        }}
        tabs={[
          { value: 'book', label: t('tabBook') },
          { value: 'lookup', label: t('tabLookup') },
        ]}
      />
      {!now ? (
        <p role="status">{t('loading')}</p>
      ) : tab === 'lookup' ? (
        <>
          <SavedBookings now={now} lang={lang} onOpen={(saved) => setPrefill({ code: saved.code, phone: saved.phone })} />
          <Lookup
            key={prefill?.code ?? 'empty'}
            now={now}
            initialCode={prefill?.code}
            initialPhone={prefill?.phone}
            onViewed={(view, phone) => {
              if (view.status === 'booked') {
                saveBooking({ code: view.code, phone, date: view.date, slot: view.slot, officeName: view.officeName }, now.today);
              } else {
                forgetBooking(view.code, now.today);
              }
              setSavedVersion((n) => n + 1);
            }}
          />
        </>
      ) : summary ? (
        <Confirmation
          summary={summary}
          onNew={() => {
            setSummary(null);
            setFormKey((n) => n + 1);
          }}
        />
      ) : (
        <BookingForm
          key={formKey}
          now={now}
          onBooked={(booked) => {
            const { created, office, phone } = booked;
            saveBooking({ code: created.code, phone, date: created.date, slot: created.slot, officeName: office.name }, now.today);
            setSummary(booked);
          }}
          onShowExisting={(code, phone) => {
            setPrefill({ code, phone });
            setTab('lookup');
          }}
        />
      )}
    </Layout>
  );
}
