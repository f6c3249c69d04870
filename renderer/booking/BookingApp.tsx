// The citizen page (served at `/`): book, see the confirmation, or look up / cancel / reschedule.
import { useState } from 'react';
import type { Lang } from './booking-util.js';
import { BookingForm, type BookedSummary } from './BookingForm.js';
import { Confirmation } from './Confirmation.js';
import { text } from './i18n.js';
import { Layout, Tabs } from './Layout.js';
import { Lookup } from './Lookup.js';
import { useOfficeNow } from './use-office-clock.js';

type Tab = 'book' | 'lookup';

export function BookingApp() {
  const [lang, setLang] = useState<Lang>('vi');
  const [tab, setTab] = useState<Tab>('book');
  const [summary, setSummary] = useState<BookedSummary | null>(null);
  const [prefill, setPrefill] = useState<{ code: string; phone: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
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
        <Lookup key={prefill?.code ?? 'empty'} now={now} initialCode={prefill?.code} initialPhone={prefill?.phone} />
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
          onBooked={setSummary}
          onShowExisting={(code, phone) => {
            setPrefill({ code, phone });
            setTab('lookup');
          }}
        />
      )}
    </Layout>
  );
}
