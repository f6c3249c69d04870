// The HTTP edge: rate limit, body limit, hidden 5xx details, unknown routes, the built booking pages.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bookingRequest, call, startCentral, type TestCentral } from './central-helpers.js';

describe('central HTTP edge (SQLite)', () => {
  const started: TestCentral[] = [];
  const dirs: string[] = [];
  const start = async (opts: Parameters<typeof startCentral>[1] = {}) => {
    const central = await startCentral('sqlite', opts);
    started.push(central);
    return central;
  };
  afterEach(async () => {
    for (const central of started.splice(0)) await central.dispose();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('rate-limits a client with 429 and a Vietnamese message, but not health checks or hub sync', async () => {
    const central = await start({ rateLimitPerMinute: 5 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await call(central.url, 'GET', '/api/v1/offices')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await call(central.url, 'POST', '/api/v1/bookings', bookingRequest());
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited', message: 'Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.' });
    expect((await call(central.url, 'GET', '/healthz')).status).toBe(200);
    const sync = await call(central.url, 'GET', '/api/v1/sync/office?officeId=hg-ttphcc', undefined, { authorization: `Bearer ${central.deviceTokens['hg-ttphcc']}` });
    expect(sync.status).toBe(200);
  });

  it('behind a trusted proxy, limits each forwarded client separately', async () => {
    const central = await start({ rateLimitPerMinute: 2, trustProxy: true });
    const from = (ip: string) => call(central.url, 'GET', '/api/v1/offices', undefined, { 'x-forwarded-for': ip });
    expect([(await from('203.0.113.1')).status, (await from('203.0.113.1')).status, (await from('203.0.113.1')).status]).toEqual([200, 200, 429]);
    expect((await from('203.0.113.2')).status).toBe(200);
  });

  it('refuses a body over the limit with 413 payload_too_large and writes nothing', async () => {
    const central = await start();
    const huge = bookingRequest({ citizen: { fullName: 'A'.repeat(400_000), phone: '0912345678' } });
    const refused = await call(central.url, 'POST', '/api/v1/bookings', huge);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ error: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' });
    const count = await central.store.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM bookings');
    expect(Number(count?.n)).toBe(0);
  });

  it('refuses a non-JSON content type and binary garbage as invalid_input', async () => {
    const central = await start();
    const text = await fetch(`${central.url}/api/v1/bookings`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ error: 'invalid_input' });
    const binary = await fetch(`${central.url}/api/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array([0, 255, 1, 254, 0x7b]) });
    expect(binary.status).toBe(400);
    expect(await binary.json()).toMatchObject({ error: 'invalid_input' });
  });

  it('answers an internal failure with 500 internal_error and no details', async () => {
    const central = await start();
    // Break the storage underneath the running server: the next query throws inside the driver.
    await central.store.db.run('DROP TABLE bookings');
    const failed = await call(central.url, 'GET', '/api/v1/offices/hg-ttphcc/slots?date=2022-01-07&procedure=GTVT-GPLX-CAPLAI');
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: 'internal_error', message: 'Hệ thống gặp sự cố. Vui lòng thử lại.', messageEn: 'Something went wrong. Please try again.' });
    expect(JSON.stringify(failed.body)).not.toMatch(/bookings|SQLITE|no such table/i);
  });

  it('cuts off a client that starts a request and then goes silent', async () => {
    const central = await start({ connectionTimeoutMs: 300 });
    const { port } = new URL(central.url);
    const socket = connect(Number(port), '127.0.0.1');
    const started = Date.now();
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    socket.on('error', () => undefined);
    socket.write('POST /api/v1/bookings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"officeId"');
    const after = await closed;
    expect(after).toBeGreaterThanOrEqual(250);
    expect(after).toBeLessThan(5_000);
    // The server still serves everyone else.
    expect((await call(central.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('answers unknown routes with 404 in the common error shape', async () => {
    const central = await start();
    const missing = await call(central.url, 'GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found' });
  });

  it('serves the built booking page at /, the hotline page at /hotline and /assets/*', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'central-static-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'booking'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'booking', 'index.html'), '<!doctype html><title>Đặt lịch</title>');
    writeFileSync(join(dir, 'booking', 'hotline.html'), '<!doctype html><title>Tổng đài</title>');
    writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
    const central = await start({ staticDir: dir });
    const index = await fetch(`${central.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('Đặt lịch');
    expect(await (await fetch(`${central.url}/hotline`)).text()).toContain('Tổng đài');
    const asset = await fetch(`${central.url}/assets/app-1.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(await asset.text()).toBe('console.log(1)');
    expect((await fetch(`${central.url}/assets/../booking/index.html`)).status).not.toBe(500);
    expect((await fetch(`${central.url}/assets/missing.js`)).status).toBe(404);
  });
});
