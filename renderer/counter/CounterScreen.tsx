// The counter's working screen: scanning (camera, handheld scanner, typed lookup), the scan result, and the queue.
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { CheckinResult, CounterAction, CounterSnapshot, DeskBooking, DisplaySnapshot, HubServerToCounter, HubServerToDisplay, HubStatus, Ticket } from '../../src/shared/hub-events.js';
import type { PrintTicketArgs } from '../../src/shared/ipc-contract.js';
import { errorBody } from '../../src/shared/reasons.js';
import { CameraPanel } from './CameraPanel.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { deliveredNote, type Note } from './delivered-note.js';
import { PrintTicket } from './PrintTicket.js';
import { ResultPanel, type ResultView } from './ResultPanel.js';
import { SHORTCUTS, type ShortcutAction } from './shortcuts.js';
import { printTicket } from './lib/desk-api.js';
import { createHubClient, type HubAnswer, type HubClient, type PendingAction } from './lib/hub-client.js';
import { acceptScan, createScanGate, type AcceptedScan } from './lib/scan-util.js';
import { outboxKey, type CounterSession } from './lib/session.js';
import { createWedgeDetector, interpretWedgeRead } from './lib/wedge-util.js';

/** How long the same code, seen again, counts as the same showing (the window slides while it stays in view). */
const SAME_SCAN_WINDOW_MS = 4000;

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'number', 'password', 'email', 'url']);
/** Staff are typing into a text field: their keys are theirs, not a scanner's. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)));

interface Props {
  session: CounterSession;
  onUnauthorized: () => void;
}

export function CounterScreen({ session, onUnauthorized }: Props) {
  const { counterId, token } = session;
  const [snapshot, setSnapshot] = useState<CounterSnapshot | null>(null);
  const [status, setStatus] = useState<HubStatus | null>(null);
  const [office, setOffice] = useState<DisplaySnapshot['office'] | null>(null);
  const [counters, setCounters] = useState<DisplaySnapshot['counters']>([]);
  const [hubReachable, setHubReachable] = useState(true);
  const [pending, setPending] = useState<PendingAction[]>([]);
  const [result, setResult] = useState<ResultView | null>(null);
  const [notice, setNotice] = useState<Note | null>(null);
  /** Accepted handheld-scanner reads: the desk has a working scanner, so a camera problem is no news. */
  const [scannerReads, setScannerReads] = useState(0);
  const [selectedTicketId, setSelectedTicketId] = useState<string | null>(null);
  const [transferTo, setTransferTo] = useState('');
  const [lookup, setLookup] = useState('');

  const unauthorizedRef = useRef(onUnauthorized);
  unauthorizedRef.current = onUnauthorized;
  const gate = useMemo(() => createScanGate<ResultView>(SAME_SCAN_WINDOW_MS, () => performance.now()), []);

  const shownRef = useRef<ResultView | null>(null);
  shownRef.current = result;
  const showTicket = useCallback((view: ResultView) => {
    setResult(view);
    // For the scan-latency measurement: when a fresh ticket reaches the screen.
    if (view.kind === 'ticket' && !view.repeat) requestAnimationFrame(() => performance.mark('ticket-shown'));
  }, []);

  const viewOfCheckin = useCallback((answer: HubAnswer<CheckinResult | { matches?: DeskBooking[] }>, label: string, query: string): ResultView => {
    if (answer.ok) {
      const data = answer.data as CheckinResult;
      return { kind: 'ticket', ticket: data.ticket, booking: data.booking, repeat: false, alreadyCheckedIn: data.alreadyCheckedIn };
    }
    if ('queued' in answer) return { kind: 'queued', label, key: answer.key ?? null };
    if (answer.error.error === 'multiple_matches' && Array.isArray(answer.error.matches)) {
      return { kind: 'matches', bookings: answer.error.matches as DeskBooking[], query };
    }
    return { kind: 'refusal', error: answer.error };
  }, []);

  const client: HubClient = useMemo(
    () =>
      createHubClient({
        baseUrl: window.location.origin,
        token,
        storage: window.localStorage,
        storageKey: outboxKey(counterId),
        onChange: (state) => {
          setPending(state.pending);
          setHubReachable(state.reachable);
        },
        onUnauthorized: () => unauthorizedRef.current(),
        onDelivered: (action, answer) => {
          // An action kept while the hub was down finally got its answer: its result replaces the "saved, will be
          // sent" card or note — never left saying it is still waiting.
          const shown = shownRef.current;
          const waitingCardShown = shown?.kind === 'queued' && shown.key === action.key;
          if (answer.ok) {
            const data = answer.data as { snapshot?: CounterSnapshot; ticket?: Ticket | null };
            if (data.snapshot) setSnapshot(data.snapshot);
            const ticket = data.ticket;
            // A ticket the result panel is showing (priority changed meanwhile): show it as it is now.
            if (ticket && shown?.kind === 'ticket' && shown.ticket.id === ticket.id) setResult({ ...shown, ticket });
          }
          if (waitingCardShown && (action.path === '/api/v1/checkins' || action.path === '/api/v1/walk-ins')) {
            const view =
              action.path === '/api/v1/checkins'
                ? viewOfCheckin(answer as HubAnswer<CheckinResult>, action.label, '')
                : answer.ok
                  ? ({ kind: 'ticket', ticket: (answer.data as { ticket: Ticket }).ticket, booking: null, repeat: false, alreadyCheckedIn: false } as const)
                  : ({ kind: 'refusal', error: 'error' in answer ? answer.error : errorBody('internal_error') } as const);
            showTicket(view);
            return;
          }
          setNotice(deliveredNote(action, answer));
        },
      }),
    [counterId, token, showTicket, viewOfCheckin],
  );
  useEffect(() => {
    setPending(client.pending());
    return () => client.close();
  }, [client]);

  // ---------- Live state from the hub ----------
  useEffect(() => {
    const socket: Socket<HubServerToCounter> = io('/counter', { auth: { token }, transports: ['websocket', 'polling'] });
    socket.on('snapshot', (s) => {
      setSnapshot(s);
      setStatus(s.status);
    });
    socket.on('state', (s) => {
      setSnapshot(s);
      setStatus(s.status);
    });
    socket.on('status', setStatus);
    socket.on('connect', () => {
      setHubReachable(true);
      void client.flush();
    });
    socket.on('disconnect', (reason) => {
      setHubReachable(false);
      // A hub that shut down cleanly (restart, update) says goodbye, and socket.io then stops retrying on its own.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
    });
    socket.on('connect_error', (error) => {
      setHubReachable(false);
      if (/unauthori[sz]ed|token/i.test(error.message)) unauthorizedRef.current();
    });
    const display: Socket<HubServerToDisplay> = io('/display', { transports: ['websocket', 'polling'] });
    display.on('snapshot', (s) => {
      setOffice(s.office);
      setCounters(s.counters);
    });
    display.on('state', (s) => setCounters(s.counters));
    return () => {
      socket.close();
      display.close();
    };
  }, [token, client]);

  // ---------- Scanning ----------
  const checkIn = useCallback(
    async (accepted: AcceptedScan | { kind: 'lookup'; scan: string; key: string }) => {
      const label = `tiếp nhận ${accepted.kind === 'token' ? 'mã QR' : accepted.scan}`;
      const answer = await client.post<CheckinResult>('/api/v1/checkins', { scan: accepted.scan, counterId }, label);
      const view = viewOfCheckin(answer, label, accepted.scan);
      gate.remember(accepted.key, view);
      showTicket(view);
    },
    [client, counterId, gate, showTicket, viewOfCheckin],
  );

  /** The acceptance rule for every reader: only well-formed reads go to the hub, and a repeat shows what it got. */
  const handleAccepted = useCallback(
    (accepted: AcceptedScan, source: 'camera' | 'scanner' | 'typed') => {
      if (!gate.admit(accepted.key)) {
        // The same code again within the window: nothing is sent; its ticket is shown again — except when the camera
        // still sees a phone while staff have moved on to the next citizen's ticket.
        const previous = gate.previous(accepted.key);
        const shown = shownRef.current;
        if (previous?.kind !== 'ticket' || (shown?.kind === 'ticket' && (source === 'camera' || shown.ticket.id === previous.ticket.id))) return;
        showTicket({ ...previous, repeat: true });
        return;
      }
      void checkIn(accepted);
    },
    [checkIn, gate, showTicket],
  );

  const handleCameraText = useCallback(
    (text: string) => {
      const verdict = acceptScan(text);
      if (verdict.kind === 'rejected') {
        // A QR from another system stays in view for many frames: say it once per showing.
        if (gate.admit(`rejected:${text}`)) setResult({ kind: 'refusal', error: errorBody('invalid_format') });
        return;
      }
      handleAccepted(verdict, 'camera');
    },
    [gate, handleAccepted],
  );

  // Handheld scanner: listen on the whole page, in the capture phase, unless staff are typing in a field.
  useEffect(() => {
    const detector = createWedgeDetector();
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const at = performance.now();
      if ((event.key === 'Enter' || event.key === 'Tab') && detector.inBurst(at)) event.preventDefault();
      const burst = detector.push({ key: event.key, code: event.code, shift: event.shiftKey, at });
      if (!burst) return;
      const read = interpretWedgeRead(burst);
      if (read.kind === 'garbled') setResult({ kind: 'keyboard', layout: read.layout });
      else if (read.kind === 'rejected') setResult({ kind: 'refusal', error: errorBody('invalid_format') });
      else {
        setScannerReads((n) => n + 1);
        handleAccepted(read, 'scanner');
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [handleAccepted]);

  // Manual: a token pasted, a booking code or a phone number typed by staff → today's matches → check in.
  const runLookup = useCallback(
    async (text: string) => {
      const answer = await client.get<{ bookings: DeskBooking[] }>(`/api/v1/bookings?q=${encodeURIComponent(text)}`);
      if (answer.ok) {
        if (answer.data.bookings.length === 0) setResult({ kind: 'refusal', error: errorBody('not_found') });
        else setResult({ kind: 'matches', bookings: answer.data.bookings, query: text });
      } else if ('queued' in answer) {
        setResult({ kind: 'unreachable', query: text });
      } else {
        setResult({ kind: 'refusal', error: answer.error });
      }
    },
    [client],
  );

  async function submitLookup(event: FormEvent) {
    event.preventDefault();
    const text = lookup.trim();
    if (!text) return;
    const verdict = acceptScan(text);
    if (verdict.kind === 'token') {
      setLookup('');
      return handleAccepted(verdict, 'typed');
    }
    await runLookup(text);
  }

  // A lookup that failed only because the hub was away is run again as soon as the hub is back (a read: harmless),
  // so its connection error does not stay on screen.
  useEffect(() => {
    const shown = shownRef.current;
    if (hubReachable && shown?.kind === 'unreachable') void runLookup(shown.query);
  }, [hubReachable, runLookup]);

  // ---------- Queue actions ----------
  const counterAction = useCallback(
    async (action: CounterAction, body: unknown, label: string) => {
      setNotice(null);
      const answer = await client.post<{ ticket: Ticket | null; snapshot: CounterSnapshot }>(`/api/v1/counters/${encodeURIComponent(counterId)}/${action}`, body, label);
      if (answer.ok) setSnapshot(answer.data.snapshot);
      else if ('queued' in answer) setNotice({ tone: 'waiting', text: `Đã lưu thao tác “${label}”; sẽ gửi khi kết nối lại.`, en: 'Saved; it will be sent when the hub is back.' });
      else setNotice({ tone: 'warn', text: answer.error.message, en: answer.error.messageEn });
    },
    [client, counterId],
  );

  const currentResultTicket = result?.kind === 'ticket' ? result.ticket : null;
  const printArgs: PrintTicketArgs | null = currentResultTicket
    ? {
        officeName: office?.name ?? status?.officeName ?? 'Bộ phận Một cửa',
        ticketNumber: currentResultTicket.number,
        procedureName: currentResultTicket.procedureName,
        slot: currentResultTicket.slot,
        counterName: null,
        hotline: office?.hotline ?? null,
        issuedAt: currentResultTicket.checkedInAt,
        waitingAhead: aheadOf(snapshot, currentResultTicket.id),
      }
    : null;

  const togglePriority = useCallback(async () => {
    if (result?.kind !== 'ticket') return;
    const { ticket } = result;
    const answer = await client.post<{ ticket: Ticket }>(`/api/v1/tickets/${encodeURIComponent(ticket.id)}/priority`, { priority: !ticket.priority }, 'đổi ưu tiên');
    if (answer.ok) setResult({ ...result, ticket: answer.data.ticket });
    else if (!('queued' in answer)) setNotice({ tone: 'warn', text: answer.error.message, en: answer.error.messageEn });
  }, [client, result]);

  const issueWalkIn = useCallback(async () => {
    const answer = await client.post<{ ticket: Ticket }>('/api/v1/walk-ins', { counterId }, 'cấp số vãng lai');
    if (answer.ok) showTicket({ kind: 'ticket', ticket: answer.data.ticket, booking: null, repeat: false, alreadyCheckedIn: false });
    else if ('queued' in answer) setResult({ kind: 'queued', label: 'cấp số vãng lai', key: answer.key ?? null });
    else setResult({ kind: 'refusal', error: answer.error });
  }, [client, counterId, showTicket]);

  const selectedTicket = snapshot?.waiting.find((t) => t.id === selectedTicketId) ?? null;
  const actions: Record<ShortcutAction, () => void> = {
    callNext: () => void counterAction('call-next', {}, 'gọi số tiếp theo'),
    recall: () => void counterAction('recall', {}, 'gọi lại'),
    noShow: () => void counterAction('no-show', {}, 'vắng mặt'),
    transfer: () => {
      if (!transferTo) return setNotice({ tone: 'warn', text: 'Chọn quầy cần chuyển đến.', en: 'Choose the counter to transfer to.' });
      void counterAction('transfer', { toCounterId: transferTo }, 'chuyển quầy');
    },
    walkIn: () => {
      if (status?.walkInsAllowed) void issueWalkIn();
    },
    finish: () => void counterAction('finish', {}, 'hoàn thành'),
    callChosen: () => {
      if (!selectedTicket) return setNotice({ tone: 'warn', text: 'Chọn một số trong danh sách chờ.', en: 'Choose a ticket in the waiting list.' });
      void counterAction('call', { number: selectedTicket.number }, `gọi số ${selectedTicket.number}`);
      setSelectedTicketId(null);
    },
    print: () => {
      if (printArgs) void printTicket(printArgs).then((r) => !r.printed && setNotice({ tone: 'warn', text: r.failureReason ?? 'Không in được phiếu.', en: 'The ticket was not printed.' }));
    },
    priority: () => void togglePriority(),
  };
  const actionsRef = useRef(actions);
  actionsRef.current = actions;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const name = event.altKey ? `Alt+${event.key.toUpperCase()}` : event.key;
      const entry = (Object.entries(SHORTCUTS) as [ShortcutAction, string][]).find(([, key]) => key === name);
      if (!entry) return;
      event.preventDefault();
      actionsRef.current[entry[0]]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const current = snapshot?.current ?? null;
  return (
    <div className="counter-app">
      <header className="topbar">
        <div>
          <h1>{counterTitle(snapshot, counterId)}</h1>
          <div className="muted">{office?.name ?? status?.officeName ?? 'Đang kết nối tới máy chủ văn phòng…'}</div>
        </div>
        <div className="topbar-stats">
          {status && (
            <>
              <span>Đã tiếp nhận: {status.checkedIn}/{status.bookingsToday}</span>
              <span>
                Phòng chờ: {status.occupancy}/{status.cap}
              </span>
              <span>Cấp độ dịch: {status.epidemicLevel}</span>
            </>
          )}
        </div>
      </header>
      <ConnectionBanner hubReachable={hubReachable} status={status} pending={pending} />

      <main className="columns">
        <section className="col col-scan">
          <CameraPanel onText={handleCameraText} scannerReads={scannerReads} />
          <form className="card lookup" onSubmit={submitLookup}>
            <label htmlFor="lookup">Tra cứu bằng mã đặt lịch hoặc số điện thoại</label>
            <div className="row">
              <input id="lookup" value={lookup} onChange={(e) => setLookup(e.target.value)} placeholder="VD: 7K3M9QX2 hoặc 0912345678" autoComplete="off" maxLength={700} />
              <button type="submit">Tìm</button>
            </div>
            <p className="muted small">Máy quét cầm tay: quét bất cứ lúc nào (không cần bấm vào ô này).</p>
          </form>
        </section>

        <section className="col col-result" aria-live="polite">
          <ResultPanel
            result={result}
            onPriority={() => actions.priority()}
            onPrint={() => actions.print()}
            onCheckIn={(code) => void checkIn({ kind: 'lookup', scan: code, key: code })}
          />
        </section>

        <section className="col col-queue">
          <div className="card now-serving">
            <div className="label">Đang phục vụ</div>
            <div className="now-number" id="now-serving">{current ? current.number : '—'}</div>
            {current && (
              <div className="muted">
                {current.citizenName ?? 'Khách vãng lai'}
                {current.procedureName ? ` · ${current.procedureName}` : ''}
              </div>
            )}
          </div>
          {notice && (
            <p className={`notice notice-${notice.tone}`} role={notice.tone === 'warn' ? 'alert' : 'status'} data-testid="queue-notice">
              {notice.text}
              {notice.en && <span className="en"> {notice.en}</span>}
            </p>
          )}
          <div className="actions">
            <ActionButton label="Gọi số tiếp theo" shortcut={SHORTCUTS.callNext} onClick={actions.callNext} primary />
            <ActionButton label="Gọi lại" shortcut={SHORTCUTS.recall} onClick={actions.recall} disabled={!current} />
            <ActionButton label="Vắng mặt" shortcut={SHORTCUTS.noShow} onClick={actions.noShow} disabled={!current} />
            <ActionButton label="Hoàn thành" shortcut={SHORTCUTS.finish} onClick={actions.finish} disabled={!current} />
            <ActionButton label="Gọi số đã chọn" shortcut={SHORTCUTS.callChosen} onClick={actions.callChosen} disabled={!selectedTicket} />
            <div className="transfer">
              <select
                value={transferTo}
                onChange={(e) => {
                  setTransferTo(e.target.value);
                  e.currentTarget.blur(); // a focused list would take a scanner's letters as a new choice
                }}
                aria-label="Chuyển đến quầy"
              >
                <option value="">Chuyển đến quầy…</option>
                {counters
                  .filter((c) => c.id !== counterId)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {counterLabel(c.number, c.name)}
                    </option>
                  ))}
              </select>
              <ActionButton label="Chuyển" shortcut={SHORTCUTS.transfer} onClick={actions.transfer} disabled={!current} />
            </div>
            {status?.walkInsAllowed && <ActionButton label="Cấp số vãng lai" shortcut={SHORTCUTS.walkIn} onClick={actions.walkIn} />}
          </div>
          <div className="card waiting">
            <div className="waiting-head">
              <strong>Danh sách chờ ({snapshot?.counts.waiting ?? 0})</strong>
              <span className="muted small">
                Đã xong {snapshot?.counts.servedToday ?? 0} · Vắng {snapshot?.counts.noShowToday ?? 0}
              </span>
            </div>
            <ol className="waiting-list">
              {(snapshot?.waiting ?? []).map((t) => (
                <li key={t.id}>
                  <button type="button" className={t.id === selectedTicketId ? 'selected' : ''} onClick={() => setSelectedTicketId(t.id === selectedTicketId ? null : t.id)}>
                    <span className="wl-number">{t.number}</span>
                    <span className="wl-name">{t.citizenName ?? 'Vãng lai'}</span>
                    {t.slot && <span className="wl-slot">{t.slot}</span>}
                    {t.priority && <span className="badge badge-priority">Ưu tiên</span>}
                    {t.late && <span className="badge badge-late">Trễ</span>}
                  </button>
                </li>
              ))}
              {snapshot && snapshot.waiting.length === 0 && <li className="muted">Không có ai đang chờ.</li>}
            </ol>
          </div>
        </section>
      </main>
      {printArgs && <PrintTicket args={printArgs} />}
    </div>
  );
}

/** How many wait before this ticket in this counter's call order; null when it is not in that list. */
function aheadOf(snapshot: CounterSnapshot | null, ticketId: string): number | null {
  const index = snapshot?.waiting.findIndex((t) => t.id === ticketId) ?? -1;
  return index >= 0 ? index : null;
}

function counterTitle(snapshot: CounterSnapshot | null, counterId: string): string {
  return snapshot ? counterLabel(snapshot.counter.number, snapshot.counter.name) : `Quầy ${counterId}`;
}

/** "Quầy 2", or "Quầy 2 – Tiếp nhận GTVT" when the counter has its own name. */
function counterLabel(number: number, name: string): string {
  return name === `Quầy ${number}` ? name : `Quầy ${number} – ${name}`;
}

function ActionButton(props: { label: string; shortcut: string; onClick: () => void; disabled?: boolean; primary?: boolean }) {
  return (
    <button type="button" className={props.primary ? 'primary action' : 'action'} onClick={props.onClick} disabled={props.disabled} aria-keyshortcuts={props.shortcut}>
      {props.label} <kbd>{props.shortcut}</kbd>
    </button>
  );
}
