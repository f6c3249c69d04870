// The migration runner on both databases: versions, partial runs, all-or-nothing, a database from the future.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/central/db/database.js';
import { DatabaseFromFutureError, migrate } from '../../src/central/db/migrate.js';
import { MIGRATIONS, type Migration } from '../../src/central/db/migrations/index.js';
import { openPostgres } from '../../src/central/db/postgres.js';
import { openSqlite } from '../../src/central/db/sqlite.js';
import { createCentral } from '../../src/central/create-central.js';
import { DATABASE_KINDS, freshPostgresSchema, TEST_DATABASE_URL, type DatabaseKind } from './central-helpers.js';

const LATEST = MIGRATIONS.at(-1)!.version;
const addNotes: Migration = { version: LATEST + 10, name: 'test-notes', up: (db) => db.run('CREATE TABLE test_notes (id TEXT PRIMARY KEY)').then(() => undefined) };
const broken: Migration = {
  version: LATEST + 20,
  name: 'test-broken',
  up: async (db) => {
    await db.run('CREATE TABLE half_done (id TEXT)');
    await db.run('THIS IS NOT SQL');
  },
};

describe.each(DATABASE_KINDS)('migrations on %s', (kind: DatabaseKind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const open = async (): Promise<Database> => {
    if (kind === 'sqlite') {
      const db = openSqlite();
      cleanups.push(() => db.close());
      return db;
    }
    const schema = await freshPostgresSchema();
    const db = openPostgres(schema.url);
    cleanups.push(() => schema.drop());
    cleanups.push(() => db.close());
    return db;
  };
  const tableExists = async (db: Database, table: string) =>
    kind === 'sqlite'
      ? Boolean(await db.get("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [table]))
      : Boolean(await db.get('SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?', [table]));
  const version = async (db: Database) =>
    kind === 'sqlite'
      ? (await db.get<{ user_version: number }>('PRAGMA user_version'))!.user_version
      : (await db.get<{ version: number }>('SELECT version FROM schema_version'))!.version;

  it('brings a fresh database to the latest version and records it, then does nothing on a second run', async () => {
    const db = await open();
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST });
    expect(await version(db)).toBe(LATEST);
    for (const table of ['bookings', 'offices', 'signing_keys', 'device_tokens', 'operators', 'desk_events']) expect(await tableExists(db, table), table).toBe(true);
    expect(await migrate(db)).toEqual({ from: LATEST, to: LATEST });
  });

  it('stops at `to` and continues later', async () => {
    const db = await open();
    const list = [...MIGRATIONS, addNotes];
    expect(await migrate(db, { migrations: list, to: LATEST })).toEqual({ from: 0, to: LATEST });
    expect(await tableExists(db, 'test_notes')).toBe(false);
    expect(await migrate(db, { migrations: list })).toEqual({ from: LATEST, to: addNotes.version });
    expect(await tableExists(db, 'test_notes')).toBe(true);
  });

  it('applies pending steps all or nothing', async () => {
    const db = await open();
    await expect(migrate(db, { migrations: [...MIGRATIONS, addNotes, broken] })).rejects.toThrow();
    expect(await tableExists(db, 'bookings')).toBe(false);
    expect(await tableExists(db, 'half_done')).toBe(false);
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST });
  });

  it('refuses a database newer than the code', async () => {
    const db = await open();
    await migrate(db, { migrations: [...MIGRATIONS, addNotes] });
    await expect(migrate(db)).rejects.toBeInstanceOf(DatabaseFromFutureError);
  });

  it('refuses a migration list whose versions do not increase', async () => {
    const db = await open();
    await expect(migrate(db, { migrations: [addNotes, ...MIGRATIONS] })).rejects.toThrow(/increase/);
  });
});

describe('a SQLite central in a data folder', () => {
  it('keeps bookings, keys and device tokens across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'central-data-'));
    try {
      const first = await createCentral({ dataDir: dir, demo: true, clock: () => Date.parse('2022-01-06T08:00:00+07:00'), staticDir: '/nonexistent' });
      const token = first.deviceTokens['hg-ttphcc']!;
      const keys = await first.store.jwks();
      const booking = await first.store.createBooking({
        officeId: 'hg-ttphcc',
        procedureCode: 'GTVT-GPLX-CAPMOI',
        date: '2022-01-07',
        slot: '07:00',
        citizen: { fullName: 'Ngô Thị Kim', phone: '0987654321' },
        bookedBy: { kind: 'self' },
      });
      await first.close();
      const second = await createCentral({ dataDir: dir, clock: () => Date.parse('2022-01-06T08:00:00+07:00'), staticDir: '/nonexistent' });
      expect(second.store.catalog.offices.size).toBe(9);
      expect(await second.store.jwks()).toEqual(keys);
      expect(await second.store.officeOfDeviceToken(token)).toBe('hg-ttphcc');
      expect((await second.store.findBooking(booking.code, '0987654321')).token).toBe(booking.token);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(TEST_DATABASE_URL)('two centrals starting at once on one PostgreSQL database', () => {
  it('migrate once and both serve', async () => {
    const schema = await freshPostgresSchema();
    try {
      const clock = () => Date.parse('2022-01-06T08:00:00+07:00');
      const [a, b] = await Promise.all([
        createCentral({ databaseUrl: schema.url, demo: true, clock, staticDir: '/nonexistent' }),
        createCentral({ databaseUrl: schema.url, demo: true, clock, staticDir: '/nonexistent' }),
      ]);
      try {
        expect(await a.store.db.get<{ version: number }>('SELECT version FROM schema_version')).toEqual({ version: LATEST });
        expect((await a.store.db.all('SELECT version FROM schema_version')).length).toBe(1);
        // A booking made through one is seen by the other, and both sign with keys the other publishes.
        const booking = await a.store.createBooking({
          officeId: 'hg-ttphcc',
          procedureCode: 'GTVT-GPLX-CAPMOI',
          date: '2022-01-07',
          slot: '07:00',
          citizen: { fullName: 'Ngô Thị Kim', phone: '0987654321' },
          bookedBy: { kind: 'self' },
        });
        expect((await b.store.findBooking(booking.code, '0987654321')).code).toBe(booking.code);
        expect((await b.store.jwks()).keys.map((k) => k.kid)).toEqual([booking.key_id]);
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await schema.drop();
    }
  });
});
