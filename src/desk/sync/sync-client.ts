import type { z } from 'zod';
import { JwksSchema, OfficeConfigSchema, SyncBookingsResponseSchema, SyncEventsResponseSchema, type DeskEvent } from '../../shared/api.js';
import { addDays } from '../../shared/time.js';
import type { HubContext } from '../hub-context.js';
import { reconcileTokenTickets, upsertSyncedBookings } from '../store/bookings-repo.js';
import { saveOfficeConfig } from '../store/office-config.js';
import { ackEvents, pendingCount, pendingEvents, setEventAside } from '../store/outbox-repo.js';
import { getSetting, setSetting } from '../store/settings.js';
import { backoffDelay, stateAfterFailure, SyncHttpError, type SyncState } from './sync-util.js';
import { prepared } from '../db/open-db.js';

export interface SyncStatus {
  state: SyncState;
  online: boolean;
  lastSyncAt: number | null;
  lastError: string | null;
}

export interface SyncClientOptions {
  ctx: HubContext;
  centralUrl: string;
  deviceToken: string;
  fetch?: typeof fetch;
  intervalMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  requestTimeoutMs?: number;
  /** Events per POST (central accepts up to 500). */
  batchSize?: number;
  onStatus?: (status: SyncStatus) => void;
  /** Called after a run that changed local data (bookings, config, keys). */
  onDataChanged?: () => void;
}

const cursorKey = (date: string) => `sync_cursor:${date}`;

type RunKind = 'full' | 'push';

/**
 * The hub's sync with central, as an explicit state machine (idle → syncing → idle | offline | error).
 * Runs are single-flight: a trigger during a run schedules exactly one more run after it. Each run pushes
 * the outbox (event ids are idempotency keys, so a replay after a crash is harmless), then pulls today's
 * and tomorrow's bookings from the stored cursors; each page and its new cursor commit in one transaction,
 * so a crash mid-sync resumes where it stopped.
 */
export function createSyncClient(opts: SyncClientOptions) {
  const { ctx } = opts;
  const doFetch = opts.fetch ?? fetch;
  const base = opts.centralUrl.replace(/\/+$/, '');
  const intervalMs = opts.intervalMs ?? 30_000;
  const backoffBaseMs = opts.backoffBaseMs ?? 1_000;
  const backoffMaxMs = opts.backoffMaxMs ?? Math.max(intervalMs, 60_000);
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const batchSize = opts.batchSize ?? 500;

  let status: SyncStatus = { state: 'idle', online: false, lastSyncAt: null, lastError: null };
  let failures = 0;
  let running: Promise<void> | null = null;
  let rerun: Promise<void> | null = null;
  let pendingKind: RunKind | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const controllers = new Set<AbortController>();

  const setStatus = (next: Partial<SyncStatus>) => {
    status = { ...status, ...next };
    opts.onStatus?.(status);
  };

  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const controller = new AbortController();
    controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await doFetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${opts.deviceToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: controller.signal,
      });
      if (!res.ok) {
        await res.body?.cancel();
        throw new SyncHttpError(res.status, path.split('?')[0]!);
      }
      return schema.parse(await res.json());
    } finally {
      clearTimeout(timeout);
      controllers.delete(controller);
    }
  }

  async function pullOfficeConfig(): Promise<boolean> {
    const config = await call('GET', `/api/v1/sync/office?officeId=${encodeURIComponent(ctx.officeId)}`, OfficeConfigSchema);
    const json = JSON.stringify(config);
    if (getSetting(ctx.db, 'office_config') === json) return false;
    ctx.db.transaction(() => saveOfficeConfig(ctx.db, config)).immediate();
    return true;
  }

  async function pullKeys(): Promise<boolean> {
    const { keys } = await call('GET', '/api/v1/keys', JwksSchema);
    // Keys are only added or updated, never dropped: a key retired at central still verifies tokens it signed.
    return ctx.db
      .transaction(() => {
        let changed = 0;
        const stmt = prepared(ctx.db, 
          'INSERT INTO signing_keys (kid, x, fetched_at) VALUES (?, ?, ?) ON CONFLICT (kid) DO UPDATE SET x = excluded.x, fetched_at = excluded.fetched_at WHERE signing_keys.x != excluded.x',
        );
        for (const key of keys) changed += stmt.run(key.kid, key.x, ctx.clock()).changes;
        return changed > 0;
      })
      .immediate();
  }

  async function pushOutbox(): Promise<void> {
    for (;;) {
      const events = pendingEvents(ctx.db, batchSize);
      if (events.length === 0) return;
      try {
        await pushBatch(events);
      } catch (error) {
        // Central refuses a whole batch for one malformed event (400). Find it by sending one at a time, set
        // it aside, and let the rest through: one bad event must not hold back the office's day.
        if (!(error instanceof SyncHttpError && error.status === 400)) throw error;
        for (const event of events) {
          try {
            await pushBatch([event]);
          } catch (single) {
            if (!(single instanceof SyncHttpError && single.status === 400)) throw single;
            setEventAside(ctx.db, event.id, `central answered 400 on ${single.path}`, ctx.clock());
            ctx.logger.error({ eventId: event.id, type: event.type, bookingCode: event.bookingCode }, 'central refused a desk event; set aside');
          }
        }
      }
    }
  }

  async function pushBatch(events: DeskEvent[]): Promise<void> {
    const answer = await call('POST', '/api/v1/sync/events', SyncEventsResponseSchema, { officeId: ctx.officeId, events });
    const acked = [...answer.accepted, ...answer.duplicates];
    ackEvents(ctx.db, acked, ctx.clock());
    if (acked.length === 0) throw new Error('central acknowledged none of the events sent');
  }

  const fetchPage = (date: string, cursor: string | null) => {
    const query = new URLSearchParams({ officeId: ctx.officeId, date, ...(cursor ? { cursor } : {}) });
    return call('GET', `/api/v1/sync/bookings?${query}`, SyncBookingsResponseSchema);
  };

  async function pullBookings(date: string): Promise<number> {
    let applied = 0;
    let next = fetchPage(date, getSetting(ctx.db, cursorKey(date)));
    for (let page = 0; page < 1000; page++) {
      const answer = await next;
      const more = answer.more === true && answer.bookings.length > 0;
      // Ask for the next page before applying this one, so central's work overlaps ours.
      if (more) {
        next = fetchPage(date, answer.cursor);
        next.catch(() => {}); // seen by the await on the next turn; never an unhandled rejection if we stop early
      }
      const mine = answer.bookings.filter((b) => b.officeId === ctx.officeId);
      // The page and the cursor after it commit together: a crash never skips or half-applies a page.
      ctx.db
        .transaction(() => {
          upsertSyncedBookings(ctx.db, mine);
          reconcileTokenTickets(ctx.db);
          setSetting(ctx.db, cursorKey(date), answer.cursor);
        })
        .immediate();
      applied += mine.length;
      if (!more) break;
    }
    return applied;
  }

  async function fullRun(): Promise<void> {
    const configChanged = await pullOfficeConfig();
    const keysChanged = await pullKeys();
    if (configChanged || keysChanged) ctx.reload();
    await pushOutbox();
    const today = ctx.today();
    const pulled = (await pullBookings(today)) + (await pullBookings(addDays(today, 1)));
    prepared(ctx.db, "DELETE FROM settings WHERE key LIKE 'sync_cursor:%' AND key < ?").run(cursorKey(today));
    if (configChanged || keysChanged || pulled > 0) opts.onDataChanged?.();
  }

  async function run(kind: RunKind): Promise<void> {
    setStatus({ state: 'syncing' });
    try {
      await (kind === 'full' ? fullRun() : pushOutbox());
      failures = 0;
      setStatus({ state: 'idle', online: true, lastSyncAt: ctx.clock(), lastError: null });
    } catch (error) {
      failures++;
      const state = stateAfterFailure(error);
      const message = error instanceof Error ? error.message : String(error);
      ctx.logger.warn({ state, failures, kind, error: message }, 'sync failed');
      setStatus({ state, online: false, lastError: message });
    }
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void syncNow(), delayMs);
    timer.unref();
  }

  /**
   * Single flight: while a run is going, requests merge into exactly one follow-up run (a full run if any
   * caller asked for one). Full runs re-arm the periodic timer; a failure of any run arms the backoff.
   */
  function request(kind: RunKind): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      pendingKind = pendingKind === 'full' || kind === 'full' ? 'full' : 'push';
      rerun ??= running.then(() => {
        rerun = null;
        const next = pendingKind ?? 'push';
        pendingKind = null;
        return request(next);
      });
      return rerun;
    }
    if (kind === 'full' && timer) clearTimeout(timer);
    running = run(kind).finally(() => {
      running = null;
      if (failures > 0) schedule(backoffDelay(failures, backoffBaseMs, backoffMaxMs));
      else if (kind === 'full') schedule(intervalMs);
    });
    return running;
  }

  /** Runs a full sync now (or, if one is running, once more right after it) and resolves when that run is over. */
  function syncNow(): Promise<void> {
    return request('full');
  }

  let nudgeTimer: NodeJS.Timeout | null = null;
  /**
   * After local writes: push the outbox soon (debounced, push only — pulls stay on the timer), unless
   * central is known to be down, in which case the backoff timer decides.
   */
  function nudge(delayMs = 500) {
    if (stopped || status.state === 'offline' || status.state === 'error' || nudgeTimer) return;
    nudgeTimer = setTimeout(() => {
      nudgeTimer = null;
      void request('push');
    }, delayMs);
    nudgeTimer.unref();
  }

  return {
    start: () => void syncNow(),
    syncNow,
    nudge,
    status: () => status,
    outbox: () => pendingCount(ctx.db),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (nudgeTimer) clearTimeout(nudgeTimer);
      for (const c of controllers) c.abort();
      await running?.catch(() => {});
    },
  };
}

export type SyncClient = ReturnType<typeof createSyncClient>;
