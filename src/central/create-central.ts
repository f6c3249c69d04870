/** Composition root of the central server (docs/contracts.md): database, migrations, catalog, keys, app. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../shared/time.js';
import { buildApp } from './app.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrate.js';
import { openPostgres } from './db/postgres.js';
import { openSqlite } from './db/sqlite.js';
import type { SmsSender } from './sms.js';
import { openStore, type Store } from './store.js';

/** The demo's hotline operator (made by `--demo` and `npm run demo`), so the hotline page can be tried at once. */
export const DEMO_OPERATOR = { username: 'tongdai', password: 'tongdai-demo', name: 'Tổng đài viên (demo)' } as const;

export const DEMO_CATALOG_PATH = join(import.meta.dirname, '..', '..', 'resources', 'catalog', 'hau-giang.json');

export interface CentralOptions {
  /** SQLite file folder; undefined → in-memory SQLite. */
  dataDir?: string;
  /** PostgreSQL instead of SQLite. */
  databaseUrl?: string;
  clock?: Clock;
  /** Seed the demo catalog and make one device token per office. */
  demo?: boolean;
  /** A catalog JSON file to load (another province); `demo` uses resources/catalog/hau-giang.json. */
  catalogPath?: string;
  rateLimitPerMinute?: number;
  maxActiveBookingsPerPhone?: number;
  /** Page size of GET /api/v1/sync/bookings (default 500). */
  syncPageSize?: number;
  /** Default dist/renderer. */
  staticDir?: string;
  logger?: boolean;
  /** Idle socket timeout, default 30 s. */
  connectionTimeoutMs?: number;
  /** Behind a reverse proxy: rate-limit by X-Forwarded-For. */
  trustProxy?: boolean;
  /** SMS gateway; default: messages are written to the log. */
  sms?: SmsSender;
}

export interface Central {
  app: FastifyInstance;
  store: Store;
  /** Base URL, e.g. http://127.0.0.1:41234. */
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  createDeviceToken(officeId: string): Promise<string>;
  createOperator(args: { username: string; password: string; name: string }): Promise<{ operatorId: string }>;
  /** Filled when demo: one token per office. */
  deviceTokens: Record<string, string>;
  close(): Promise<void>;
}

/** Opens the database chosen by the options and brings its schema up to date. */
export async function openDatabase(opts: Pick<CentralOptions, 'dataDir' | 'databaseUrl'>): Promise<Database> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Creates the demo operator unless a previous run on the same data already did. */
export async function ensureDemoOperator(central: Pick<Central, 'createOperator'>): Promise<void> {
  await central.createOperator(DEMO_OPERATOR).catch(() => undefined);
}

export async function createCentral(opts: CentralOptions = {}): Promise<Central> {
  const db = await openDatabase(opts);
  try {
    const store = await openStore({
      db,
      now: opts.clock ?? Date.now,
      maxActiveBookingsPerPhone: opts.maxActiveBookingsPerPhone,
      syncPageSize: opts.syncPageSize,
    });
    const catalogPath = opts.catalogPath ?? (opts.demo ? DEMO_CATALOG_PATH : undefined);
    if (catalogPath) await store.saveCatalog(JSON.parse(readFileSync(catalogPath, 'utf8')));
    await store.ensureSigningKey();
    const deviceTokens: Record<string, string> = {};
    if (opts.demo) {
      for (const officeId of store.catalog.offices.keys()) deviceTokens[officeId] = await store.createDeviceToken(officeId);
    }
    const app = await buildApp({
      store,
      rateLimitPerMinute: opts.rateLimitPerMinute,
      staticDir: opts.staticDir,
      logger: opts.logger,
      connectionTimeoutMs: opts.connectionTimeoutMs,
      trustProxy: opts.trustProxy,
      sms: opts.sms,
    });
    return {
      app,
      store,
      deviceTokens,
      async listen(listenOpts = {}) {
        await app.listen({ port: listenOpts.port ?? 0, host: listenOpts.host ?? '127.0.0.1' });
        const address = app.server.address();
        if (!address || typeof address === 'string') throw new Error('central: no TCP address');
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
      },
      createDeviceToken: (officeId) => store.createDeviceToken(officeId),
      createOperator: (args) => store.createOperator(args),
      async close() {
        await app.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
