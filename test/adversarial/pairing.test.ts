// The hub's pairing code cannot be walked from many LAN addresses: wrong guesses share one budget.
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { createHubContext } from '../../src/desk/hub-context.js';
import { createHubServer } from '../../src/desk/hub/hub-server.js';
import { hubStatus } from '../../src/desk/hub/views.js';
import { silentLogger } from '../../src/desk/logger.js';
import { createManualClock } from '../../src/shared/time.js';

describe('pairing code guesses', () => {
  it('refuses every pairing for a while after 30 wrong guesses from different addresses, the right code included', async () => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS);
    db.prepare("INSERT INTO counters (id, name, number, token, created_at) VALUES ('q2', 'Quầy 2', 2, 'token-of-q2-xxxxxxxx', 0)").run();
    const ctx = createHubContext({ db, clock: createManualClock('2022-01-06T08:00:00+07:00'), officeId: 'hg-ttphcc', logger: silentLogger });
    const status = () => hubStatus(ctx, { state: 'idle', online: true, lastSyncAt: null, lastError: null });
    const server = await createHubServer({ ctx, status, pairingCode: '482913', staticDir: '/nonexistent', audioDir: '/nonexistent', onWrite: () => undefined });
    try {
      // Each guess from its own LAN address, so the per-address limit never applies.
      const pair = (code: string, host: number) =>
        server.app.inject({ method: 'POST', url: '/api/v1/pair', payload: { code, counterId: 'q2' }, remoteAddress: `192.168.1.${host}` });
      for (let guess = 0; guess < 30; guess++) expect((await pair(String(100000 + guess), guess + 1)).statusCode).toBe(403);
      const locked = await pair('482913', 200);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ error: 'rate_limited' });
    } finally {
      await server.close();
      db.close();
    }
  });

  it('pairs with the right code before the budget is spent', async () => {
    const db = openDb(':memory:');
    migrate(db, HUB_MIGRATIONS);
    db.prepare("INSERT INTO counters (id, name, number, token, created_at) VALUES ('q2', 'Quầy 2', 2, 'token-of-q2-xxxxxxxx', 0)").run();
    const ctx = createHubContext({ db, clock: createManualClock('2022-01-06T08:00:00+07:00'), officeId: 'hg-ttphcc', logger: silentLogger });
    const status = () => hubStatus(ctx, { state: 'idle', online: true, lastSyncAt: null, lastError: null });
    const server = await createHubServer({ ctx, status, pairingCode: '482913', staticDir: '/nonexistent', audioDir: '/nonexistent', onWrite: () => undefined });
    try {
      const ok = await server.app.inject({ method: 'POST', url: '/api/v1/pair', payload: { code: '482913', counterId: 'q2' }, remoteAddress: '192.168.1.7' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ counterId: 'q2', token: 'token-of-q2-xxxxxxxx' });
    } finally {
      await server.close();
      db.close();
    }
  });
});
