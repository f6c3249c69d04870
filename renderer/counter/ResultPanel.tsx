// What a scan, lookup or walk-in gave: the ticket, a refusal, the keyboard-layout hint, a list of matches.
import type { DeskBooking, Ticket } from '../../src/shared/hub-events.js';
import { errorBody, type ErrorBody } from '../../src/shared/reasons.js';
import { SHORTCUTS } from './shortcuts.js';
import type { KeyboardLayoutGuess } from './lib/wedge-util.js';

export type ResultView =
  | { kind: 'ticket'; ticket: Ticket; booking: DeskBooking | null; repeat: boolean; alreadyCheckedIn: boolean }
  | { kind: 'refusal'; error: ErrorBody }
  | { kind: 'keyboard'; layout: KeyboardLayoutGuess }
  | { kind: 'matches'; bookings: DeskBooking[]; query: string }
  /** Kept in the outbox under `key` until the hub is back; replaced by its result when it is delivered. */
  | { kind: 'queued'; label: string; key: string | null }
  /** A lookup the hub could not answer because it was unreachable; run again when the hub is back. */
  | { kind: 'unreachable'; query: string };

const LAYOUT_NAMES: Record<KeyboardLayoutGuess, string> = {
  azerty: 'bàn phím tiếng Pháp (AZERTY)',
  qwertz: 'bàn phím tiếng Đức (QWERTZ)',
  'vietnamese-ime': 'bộ gõ tiếng Việt (Telex/VNI)',
  other: 'bàn phím không phải English (US)',
};

export function ResultPanel(props: { result: ResultView | null; onPriority: () => void; onPrint: () => void; onCheckIn: (code: string) => void }) {
  const { result } = props;
  if (!result) {
    return (
      <div className="card result-empty">
        <p className="big-hint">Đưa mã QR vào camera hoặc quét bằng máy quét.</p>
        <p className="muted">Show the booking QR to the camera or scan it with the handheld scanner.</p>
      </div>
    );
  }
  switch (result.kind) {
    case 'ticket': {
      const { ticket, booking } = result;
      return (
        <div className="card result-ticket" id="scan-result">
          <div className="label">Số thứ tự</div>
          <div className="ticket-number" id="ticket-number">{ticket.number}</div>
          {result.alreadyCheckedIn ? (
            <p className="info">Công dân đã được tiếp nhận trước đó — vẫn là số này, không cấp số mới.</p>
          ) : result.repeat ? (
            <p className="info">Mã này vừa được quét — vẫn là số này, không cấp số mới.</p>
          ) : null}
          <dl className="ticket-facts">
            <dt>Công dân</dt>
            <dd className="citizen">{ticket.citizenName ?? booking?.citizenName ?? 'Khách vãng lai'}</dd>
            <dt>Thủ tục</dt>
            <dd>{ticket.procedureName ?? booking?.procedureName ?? '—'}</dd>
            {ticket.slot && (
              <>
                <dt>Giờ hẹn</dt>
                <dd>
                  {ticket.slot}
                  {booking ? `–${booking.slotEnd}` : ''}{' '}
                  {ticket.kind === 'booked' && <span className={ticket.late ? 'badge badge-late' : 'badge badge-ontime'}>{ticket.late ? 'Đến trễ' : 'Đúng giờ'}</span>}
                </dd>
              </>
            )}
            {booking && (
              <>
                <dt>Mã đặt lịch</dt>
                <dd className="mono">
                  {booking.code} · {booking.phoneMasked}
                </dd>
              </>
            )}
          </dl>
          <div className="row">
            <button type="button" className={ticket.priority ? 'toggle on' : 'toggle'} onClick={props.onPriority} aria-pressed={ticket.priority} aria-keyshortcuts="Alt+P">
              {ticket.priority ? '★ Đang ưu tiên' : '☆ Ưu tiên'} <span className="muted small">(người cao tuổi, khuyết tật, mang thai)</span> <kbd>Alt+P</kbd>
            </button>
            <button type="button" className="primary" onClick={props.onPrint} aria-keyshortcuts={SHORTCUTS.print}>
              In phiếu <kbd>{SHORTCUTS.print}</kbd>
            </button>
          </div>
        </div>
      );
    }
    case 'refusal':
      return (
        <div className="card result-refusal" id="scan-result" role="alert">
          <div className="label">Không tiếp nhận được</div>
          <p className="refusal-text">{result.error.message}</p>
          <p className="muted small">{result.error.messageEn}</p>
        </div>
      );
    case 'keyboard':
      return (
        <div className="card result-keyboard" id="scan-result" role="alert">
          <div className="label">Máy quét gõ sai ký tự — chưa tiếp nhận</div>
          <p className="refusal-text">{errorBody('keyboard_layout').message}</p>
          <p>
            Nhận thấy: <strong>{LAYOUT_NAMES[result.layout]}</strong>. Hãy chuyển bàn phím sang English (US) / tắt bộ gõ (Unikey: Ctrl+Shift), rồi quét lại.
          </p>
          <p className="muted small">{errorBody('keyboard_layout').messageEn}</p>
        </div>
      );
    case 'matches':
      return (
        <div className="card result-matches" id="scan-result">
          <div className="label">Lịch hẹn hôm nay khớp “{result.query}”</div>
          <ul className="matches">
            {result.bookings.map((b) => (
              <li key={b.code}>
                <div>
                  <strong>{b.citizenName}</strong> · {b.phoneMasked}
                  <div className="muted small">
                    {b.procedureName} · {b.slot}–{b.slotEnd} · mã {b.code}
                  </div>
                </div>
                {b.status === 'booked' ? (
                  <button type="button" className="primary" onClick={() => props.onCheckIn(b.code)}>
                    Tiếp nhận
                  </button>
                ) : (
                  <span className="muted">{STATUS_NAMES[b.status]}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'queued':
      return (
        <div className="card result-waiting" id="scan-result" role="status">
          <div className="label">Đang chờ kết nối</div>
          <p>Đã lưu thao tác “{result.label}”. Máy sẽ tự gửi khi kết nối lại với hub — không mất, không trùng.</p>
          <p className="muted small">Saved; it will be sent when the office hub is back — nothing lost, nothing done twice.</p>
        </div>
      );
    case 'unreachable':
      return (
        <div className="card result-waiting" id="scan-result" role="status">
          <div className="label">Chưa tra cứu được</div>
          <p className="waiting-text">Không tra cứu được “{result.query}”: mất kết nối tới máy chủ văn phòng (hub). Sẽ tự tra cứu lại khi kết nối lại.</p>
          <p className="muted small">Lookup failed: the office hub cannot be reached. It will run again by itself when the hub is back.</p>
        </div>
      );
  }
}

const STATUS_NAMES: Record<DeskBooking['status'], string> = {
  booked: 'Chưa đến',
  checked_in: 'Đã tiếp nhận',
  served: 'Đã giải quyết',
  no_show: 'Vắng mặt',
  cancelled: 'Đã hủy',
};

