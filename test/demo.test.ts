// CI smoke test of `npm run demo -- --json`: the whole office starts as a child process, serves the
// counter, display and booking pages, books and checks in a citizen through the real APIs, and stops
// cleanly on SIGTERM with nothing left listening.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BookingCreatedSchema, ProcedureSchema, SlotSchema } from '../src/shared/api.js';
import { localDate } from '../src/shared/time.js';

const ROOT = resolve(import.meta.dirname, '..');
/** A Thursday, inside office hours: the test does not depend on when CI runs. */
const CLOCK = '2022-01-06T08:00:00+07:00';

const DemoLineSchema = z.object({
  central: z.url(),
  hub: z.url(),
  deviceToken: z.string().min(8),
  counters: z.array(z.object({ id: z.string(), token: z.string().min(8) })).min(1),
  officeId: z.string(),
  bookings: z.array(z.object({ code: z.string(), token: z.string(), slot: z.string() })),
  hotline: z.object({ username: z.string(), password: z.string() }),
});
type DemoLine = z.infer<typeof DemoLineSchema>;

let child: ChildProcess;
let demo: DemoLine;
let dataDir: string;
let stderr = '';
const exited = () =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
    child.once('exit', (code) => done(code));
  });

/** Resolves true when something accepts TCP connections on the URL's port. */
function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((done) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'motcua-demo-'));
  // node --import tsx is what `npm run demo` runs, without npm's extra process between us and the signal.
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--json', '--data', dataDir, '--port', '0', '--central-port', '0', '--clock', CLOCK], {
    cwd: ROOT,
    env: { ...process.env, MOTCUA_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', done);
    child.once('exit', (code) => fail(new Error(`demo exited (${code}) before printing its JSON line:\n${stderr}`)));
  });
  demo = DemoLineSchema.parse(JSON.parse(await firstLine));
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run demo --json', () => {
  it('prints one JSON line with both servers, the device token and the counter tokens, and books demo citizens', () => {
    expect(new URL(demo.central).hostname).toBe('127.0.0.1');
    expect(demo.hub).not.toBe(demo.central);
    expect(demo.counters.map((counter) => counter.id)).toContain('q1');
    expect(demo.bookings.length).toBeGreaterThanOrEqual(3);
    for (const booking of demo.bookings) expect(booking.token).toMatch(/^MC1\./);
    expect(existsSync(join(dataDir, 'hub'))).toBe(true);
    expect(existsSync(join(dataDir, 'central'))).toBe(true);
  });

  it('the demo hotline operator can sign in', async () => {
    const response = await fetch(`${demo.central}/api/v1/hotline/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demo.hotline),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { token: string }).token.length).toBeGreaterThan(8);
  });

  it.each([
    ['counter page', 'hub', '/counter'],
    ['display page', 'hub', '/display'],
    ['booking page', 'central', '/'],
  ] as const)('serves the %s', async (_name, server, path) => {
    const response = await fetch(`${demo[server]}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<html[^>]*lang="vi"/);
  });

  it("books one citizen through central's API and checks them in at the hub with the counter token", async () => {
    const health = (await (await fetch(`${demo.central}/healthz`)).json()) as { now: number };
    const today = localDate(health.now);
    expect(today).toBe('2022-01-06');
    const procedures = z.array(ProcedureSchema).parse(await (await fetch(`${demo.central}/api/v1/offices/${demo.officeId}/procedures`)).json());
    const procedure = procedures.find((candidate) => candidate.groupId === 'sgtvt')!;
    const slots = z.array(SlotSchema).parse(
      await (await fetch(`${demo.central}/api/v1/offices/${demo.officeId}/slots?date=${today}&procedure=${procedure.code}`)).json(),
    );
    const slot = slots.find((candidate) => candidate.available > 0 && candidate.start > '08:00')!;
    const booked = await fetch(`${demo.central}/api/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        officeId: demo.officeId,
        procedureCode: procedure.code,
        date: today,
        slot: slot.start,
        citizen: { fullName: 'Đặng Thị Mỹ Duyên', phone: '0911222333' },
        bookedBy: { kind: 'self' },
      }),
    });
    expect(booked.status).toBe(201);
    const booking = BookingCreatedSchema.parse(await booked.json());

    const q1 = demo.counters.find((counter) => counter.id === 'q1')!;
    const checkin = (auth: string | null) =>
      fetch(`${demo.hub}/api/v1/checkins`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ scan: booking.token, counterId: 'q1' }),
      });
    expect((await checkin(null)).status).toBe(401);
    const first = await checkin(q1.token);
    const firstBody = (await first.json()) as { ticket: { number: string }; booking: { code: string }; alreadyCheckedIn: boolean };
    expect(first.status, JSON.stringify(firstBody)).toBe(201);
    expect(firstBody.booking.code).toBe(booking.code);
    expect(firstBody.ticket.number).toMatch(/^1\d{3}$/);
    expect(firstBody.alreadyCheckedIn).toBe(false);

    const again = await checkin(q1.token);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { ticket: { number: string } }).ticket.number).toBe(firstBody.ticket.number);
  });

  it('stops on SIGTERM with exit code 0 and leaves nothing listening', async () => {
    expect(await isListening(demo.hub)).toBe(true);
    expect(await isListening(demo.central)).toBe(true);
    const started = Date.now();
    child.kill('SIGTERM');
    expect(await exited(), stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await isListening(demo.hub)).toBe(false);
    expect(await isListening(demo.central)).toBe(false);
  });
});
