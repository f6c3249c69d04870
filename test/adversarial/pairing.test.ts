// The hub's pairing code cannot be walked from many LAN addresses: wrong guesses share one budget.
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/desk/db/migrate.js';
import { HUB_MIGRATIONS } from '../../src/desk/db/migrations/index.js';
import { openDb } from '../../src/desk/db/open-db.js';
import { createHubContext } from '../../src/desk/hub-context.js';
import { createHubServer } from '../../src/desk/hub/hub-server.js';
import { hubStatus } from '../../src/desk/hub/views.js';
import { silentLogger } from '../../src/desk/logger.js';
import { createManualClock } from '../../src/shared/time.js';

const PAIRING_CODE = '482913';
interface PairAnswer {
  statusCode: number;
  json(): unknown;
}
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A hub server over an in-memory store with counter q2, answering injected requests from a chosen LAN address. */
async function startHub(): Promise<(code: string, host: number) => Promise<PairAnswer>> {
  const db = openDb(':memory:');
  migrate(db, HUB_MIGRATIONS);
  db.prepare("INSERT INTO counters (id, name, number, token, created_at) VALUES ('q2', 'Quầy 2', 2, 'token-of-q2-xxxxxxxx', 0)").run();
  const ctx = createHubContext({ db, clock: createManualClock('2022-01-06T08:00:00+07:00'), officeId: 'hg-ttphcc', logger: silentLogger });
  const status = () => hubStatus(ctx, { state: 'idle', online: true, lastSyncAt: null, lastError: null });
  const server = await createHubServer({ ctx, status, pairingCode: PAIRING_CODE, staticDir: '/nonexistent', audioDir: '/nonexistent', onWrite: () => undefined });
  closers.push(async () => {
    await server.close();
    db.close();
  });
  // Each guess from its own LAN address, so the per-address limit never applies.
  return (code, host) => server.app.inject({ method: 'POST', url: '/api/v1/pair', payload: { code, counterId: 'q2' }, remoteAddress: `192.168.1.${host}` });
}

describe('pairing code guesses', () => {
  it('refuses every pairing for a while after 30 wrong guesses from different addresses, the right code included', async () => {
    const pair = await startHub();
    for (let guess = 0; guess < 30; guess++) expect((await pair(String(100000 + guess), guess + 1)).statusCode).toBe(403);
    const locked = await pair(PAIRING_CODE, 200);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('pairs with the right code before the budget is spent', async () => {
    const pair = await startHub();
    const ok = await pair(PAIRING_CODE, 7);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ counterId: 'q2', token: 'token-of-q2-xxxxxxxx' });
  });
});
