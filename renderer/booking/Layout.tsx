// Page frame: title, language toggle, and the tab buttons shared by both pages.
import type { ReactNode } from 'react';
import type { Lang } from './booking-util.js';
import { LangContext, text } from './i18n.js';

export function Layout(props: { lang: Lang; onLang: (lang: Lang) => void; title: string; subtitle?: string; children: ReactNode }) {
  const { lang, onLang, title, subtitle, children } = props;
  return (
    <LangContext.Provider value={lang}>
      <header className="top no-print">
        <div>
          <p className="brand">MotCua</p>
          <h1>{title}</h1>
          {subtitle && <p className="subtitle">{subtitle}</p>}
        </div>
        <button
          type="button"
          className="lang"
          lang={lang === 'vi' ? 'en' : 'vi'}
          onClick={() => onLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {text(lang, 'switchLang')}
        </button>
      </header>
      <main lang={lang}>{children}</main>
    </LangContext.Provider>
  );
}

export function Tabs<T extends string>(props: { value: T; onChange: (value: T) => void; tabs: { value: T; label: string }[] }) {
  return (
    <nav className="tabs no-print" aria-label="Menu">
      {props.tabs.map((tab) => (
        <button
          key={tab.value}
          type="button"
          className="tab"
          aria-current={props.value === tab.value ? 'page' : undefined}
          onClick={() => props.onChange(tab.value)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
