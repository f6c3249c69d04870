/** The note that replaces "saved, will be sent" once an action kept while the hub was down is delivered. */
import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/shared/hub-events.js';
import { errorBody } from '../../src/shared/reasons.js';
import { deliveredNote } from '../../renderer/counter/delivered-note.js';
import type { PendingAction } from '../../renderer/counter/lib/hub-client.js';

const action = (path: string, label: string): PendingAction => ({ key: 'k', path, body: {}, label, at: 0 });
const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 't1', number: '1005', groupId: 'g', kind: 'booked', status: 'called', priority: false, bookingCode: null, procedureCode: null,
  procedureName: null, slot: null, late: false, counterId: 'q1', targetCounterId: null, checkedInAt: 0, calledAt: 0, finishedAt: null,
  citizenName: null, ...over,
});

describe('deliveredNote', () => {
  it('says what a delivered queue action did: the called number', () => {
    const note = deliveredNote(action('/api/v1/counters/q1/call-next', 'gọi số tiếp theo'), { ok: true, status: 200, data: { ticket: ticket(), snapshot: {} } });
    expect(note).toEqual({ tone: 'done', text: 'Đã gửi “gọi số tiếp theo” (lưu lúc mất kết nối): mời số 1005.', en: 'Saved action sent: now serving 1005.' });
    expect(note.text).not.toContain('sẽ gửi');
    expect(note.text).toBe(note.text.normalize('NFC'));
  });

  it('shows the hub refusal when the delivered action could not be done (nobody left waiting)', () => {
    const note = deliveredNote(action('/api/v1/counters/q1/call-next', 'gọi số tiếp theo'), { ok: false, status: 404, error: errorBody('queue_empty') });
    expect(note.tone).toBe('warn');
    expect(note.text).toBe('Đã gửi “gọi số tiếp theo” (lưu lúc mất kết nối): Không còn ai đang chờ ở quầy này.');
    expect(note.en).toBe('Saved action sent: Nobody is waiting at this counter.');
  });

  it('names the outcome of the other actions', () => {
    const ok = (path: string, t: Ticket | null) => deliveredNote(action(path, 'x'), { ok: true, status: 200, data: { ticket: t } }).text;
    expect(ok('/api/v1/counters/q1/recall', ticket())).toContain('đã gọi lại số 1005');
    expect(ok('/api/v1/counters/q1/no-show', ticket())).toContain('số 1005 vắng mặt');
    expect(ok('/api/v1/counters/q1/finish', ticket())).toContain('số 1005 đã hoàn thành');
    expect(ok('/api/v1/counters/q1/transfer', ticket())).toContain('đã chuyển số 1005');
    expect(ok('/api/v1/tickets/t1/priority', ticket({ priority: true }))).toContain('số 1005 được ưu tiên');
    expect(ok('/api/v1/walk-ins', ticket({ kind: 'walk_in' }))).toContain('đã cấp số vãng lai 1005');
    expect(ok('/api/v1/checkins', ticket({ citizenName: 'Nguyễn Văn An' }))).toContain('số 1005 – Nguyễn Văn An');
    expect(ok('/api/v1/counters/q1/finish', null)).toContain(': xong.');
  });
});
