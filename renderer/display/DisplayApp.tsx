/** The waiting-room screen: called numbers per counter, the latest calls, occupancy, clock, notice line. */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallEvent, DisplayCounter, DisplaySnapshot } from '../../src/shared/hub-events.js';
import { localDate, localTime, weekdayOf } from '../../src/shared/time.js';
import { textForCall } from './announce-clips.js';
import { createAnnouncer, type Announcement } from './announce-queue.js';
import { STORAGE_KEY, resolveSettings, type DisplaySettings } from './display-settings.js';
import { occupancyLevel } from './display-state.js';
import { useDisplayFeed } from './use-display-feed.js';
import type { WebAudioPlayer } from './web-audio-player.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

/** Settings for this page load: the URL's query over what localStorage remembers. */
export function loadSettings(): DisplaySettings {
  let stored: unknown = null;
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    // Unreadable or garbled storage: defaults and the URL still apply.
  }
  return resolveSettings(stored, location.search);
}

export function DisplayApp({ player }: { player: WebAudioPlayer }) {
  const [settings, setSettings] = useState<DisplaySettings>(loadSettings);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
    } catch {
      // Private mode or full storage: settings still apply for this session.
    }
  }, [settings]);

  const [speaking, setSpeaking] = useState<Announcement | null>(null);
  const clockOffsetRef = useRef(0);
  const announcer = useMemo(
    () =>
      createAnnouncer({
        player,
        settings: () => settingsRef.current,
        now: () => Date.now() + clockOffsetRef.current,
        onSpeaking: (announcement) => {
          setSpeaking(announcement);
          if (announcement) console.info(`[display] announcing: ${textForCall(announcement.call)}`);
        },
        onError: (error, clip) => console.warn(`[display] clip ${clip} not played`, error),
      }),
    [player],
  );
  const onCall = useCallback(
    (call: CallEvent) => announcer.announce({ id: call.id, at: call.at, call: { ticketNumber: call.ticketNumber, counterNumber: call.counterNumber, recall: call.recall } }),
    [announcer],
  );
  const screen = useDisplayFeed(onCall);
  clockOffsetRef.current = screen.clockOffsetMs;

  const [soundBlocked, setSoundBlocked] = useState(() => player.blocked());
  useEffect(() => player.onBlockedChange(setSoundBlocked), [player]);
  // Where autoplay is allowed the audio context still starts "suspended" for a moment: don't flash the button.
  const [soundPromptDue, setSoundPromptDue] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSoundPromptDue(true), 1_500);
    return () => clearTimeout(timer);
  }, []);

  const toast = useSettingsKeys(settings, setSettings);
  // Where autoplay is blocked (a plain browser), one click enables sound. It sits in the footer row with the figures,
  // so it never covers the notice line or a number, at any screen size.
  const soundButton =
    soundBlocked && soundPromptDue && !settings.muted ? (
      <button className="sound-button" type="button" onClick={() => void player.unlock()}>
        <SpeakerIcon /> Bật âm thanh <span className="en">Enable sound</span>
      </button>
    ) : null;

  return (
    <div
      className="display"
      data-connected={screen.connected}
      data-sound={settings.muted ? 'muted' : soundBlocked ? 'blocked' : 'on'}
      data-announcing={speaking?.call.ticketNumber ?? ''}
    >
      {screen.data ? (
        <Board data={screen.data} clockOffsetMs={screen.clockOffsetMs} speakingId={speaking?.id ?? null} soundButton={soundButton} />
      ) : (
        <Connecting soundButton={soundButton} />
      )}
      {!screen.connected && screen.data && (
        <div className="offline-mark" role="status" data-testid="offline-mark">
          <span className="dot" /> Mất kết nối <span className="en">Offline</span>
        </div>
      )}
      {toast && (
        <div className="toast" role="status">
          {toast.icon && <SpeakerIcon muted={toast.icon === 'muted'} />} {toast.text}
        </div>
      )}
    </div>
  );
}

/**
 * A loudspeaker drawn inline: TV PCs often have no emoji font, where 🔊 would be an empty box. `currentColor`, sized
 * by the text around it.
 */
function SpeakerIcon({ muted = false }: { muted?: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-testid="speaker-icon">
      <path d="M3 9.5h4l5.5-4.5v14L7 14.5H3z" fill="currentColor" />
      {muted ? (
        <path d="M16 9.5l5 5m0-5l-5 5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      ) : (
        <path d="M15.5 9a4 4 0 0 1 0 6M18.3 6.3a8 8 0 0 1 0 11.4" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      )}
    </svg>
  );
}

function Connecting({ soundButton }: { soundButton: ReactNode }) {
  return (
    <div className="connecting" role="status">
      <div className="spinner" />
      <p>Đang kết nối tới máy chủ một cửa…</p>
      <p className="en">Connecting to the office hub…</p>
      {soundButton && <div className="connecting-sound">{soundButton}</div>}
    </div>
  );
}

function Board({ data, clockOffsetMs, speakingId, soundButton }: { data: DisplaySnapshot; clockOffsetMs: number; speakingId: string | null; soundButton: ReactNode }) {
  const newest = data.recentCalls[0] ?? null;
  return (
    <>
      <header className="top">
        <div className="office">
          <div className="office-kicker">Bộ phận Một cửa · Mời công dân ngồi chờ đến lượt</div>
          <h1 className="office-name">{data.office.name}</h1>
        </div>
        <OfficeClock clockOffsetMs={clockOffsetMs} />
      </header>
      <main className="middle">
        <section className="hero" aria-live="polite" data-testid="hero">
          {newest ? (
            <>
              <div className="label">
                {newest.recall ? 'Xin nhắc lại số' : 'Mời số'} <span className="en">{newest.recall ? 'Calling again' : 'Now serving'}</span>
              </div>
              <div className={`hero-call${newest.id === speakingId ? ' speaking' : ''}`} key={newest.id}>
                <span className="hero-number" data-testid="hero-number">{newest.ticketNumber}</span>
                <span className="hero-arrow">➜</span>
                <span className="hero-counter">{newest.counterName}</span>
              </div>
            </>
          ) : (
            <div className="hero-idle">
              Xin kính chào quý công dân
              <span className="en">Welcome — please take a seat and wait for your number</span>
            </div>
          )}
          <Counters counters={data.counters} />
        </section>
        <section className="recent" data-testid="recent-calls">
          <h2>
            Vừa gọi <span className="en">Recent calls</span>
          </h2>
          <ol>
            {data.recentCalls.map((call, i) => (
              <li key={call.id} className={i === 0 ? 'newest' : ''} data-testid="recent-call">
                <span>
                  <span className="number">{call.ticketNumber}</span>
                  {call.recall && <span className="recall-badge">nhắc lại</span>}
                </span>
                <span className="counter">{call.counterName}</span>
              </li>
            ))}
            {data.recentCalls.length === 0 && <li className="empty">Chưa gọi số nào</li>}
          </ol>
        </section>
      </main>
      <footer className="bottom">
        <div className="figures-row">
          <Figures waiting={data.waiting} occupancy={data.occupancy} cap={data.cap} />
          {soundButton}
        </div>
        <Notice notice={data.notice} hotline={data.office.hotline} />
      </footer>
    </>
  );
}

function Counters({ counters }: { counters: DisplayCounter[] }) {
  const sorted = [...counters].sort((a, b) => a.number - b.number);
  return (
    <ul className="counters" data-testid="counters">
      {sorted.map((c) => (
        <li key={c.id} className="counter-card" data-testid={`counter-${c.id}`}>
          <span className="counter-name">{c.name}</span>
          <span className="counter-number" data-testid="counter-current">{c.currentNumber ?? '—'}</span>
        </li>
      ))}
    </ul>
  );
}

function Figures({ waiting, occupancy, cap }: { waiting: number; occupancy: number; cap: number }) {
  const ratio = cap > 0 ? occupancy / cap : 0;
  const level = occupancyLevel(occupancy, cap);
  return (
    <div className="figures">
      <div className="figure" data-testid="waiting">
        <span className="figure-label">
          Đang chờ <span className="en">Waiting</span>
        </span>
        <span className="figure-value">{waiting}</span>
      </div>
      <div className={`figure occupancy ${level}`} data-testid="occupancy">
        <span className="figure-label">
          Phòng chờ <span className="en">Room</span>
        </span>
        <span className="figure-value">
          {occupancy}/{cap}
        </span>
        <span className="bar">
          <span className="fill" style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
        </span>
        {level === 'full' && <span className="full-note">Đã đủ chỗ — vui lòng chờ bên ngoài</span>}
      </div>
    </div>
  );
}

function Notice({ notice, hotline }: { notice: string; hotline: string }) {
  const hotlineText = hotline && !notice.includes(hotline) ? `Tổng đài hỗ trợ, đặt lịch hẹn: ${hotline}` : '';
  const text = [notice, hotlineText].filter(Boolean).join('   •   ');
  return (
    <div className="notice" data-testid="notice">
      {/* Two copies side by side make the scroll seamless. */}
      <div className="notice-track">
        <span>{text}</span>
        <span aria-hidden="true">{text}</span>
      </div>
    </div>
  );
}

function OfficeClock({ clockOffsetMs }: { clockOffsetMs: number }) {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs);
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), 1_000);
    return () => clearInterval(timer);
  }, [clockOffsetMs]);
  const date = localDate(now);
  const [y, m, d] = date.split('-');
  return (
    <div className="clock" data-testid="clock">
      <div className="clock-time">{localTime(now)}</div>
      <div className="clock-date">
        {WEEKDAYS[weekdayOf(date)]}, {d}/{m}/{y}
      </div>
    </div>
  );
}

/** M mutes, +/− (or ↑/↓ on a TV remote) change the volume; a short note confirms. */
interface Toast {
  text: string;
  icon?: 'sound' | 'muted';
}

function useSettingsKeys(settings: DisplaySettings, setSettings: (next: DisplaySettings) => void): Toast | null {
  const [toast, setToast] = useState<Toast | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 2_000);
    return () => clearTimeout(timer);
  }, [toast]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'm' || event.key === 'M') {
        setSettings({ ...settings, muted: !settings.muted });
        setToast(settings.muted ? { icon: 'sound', text: 'Đã bật tiếng' } : { icon: 'muted', text: 'Đã tắt tiếng' });
        return;
      }
      const step = ['+', '=', 'ArrowUp'].includes(event.key) ? 0.1 : ['-', 'ArrowDown'].includes(event.key) ? -0.1 : 0;
      if (step === 0) return;
      const volume = Math.round(Math.min(1, Math.max(0, settings.volume + step)) * 10) / 10;
      setSettings({ ...settings, volume });
      setToast({ icon: volume === 0 ? 'muted' : 'sound', text: `Âm lượng ${Math.round(volume * 100)}%` });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [settings, setSettings]);
  return toast;
}
