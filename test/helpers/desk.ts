/**
 * Helpers for hub tests and other parts' browser tests: a real central (in-process, demo catalog) and a
 * real desk hub on loopback, in temp dirs, with a shared controllable clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BookingCreated, CreateBookingRequest } from '../../src/shared/api.js';
import { createManualClock, type Clock, type ManualClock } from '../../src/shared/time.js';
import { createCentral, type Central } from '../../src/central/create-central.js';
import { createDesk, type CreateDeskOptions, type Desk } from '../../src/desk/create-desk.js';

export const OFFICE = 'hg-ttphcc';
export const DISTRICT = 'hg-vithanh';
/** A Thursday morning at the province centre (level 3: booked citizens only). */
export const THURSDAY_0800 = '2022-01-06T08:00:00+07:00';

export function tempDir(prefix = 'motcua-hub-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestCentral {
  central: Central;
  url: string;
  dataDir: string;
  port: number;
  /** Stops the server (the data stays), e.g. to take the hub offline. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startCentral(opts: { clock: Clock; dataDir?: string; port?: number; syncPageSize?: number }): Promise<TestCentral> {
  const dir = opts.dataDir ? null : tempDir('motcua-central-');
  const dataDir = opts.dataDir ?? dir!.path;
  const make = () => createCentral({ dataDir, clock: opts.clock, demo: true, rateLimitPerMinute: 1_000_000, staticDir: join(dataDir, 'no-pages'), ...(opts.syncPageSize ? { syncPageSize: opts.syncPageSize } : {}) });
  let central = await make();
  const url = await central.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const port = Number(new URL(url).port);
  let running = true;
  const handle: TestCentral = {
    central,
    url,
    dataDir,
    port,
    async stop() {
      if (!running) return;
      running = false;
      await central.close();
    },
    async restart() {
      if (running) return;
      // createCentral with demo re-seeds the catalog and makes fresh device tokens; keep the first ones valid.
      central = await make();
      handle.central = central;
      await central.listen({ port, host: '127.0.0.1' });
      running = true;
    },
    async close() {
      await handle.stop();
      dir?.remove();
    },
  };
  return handle;
}

let phoneCounter = 0;
/** A fresh valid mobile number per call, so the per-phone booking limit never interferes. */
export function nextPhone(): string {
  phoneCounter++;
  return `09${String(process.pid % 100).padStart(2, '0')}${String(phoneCounter).padStart(6, '0')}`;
}

export async function book(centralUrl: string, args: Partial<CreateBookingRequest> & { date: string; slot: string }): Promise<BookingCreated> {
  const body: CreateBookingRequest = {
    officeId: OFFICE,
    procedureCode: 'GTVT-GPLX-CAPLAI',
    citizen: { fullName: 'Nguyễn Văn An', phone: nextPhone() },
    bookedBy: { kind: 'self' },
    ...args,
  };
  const res = await fetch(`${centralUrl}/api/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as BookingCreated & { error?: string };
  if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export interface TestDesk {
  desk: Desk;
  dataDir: string;
  /** Token of counter q1. */
  token: string;
  tokenOf(counterId: string): string;
  /** JSON request against the hub with a counter token (q1's unless given). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the hub answers
  request(method: 'GET' | 'POST', path: string, body?: unknown, opts?: { token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startDesk(
  opts: Partial<CreateDeskOptions> & { centralUrl: string; deviceToken: string; clock: Clock; dataDir?: string; keepData?: boolean },
): Promise<TestDesk> {
  const dir = opts.dataDir ? null : tempDir();
  const dataDir = opts.dataDir ?? dir!.path;
  const desk = await createDesk({ officeId: OFFICE, host: '127.0.0.1', port: 0, counters: 3, syncIntervalMs: 60_000, backoffBaseMs: 50, backoffMaxMs: 200, ...opts, dataDir });
  const tokenOf = (id: string) => desk.counters.find((c) => c.id === id)!.token;
  return {
    desk,
    dataDir,
    token: tokenOf('q1'),
    tokenOf,
    async request(method, path, body, reqOpts = {}) {
      const token = reqOpts.token === undefined ? tokenOf('q1') : reqOpts.token;
      const res = await fetch(`${desk.url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...reqOpts.headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    async close() {
      await desk.close();
      if (!opts.keepData) dir?.remove();
    },
  };
}

/** Rows of a SQLite file, read-only (to look at what central or a hub stored). */
export function readRows<T>(file: string, sql: string, params: unknown[] = []): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function manualClock(iso = THURSDAY_0800): ManualClock {
  return createManualClock(iso);
}
