import { describe, expect, it } from 'vitest';
import type { OfficeConfig } from '../../src/shared/api.js';
import { createManualClock } from '../../src/shared/time.js';
import { issueWalkIn } from '../../src/desk/checkin/checkin.js';
import { migrate } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { createHubContext } from '../../src/desk/hub-context.js';
import { HubError } from '../../src/desk/hub-error.js';
import { silentLogger } from '../../src/desk/logger.js';
import { callNext, callNumber, finishOrNoShow, recall, transfer } from '../../src/desk/queue/queue.js';
import { defaultOfficeConfig, saveOfficeConfig } from '../../src/desk/store/office-config.js';

/** Small deterministic PRNG (mulberry32) so a failing seed can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function officeWithTwoGroups(): OfficeConfig {
  const base = defaultOfficeConfig('hg-vithanh');
  return {
    ...base,
    office: { ...base.office, epidemicLevel: 2 },
    serviceGroups: [
      { id: 'sgtvt', name: 'Sở Giao thông vận tải', agencyId: 'sgtvt', ticketPrefix: '1' },
      { id: 'huyen', name: 'UBND huyện', agencyId: 'ubnd', ticketPrefix: '2' },
    ],
    counters: [
      { id: 'q1', name: 'Quầy 1', number: 1, groupIds: ['sgtvt'], procedureCodes: [] },
      { id: 'q2', name: 'Quầy 2', number: 2, groupIds: ['sgtvt', 'huyen'], procedureCodes: [] },
      { id: 'q3', name: 'Quầy 3', number: 3, groupIds: ['huyen'], procedureCodes: [] },
    ],
  };
}

describe('queue invariants under random counter actions', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: unique numbers, one called ticket per counter, every change has its event', (seed) => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS);
    saveOfficeConfig(db, officeWithTwoGroups());
    for (const n of [1, 2, 3]) db.prepare('INSERT INTO counters (id, name, number, token, created_at) VALUES (?, ?, ?, ?, 0)').run(`q${n}`, `Quầy ${n}`, n, `token-${n}-xxxxxxxx`);
    const clock = createManualClock('2022-01-06T07:30:00+07:00');
    const ctx = createHubContext({ db, clock, officeId: 'hg-vithanh', logger: silentLogger });
    const rand = random(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const eventsBefore = () => (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    let refusals = 0;

    for (let step = 0; step < 300; step++) {
      clock.advance(Math.floor(rand() * 20_000));
      const counter = pick(['q1', 'q2', 'q3']);
      const before = eventsBefore();
      const action = pick(['walk-in', 'walk-in', 'call-next', 'call-next', 'recall', 'finish', 'no-show', 'transfer', 'call'] as const);
      try {
        if (action === 'walk-in') issueWalkIn(ctx, { groupId: pick(['sgtvt', 'huyen']) });
        else if (action === 'call-next') callNext(ctx, counter);
        else if (action === 'recall') recall(ctx, counter);
        else if (action === 'finish') finishOrNoShow(ctx, counter, 'finished');
        else if (action === 'no-show') finishOrNoShow(ctx, counter, 'no_show');
        else if (action === 'transfer') transfer(ctx, counter, rand() < 0.5 ? { toCounterId: pick(['q1', 'q2', 'q3']) } : { toGroupId: pick(['sgtvt', 'huyen']) });
        else {
          const waiting = db.prepare("SELECT number FROM tickets WHERE status = 'waiting'").all() as { number: string }[];
          callNumber(ctx, counter, waiting.length ? pick(waiting).number : '9999');
        }
        expect(eventsBefore()).toBeGreaterThan(before); // a change always leaves its event
      } catch (error) {
        expect(error).toBeInstanceOf(HubError);
        expect(eventsBefore()).toBe(before); // a refusal leaves nothing
        refusals++;
      }

      const called = db.prepare("SELECT counter_id, count(*) AS n FROM tickets WHERE status = 'called' GROUP BY counter_id").all() as { counter_id: string; n: number }[];
      expect(called.every((c) => c.n === 1 && c.counter_id !== null)).toBe(true);
    }

    const tickets = db.prepare('SELECT number, group_id, status FROM tickets').all() as { number: string; group_id: string; status: string }[];
    expect(new Set(tickets.map((t) => t.number)).size).toBe(tickets.length);
    for (const prefix of ['1', '2']) {
      const seqs = tickets.filter((t) => t.number.startsWith(prefix)).map((t) => Number(t.number.slice(1))).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // gap-free per group
    }
    const ids = (db.prepare('SELECT id FROM outbox').all() as { id: string }[]).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Every ticket's final status matches the last event about it.
    const last = db.prepare("SELECT json_extract(event, '$.data.ticketId') AS ticket, type FROM outbox ORDER BY seq").all() as { ticket: string; type: string }[];
    const lastType = new Map(last.map((e) => [e.ticket, e.type]));
    const expected: Record<string, string[]> = { waiting: ['walk_in_issued', 'transferred'], called: ['called', 'recalled'], finished: ['finished'], no_show: ['no_show'] };
    for (const t of db.prepare('SELECT id, status FROM tickets').all() as { id: string; status: string }[]) {
      expect(expected[t.status]).toContain(lastType.get(t.id));
    }
    expect(refusals).toBeLessThan(300);
  });
});
