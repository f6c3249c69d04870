import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HubStatus } from '../shared/hub-events.js';
import type { Clock } from '../shared/time.js';
import { migrate } from './db/migrate.js';
import { HUB_MIGRATIONS } from './db/migrations/index.js';
import { openDb } from './db/open-db.js';
import { createHubContext } from './hub-context.js';
import { createHubServer, type HubServer } from './hub/hub-server.js';
import { hubStatus } from './hub/views.js';
import { silentLogger, type Logger } from './logger.js';
import { inWriteTransaction } from './queue/queue.js';
import { saveHubOptions, type HubOptions } from './store/office-config.js';
import { getSetting, setSetting } from './store/settings.js';
import { createSyncClient } from './sync/sync-client.js';

export type { Logger } from './logger.js';

export interface CreateDeskOptions {
  dataDir: string;
  centralUrl: string;
  officeId: string;
  deviceToken: string;
  clock?: Clock;
  /** 0 = any free port. */
  port?: number;
  /** Default 0.0.0.0 (the office LAN); tests use 127.0.0.1. */
  host?: string;
  /** Counters to have (created with tokens on first run; more are added if asked later). Default 1. */
  counters?: number;
  syncIntervalMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Built renderer pages; default dist/renderer. */
  staticDir?: string;
  /**
   * Refuse requests from outside loopback/private ranges (default true). Turn off only for an office LAN
   * that uses public addresses, behind its own firewall.
   */
  lanOnly?: boolean;
  /** Chimes; default resources/audio. */
  audioDir?: string;
  /** Check-in window, retention, ticket format; stored in the data folder and kept for later runs. */
  options?: Partial<HubOptions>;
  /** Backoff after failed syncs (tests shorten it). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface Desk {
  url: string;
  counters: { id: string; name: string; token: string }[];
  pairingCode: string;
  syncNow(): Promise<void>;
  status(): HubStatus;
  close(): Promise<void>;
}

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/** Counters q1…qN with their tokens, made once and kept in the store. */
function ensureCounters(db: ReturnType<typeof openDb>, wanted: number, now: number) {
  const existing = (db.prepare('SELECT count(*) AS n FROM counters').get() as { n: number }).n;
  const insert = db.prepare('INSERT INTO counters (id, name, number, token, created_at) VALUES (?, ?, ?, ?, ?)');
  for (let n = existing + 1; n <= wanted; n++) insert.run(`q${n}`, `Quầy ${n}`, n, randomBytes(24).toString('base64url'), now);
  return db.prepare('SELECT id, name, token FROM counters ORDER BY number').all() as { id: string; name: string; token: string }[];
}

/** The composition root of the hub: store, sync client, queue and LAN server, wired once here. */
export async function createDesk(opts: CreateDeskOptions): Promise<Desk> {
  const clock = opts.clock ?? Date.now;
  const logger = opts.logger ?? silentLogger;
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDb(join(opts.dataDir, 'hub.sqlite'));
  try {
    migrate(db, HUB_MIGRATIONS);
    const setup = db.transaction(() => {
      const boundOffice = getSetting(db, 'office_id');
      if (boundOffice && boundOffice !== opts.officeId) {
        throw new Error(`This data folder belongs to office ${boundOffice}, not ${opts.officeId}.`);
      }
      setSetting(db, 'office_id', opts.officeId);
      let pairingCode = getSetting(db, 'pairing_code');
      if (!pairingCode) {
        pairingCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
        setSetting(db, 'pairing_code', pairingCode);
      }
      if (opts.options) saveHubOptions(db, opts.options);
      const counters = ensureCounters(db, Math.max(1, opts.counters ?? 1), clock());
      return { pairingCode, counters };
    });
    const { pairingCode, counters } = setup.immediate();

    const ctx = createHubContext({ db, clock, officeId: opts.officeId, logger });
    // The server and the sync client refer to each other; the server is made second.
    const late: { server?: HubServer } = {};
    const sync = createSyncClient({
      ctx,
      centralUrl: opts.centralUrl,
      deviceToken: opts.deviceToken,
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      ...(opts.syncIntervalMs ? { intervalMs: opts.syncIntervalMs } : {}),
      ...(opts.backoffBaseMs ? { backoffBaseMs: opts.backoffBaseMs } : {}),
      ...(opts.backoffMaxMs ? { backoffMaxMs: opts.backoffMaxMs } : {}),
      // Pushed when a run ends (online/offline, lastSyncAt, outbox), not when one starts: no chatter every push.
      onStatus: (status) => {
        if (status.state !== 'syncing') late.server?.broadcastStatus();
      },
      onDataChanged: () => late.server?.broadcastState(),
    });
    const status = () => hubStatus(ctx, sync.status());
    const server = await createHubServer({
      ctx,
      status,
      pairingCode,
      staticDir: opts.staticDir ?? join(PROJECT_ROOT, 'dist/renderer'),
      audioDir: opts.audioDir ?? join(PROJECT_ROOT, 'resources/audio'),
      onWrite: () => sync.nudge(),
      lanOnly: opts.lanOnly ?? true,
    });
    late.server = server;

    // Midnight rollover also happens with nobody at the counters: check the date every few seconds.
    inWriteTransaction(ctx, () => undefined);
    let lastDay = ctx.today();
    const dayTimer = setInterval(() => {
      if (ctx.today() === lastDay) return;
      try {
        inWriteTransaction(ctx, () => undefined);
        lastDay = ctx.today();
        server.broadcastState();
      } catch (error) {
        // A locked database (busy beyond the timeout) just means: try again at the next tick.
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'day rollover deferred');
      }
    }, 5_000);
    dayTimer.unref();

    try {
      await server.app.listen({ port: opts.port ?? 0, host: opts.host ?? '0.0.0.0' });
    } catch (error) {
      clearInterval(dayTimer);
      await sync.stop();
      await server.close();
      throw error;
    }
    const address = server.app.server.address();
    const port = typeof address === 'object' && address ? address.port : opts.port;
    const publicUrl = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`;
    logger.info({ url: publicUrl, officeId: opts.officeId, counters: counters.length }, 'hub listening');
    sync.start();

    let closed = false;
    return {
      url: publicUrl,
      counters,
      pairingCode,
      syncNow: () => sync.syncNow(),
      status,
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(dayTimer);
        await sync.stop();
        await server.close();
        db.close();
      },
    };
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}
