/**
 * Test helpers: a real central on each database. SQLite always (in memory); PostgreSQL when
 * TEST_DATABASE_URL is set, each central in its own fresh schema (dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createManualClock, type ManualClock } from '../../src/shared/time.js';
import { createCentral, type Central, type CentralOptions } from '../../src/central/create-central.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
if (!TEST_DATABASE_URL) console.log('PostgreSQL central tests skipped: TEST_DATABASE_URL is not set');

export type DatabaseKind = 'sqlite' | 'postgres';
export const DATABASE_KINDS: DatabaseKind[] = TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Thursday 6 January 2022, 08:00 office time: a working day (the 2022 order's rollout). */
export const THURSDAY_MORNING = '2022-01-06T08:00:00+07:00';

/** A URL whose connections use a new, empty schema; `drop` removes it. */
export async function freshPostgresSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

export interface TestCentral extends Central {
  clock: ManualClock;
  url: string;
  dispose(): Promise<void>;
}

/** A demo central on `kind`, listening on 127.0.0.1 at a free port, clock at THURSDAY_MORNING. */
export async function startCentral(kind: DatabaseKind, opts: Partial<CentralOptions> = {}): Promise<TestCentral> {
  const clock = createManualClock(THURSDAY_MORNING);
  const schema = kind === 'postgres' ? await freshPostgresSchema() : null;
  const central = await createCentral({ demo: true, clock, rateLimitPerMinute: 100_000, staticDir: '/nonexistent', ...opts, ...(schema ? { databaseUrl: schema.url } : {}) });
  const url = await central.listen({ port: 0, host: '127.0.0.1' });
  return Object.assign(central, {
    clock,
    url,
    async dispose() {
      await central.close();
      await schema?.drop();
    },
  });
}

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const response = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

let phoneCounter = Math.floor(Math.random() * 50_000_000);
/** A distinct valid mobile number per call. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `09${String(phoneCounter).padStart(8, '0')}`;
}

export function bookingRequest(overrides: Record<string, unknown> = {}) {
  return {
    officeId: 'hg-ttphcc',
    procedureCode: 'GTVT-GPLX-CAPLAI',
    date: '2022-01-06',
    slot: '09:00',
    citizen: { fullName: 'Nguyễn Văn An', phone: nextPhone() },
    bookedBy: { kind: 'self' },
    ...overrides,
  };
}
