// The CLI as a user runs it: a demo server with --json and --clock, and the admin commands against its data folder.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { JwksSchema } from '../../src/shared/api.js';
import { parseToken } from '../../src/shared/token.js';
import { bookingRequest, call } from './central-helpers.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', 'src/central/cli.ts'];
const env = { ...process.env, DATABASE_URL: '' };

describe('npm run central (SQLite data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'central-cli-'));
  const server = spawn(process.execPath, [...CLI, '--port', '0', '--host', '127.0.0.1', '--data', dir, '--demo', '--json', '--clock', '2022-01-06T08:00:00+07:00'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`central exited with ${code}`)));
  });
  const admin = (...args: string[]) => run(process.execPath, [...CLI, ...args, '--data', dir], { env });

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one JSON line with the URL and a device token per office, and runs on the given clock', async () => {
    const { url, deviceTokens } = JSON.parse(await firstLine) as { url: string; deviceTokens: Record<string, string> };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(deviceTokens)).toHaveLength(9);
    const health = await call<{ now: number }>(url, 'GET', '/healthz');
    const started = Date.parse('2022-01-06T08:00:00+07:00');
    expect(health.body.now).toBeGreaterThanOrEqual(started);
    expect(health.body.now).toBeLessThan(started + 120_000);
    const config = await call(url, 'GET', '/api/v1/sync/office?officeId=hg-vithuy', undefined, { authorization: `Bearer ${deviceTokens['hg-vithuy']}` });
    expect(config.status).toBe(200);
  });

  it('rotates keys, makes device tokens and adds operators in the same data folder', async () => {
    const { url } = JSON.parse(await firstLine) as { url: string };
    const rotated = await admin('keys', 'rotate');
    const newKid = /New signing key: (\S+)/.exec(rotated.stdout)?.[1];
    expect(newKid).toBeDefined();
    const jwks = JwksSchema.parse((await call(url, 'GET', '/api/v1/keys')).body);
    expect(jwks.keys.map((k) => k.kid)).toContain(newKid);
    expect(jwks.keys.length).toBeGreaterThanOrEqual(2);
    // The running server signs with the new key.
    const booked = await call(url, 'POST', '/api/v1/bookings', bookingRequest({ date: '2022-01-07' }));
    expect(booked.status).toBe(201);
    expect(parseToken(booked.body.token as string)?.payload.keyId).toBe(newKid);

    const token = (await admin('device-token', 'create', '--office', 'hg-longmy')).stdout.trim();
    expect(token).toMatch(/^mcd_/);
    expect((await call(url, 'GET', '/api/v1/sync/office?officeId=hg-longmy', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    await expect(admin('device-token', 'create', '--office', 'hg-nowhere')).rejects.toMatchObject({ code: 2 });

    await expect(admin('operator', 'add', '--username', 'hoa', '--password', 'ngắn', '--name', 'Lê Thị Hoa')).rejects.toMatchObject({ code: 1 });
    await admin('operator', 'add', '--username', 'hoa', '--password', 'bí-mật-123', '--name', 'Lê Thị Hoa');
    const login = await call(url, 'POST', '/api/v1/hotline/login', { username: 'hoa', password: 'bí-mật-123' });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ name: 'Lê Thị Hoa' });
  });
});
