/**
 * Central booking throughput: POST /api/v1/bookings with 100 keep-alive connections for 10 s against a
 * central on SQLite (a WAL file, its own process, started by the real CLI), beside GET /healthz of the
 * same server in the same run. Then counts overbooked slots straight from the database (must be 0).
 * With TEST_DATABASE_URL set, the same flood runs on PostgreSQL too.
 * BENCH_SECONDS shortens the runs for a quick check; CENTRAL_BENCH_NODE_FLAGS passes flags (e.g. --cpu-prof) to the server.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { loadCatalog, slotStarts } from '../../src/central/catalog.js';
import { DEMO_CATALOG_PATH, openDatabase } from '../../src/central/create-central.js';
import { addDays, weekdayOf } from '../../src/shared/time.js';
import { percentile, type BenchRow } from './bench-util.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 100;
const CLOCK = '2022-01-10T06:00:00+07:00'; // a Monday before opening: every slot of the horizon is bookable
const CAPACITY = 40;

interface LoadResult {
  requests: number;
  /** When each request was sent, ms after the start (same order as latenciesMs). */
  sentAtMs: number[];
  perSecond: number;
  latenciesMs: number[];
  statuses: Map<number, number>;
}

/** `connections` workers, each sending one request after another on a keep-alive agent until the deadline. */
export async function load(url: string, seconds: number, connections: number, next: () => { method: string; path: string; body?: string }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latenciesMs: number[] = [];
  const sentAtMs: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const { method, path, body } = next();
      const sent = performance.now();
      const request = http.request(
        { agent, host: target.hostname, port: target.port, method, path, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} },
        (response) => {
          response.resume();
          response.on('end', () => {
            latenciesMs.push(performance.now() - sent);
            sentAtMs.push(sent - started);
            statuses.set(response.statusCode ?? 0, (statuses.get(response.statusCode ?? 0) ?? 0) + 1);
            resolve();
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { requests: latenciesMs.length, sentAtMs, perSecond: latenciesMs.length / elapsed, latenciesMs, statuses };
}

/** The demo catalog with room enough for a 10 s flood (capacity per slot raised), written to `dir`. */
function benchCatalog(dir: string): string {
  const source = JSON.parse(readFileSync(DEMO_CATALOG_PATH, 'utf8')) as { offices: { serviceGroups?: { capacityPerSlot: number }[] }[]; templates: Record<string, { serviceGroups: { capacityPerSlot: number }[] }> };
  for (const office of source.offices) for (const group of office.serviceGroups ?? []) group.capacityPerSlot = CAPACITY;
  for (const template of Object.values(source.templates)) for (const group of template.serviceGroups) group.capacityPerSlot = CAPACITY;
  const path = join(dir, 'bench-catalog.json');
  writeFileSync(path, JSON.stringify(source));
  return path;
}

interface Storage {
  label: string;
  args: string[];
  env: Record<string, string>;
  open(): ReturnType<typeof openDatabase>;
}

/** Floods one central (started by the real CLI on `storage`) and returns its rows. */
async function floodCentral(dir: string, storage: Storage): Promise<BenchRow[]> {
  const catalogPath = benchCatalog(dir);
  const catalog = loadCatalog(JSON.parse(readFileSync(catalogPath, 'utf8')));
  const server = spawn(
    process.execPath,
    [
      ...(process.env.CENTRAL_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import', 'tsx', 'src/central/cli.ts',
      '--port', '0', '--host', '127.0.0.1', ...storage.args, '--catalog', catalogPath, '--json', '--clock', CLOCK, '--rate-limit', '100000000',
    ],
    { env: { ...process.env, ...storage.env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const { url } = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: server.stdout }).once('line', resolve))) as { url: string };

    // Every bookable (office, procedure, date, slot), so the flood spreads like real demand.
    const targets: { officeId: string; procedureCode: string; date: string; slot: string }[] = [];
    const firstDay = '2022-01-10';
    for (const office of catalog.offices.values()) {
      for (let d = 0; d <= office.schedule.horizonDays; d += 1) {
        const date = addDays(firstDay, d);
        if (office.holidays.has(date) || !office.schedule.workingDays.includes(weekdayOf(date))) continue;
        for (const { start } of slotStarts(office.schedule)) {
          for (const procedure of office.procedures) targets.push({ officeId: office.id, procedureCode: procedure.code, date, slot: start });
        }
      }
    }
    let phone = 0;
    const nextBooking = () => {
      const target = targets[Math.floor(Math.random() * targets.length)]!;
      phone += 1;
      const body = JSON.stringify({ ...target, citizen: { fullName: 'Nguyễn Văn Bền', phone: `09${String(phone).padStart(8, '0')}` }, bookedBy: { kind: 'self' } });
      return { method: 'POST', path: '/api/v1/bookings', body };
    };

    // Warm-up (JIT, prepared statements, first QR codes) for both routes, outside the measured runs.
    await load(url, 1, 20, () => ({ method: 'GET', path: '/healthz' }));
    await load(url, 1, 20, nextBooking);
    const health = await load(url, SECONDS, CONNECTIONS, () => ({ method: 'GET', path: '/healthz' }));
    const bookings = await load(url, SECONDS, CONNECTIONS, nextBooking);

    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    const db = await storage.open();
    const overbooked = await db.all<{ n: number }>(
      `SELECT COUNT(*) AS n FROM bookings WHERE status <> 'cancelled' GROUP BY office_id, group_id, date, slot HAVING COUNT(*) > ${CAPACITY}`,
    );
    const created = Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM bookings'))?.n ?? 0);
    const usedSlots = Number((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT DISTINCT office_id, group_id, date, slot FROM bookings) AS s'))?.n ?? 0);
    await db.close();

    const status201 = bookings.statuses.get(201) ?? 0;
    const label = `${CONNECTIONS} conns, ${SECONDS} s, ${storage.label}`;
    const p = (r: LoadResult, q: number) => percentile(r.latenciesMs, q);
    console.log(`${storage.label}: ${bookings.requests} booking requests, statuses ${JSON.stringify(Object.fromEntries(bookings.statuses))}, ${created} rows`);
    return [
      {
        figure: `POST /api/v1/bookings req/s (${label}; ${status201} created)`,
        value: bookings.perSecond,
        unit: 'req/s',
        baselineLabel: 'GET /healthz req/s',
        baseline: health.perSecond,
        ratio: bookings.perSecond / health.perSecond,
        aim: 'ratio ≥ 0.5',
        met: bookings.perSecond / health.perSecond >= 0.5 && status201 === created,
      },
      {
        figure: `POST /api/v1/bookings p50 latency (${storage.label})`,
        value: p(bookings, 50),
        unit: 'ms',
        baselineLabel: 'GET /healthz p50 ms',
        baseline: p(health, 50),
        ratio: p(health, 50) / p(bookings, 50),
        aim: 'informational (baseline/value)',
        met: true,
      },
      {
        figure: `POST /api/v1/bookings p99 latency (${storage.label})`,
        value: p(bookings, 99),
        unit: 'ms',
        baselineLabel: 'GET /healthz p99 ms',
        baseline: p(health, 99),
        ratio: p(health, 99) / p(bookings, 99),
        aim: 'informational (baseline/value)',
        met: true,
      },
      {
        figure: `overbooked slots after the flood (${storage.label})`,
        value: overbooked.length,
        unit: 'slots',
        baselineLabel: 'slots booked',
        baseline: usedSlots,
        ratio: overbooked.length / Math.max(1, usedSlots),
        aim: '= 0',
        met: overbooked.length === 0,
      },
    ];
  } finally {
    if (server.exitCode === null) server.kill('SIGTERM');
  }
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a fresh schema, dropped afterwards). */
export default async function centralBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'central-bench-'));
  const rows: BenchRow[] = [];
  try {
    const dataDir = join(dir, 'data');
    rows.push(...(await floodCentral(dir, { label: 'SQLite', args: ['--data', dataDir], env: { DATABASE_URL: '' }, open: () => openDatabase({ dataDir }) })));
    const pgUrl = process.env.TEST_DATABASE_URL;
    if (pgUrl) {
      const schema = `bench_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = new URL(pgUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      try {
        rows.push(...(await floodCentral(dir, { label: 'PostgreSQL', args: [], env: { DATABASE_URL: url.toString() }, open: () => openDatabase({ databaseUrl: url.toString() }) })));
      } finally {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    } else {
      console.log('PostgreSQL flood skipped: TEST_DATABASE_URL is not set');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
