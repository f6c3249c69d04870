// The note under "Đang phục vụ": what a queue action did, or that it waits for the hub — and, once an action kept
// while the hub was down is delivered, what it actually did (never left saying it is still waiting). Pure.
import type { Ticket } from '../../src/shared/hub-events.js';
import type { HubAnswer, PendingAction } from './lib/hub-client.js';

export interface Note {
  /** `waiting`: kept in the outbox; `done`: a saved action went through; `warn`: refused or needs staff. */
  tone: 'waiting' | 'done' | 'warn';
  text: string;
  /** English, shown small after the Vietnamese. */
  en?: string;
}

/** What an action did, by its path (the ticket is the hub's answer), in Vietnamese and English. */
function outcome(path: string, ticket: Ticket | null): { vi: string; en: string } | null {
  if (!ticket) return null;
  const n = ticket.number;
  const action = path.split('/').pop() ?? '';
  if (path === '/api/v1/checkins') return { vi: `số ${n}${ticket.citizenName ? ` – ${ticket.citizenName}` : ''}`, en: `ticket ${n}` };
  if (path === '/api/v1/walk-ins') return { vi: `đã cấp số vãng lai ${n}`, en: `walk-in ticket ${n} issued` };
  if (action === 'priority') return ticket.priority ? { vi: `số ${n} được ưu tiên`, en: `ticket ${n} has priority` } : { vi: `số ${n} bỏ ưu tiên`, en: `ticket ${n} no longer has priority` };
  switch (action) {
    case 'call-next':
    case 'call':
      return { vi: `mời số ${n}`, en: `now serving ${n}` };
    case 'recall':
      return { vi: `đã gọi lại số ${n}`, en: `${n} called again` };
    case 'no-show':
      return { vi: `số ${n} vắng mặt`, en: `${n} marked absent` };
    case 'finish':
      return { vi: `số ${n} đã hoàn thành`, en: `${n} finished` };
    case 'transfer':
      return { vi: `đã chuyển số ${n}`, en: `${n} transferred` };
    default:
      return { vi: `số ${n}`, en: `ticket ${n}` };
  }
}

/** The note for an action that waited in the outbox and has now been answered by the hub. */
export function deliveredNote(action: PendingAction, answer: HubAnswer<unknown>): Note {
  const head = `Đã gửi “${action.label}” (lưu lúc mất kết nối)`;
  if (!answer.ok) {
    // The hub refused it (e.g. nobody left waiting): that is the result staff need to see.
    if ('error' in answer) return { tone: 'warn', text: `${head}: ${answer.error.message}`, en: `Saved action sent: ${answer.error.messageEn}` };
    return { tone: 'waiting', text: `Đã lưu thao tác “${action.label}”; sẽ gửi khi kết nối lại.`, en: 'Saved; it will be sent when the hub is back.' };
  }
  const ticket = (answer.data as { ticket?: Ticket | null } | null)?.ticket ?? null;
  const what = outcome(action.path, ticket);
  return what ? { tone: 'done', text: `${head}: ${what.vi}.`, en: `Saved action sent: ${what.en}.` } : { tone: 'done', text: `${head}: xong.`, en: 'Saved action sent: done.' };
}
