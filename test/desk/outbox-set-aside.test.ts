// One desk event central refuses as malformed is set aside; the events behind it still reach central.
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, manualClock, readRows, startCentral, startDesk, type TestCentral, type TestDesk } from '../helpers/desk.js';

describe('a desk event central refuses', () => {
  const clock = manualClock('2022-01-06T07:50:00+07:00');
  let central: TestCentral;
  let hub: TestDesk;
  beforeAll(async () => {
    central = await startCentral({ clock });
    hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens['hg-ttphcc']!, clock, keepData: true });
  });
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('is set aside with its reason, and the check-in queued behind it is delivered', async () => {
    const citizen = await book(central.url, { date: '2022-01-06', slot: '08:00' });
    await hub.desk.syncNow();
    // An event central cannot accept (a ticket number longer than the wire allows), queued first.
    const bad = { id: randomUUID(), type: 'called', at: clock(), ticketNumber: 'X'.repeat(25) };
    const file = join(hub.dataDir, 'hub.sqlite');
    const writer = new Database(file);
    writer.prepare('INSERT INTO outbox (id, type, at, event) VALUES (?, ?, ?, ?)').run(bad.id, bad.type, bad.at, JSON.stringify(bad));
    writer.close();
    expect((await hub.request('POST', '/api/v1/checkins', { scan: citizen.token })).status).toBe(201);

    await hub.desk.syncNow();
    expect(hub.desk.status().outbox).toBe(0);
    const stored = readRows<{ booking_code: string; payload: string }>(join(central.dataDir, 'central.sqlite'), 'SELECT booking_code, payload FROM desk_events');
    expect(stored.map((e) => e.booking_code)).toContain(citizen.code);
    expect(stored.some((e) => e.payload.includes(bad.id))).toBe(false);
    expect(readRows<{ reason: string }>(file, 'SELECT set_aside_reason AS reason FROM outbox WHERE id = ?', [bad.id])).toEqual([
      { reason: 'central answered 400 on /api/v1/sync/events' },
    ]);
  });
});

