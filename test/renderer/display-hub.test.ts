/**
 * The waiting-room page in real Chromium against a real hub (createDesk) and a real central, both
 * in-process on 127.0.0.1: calls appear on screen, the voice speaks them in order, a hub restart heals by
 * itself, and no personal data reaches the socket or the DOM.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingCreated } from '../../src/shared/api.js';
import { buildCsp } from '../../src/main/security-util.js';
import { launchChromium } from '../helpers/chromium.js';
import { book, manualClock, OFFICE, startCentral, startDesk, tempDir, type TestCentral, type TestDesk } from '../helpers/desk.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = resolve(ROOT, 'test-results/display-1920x1080.png');

/** Citizens with known personal data, to search for afterwards. */
const CITIZENS = [
  { fullName: 'Lê Thị Hồng Nhung', phone: '0987654321', idNumber: '092301004567' },
  { fullName: 'Phạm Quốc Thắng', phone: '0978123456', idNumber: '092188007654' },
  { fullName: 'Võ Minh Khôi', phone: '0355246813', idNumber: '092199112233' },
];
const personalStrings = (bookings: BookingCreated[]) => [
  ...CITIZENS.flatMap((c) => [c.fullName, ...c.fullName.split(' ').slice(1), c.phone, c.phone.slice(1), c.idNumber, `${c.phone.slice(0, 4)}***`]),
  ...bookings.flatMap((b) => [b.code, b.token.slice(0, 24)]),
];

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function ensureBuilt() {
  if (existsSync(resolve(ROOT, 'dist/renderer/display/index.html'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

describe('display page against a real hub', () => {
  const clock = manualClock('2022-01-06T07:00:00+07:00');
  const hubDir = tempDir('motcua-display-hub-');
  let central: TestCentral;
  let hub: TestDesk;
  let port: number;
  let browser: Browser;
  let page: Page;
  let listener: Socket;
  const wire: { event: string; payload: unknown }[] = [];
  const consoleLines: string[] = [];
  const bookings: BookingCreated[] = [];

  const startHub = () =>
    startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock, dataDir: hubDir.path, keepData: true, port });

  const failedResponses: string[] = [];

  beforeAll(async () => {
    ensureBuilt();
    central = await startCentral({ clock });
    port = 0;
    hub = await startHub();
    port = Number(new URL(hub.desk.url).port);
    for (const [i, citizen] of CITIZENS.entries()) {
      bookings.push(await book(central.url, { date: '2022-01-06', slot: i === 0 ? '08:00' : '08:15', citizen }));
    }
    await hub.desk.syncNow();
    clock.set('2022-01-06T07:45:00+07:00');
    for (const b of bookings) {
      const res = await hub.request('POST', '/api/v1/checkins', { scan: b.code });
      expect(res.status).toBe(201);
    }

    listener = connect(`${hub.desk.url}/display`, { transports: ['websocket'], forceNew: true, reconnectionDelayMax: 500 });
    listener.onAny((event: string, payload: unknown) => wire.push({ event, payload }));

    // Autoplay allowed, as in the Electron window: the voice really plays through WebAudio.
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    page.on('response', (response) => response.status() >= 400 && failedResponses.push(`${response.status()} ${response.url()}`));
    // Serve the page under the Electron window's Content-Security-Policy, so a violation shows up here.
    const csp = buildCsp([hub.desk.url]);
    await page.route(`${hub.desk.url}/display`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    await page.goto(`${hub.desk.url}/display`);
    await page.getByTestId('hero').waitFor();
  });

  afterAll(async () => {
    listener?.close();
    await browser?.close();
    await hub?.close();
    await central?.close();
    hubDir.remove();
  });

  const heroText = () => page.getByTestId('hero-number').textContent({ timeout: 1_000 }).catch(() => null);
  const recentNumbers = () => page.locator('[data-testid=recent-call] .number').allTextContents();

  it('shows the office, clock in office time, counters, waiting and occupancy from the snapshot', async () => {
    await expect.poll(() => page.locator('.office-name').textContent()).toBe('Trung tâm Phục vụ hành chính công tỉnh Hậu Giang');
    await expect.poll(() => page.locator('.clock-time').textContent()).toMatch(/^07:4[5-9]$/);
    await expect.poll(() => page.locator('.clock-date').textContent()).toBe('Thứ Năm, 06/01/2022');
    expect(await page.getByTestId('counters').locator('li').count()).toBe(3);
    await expect.poll(() => page.getByTestId('waiting').locator('.figure-value').textContent()).toBe('3');
    await expect.poll(() => page.getByTestId('occupancy').locator('.figure-value').textContent()).toBe('3/30');
    expect(await page.getByTestId('notice').textContent()).toContain('0293.3554567');
    expect(await page.getByTestId('offline-mark').count()).toBe(0);
    expect(await page.locator('.hero-idle').textContent()).toContain('Xin kính chào');
    // Autoplay is allowed here (as in the Electron window): sound is on by itself, no "enable sound" button.
    await expect.poll(() => page.locator('.display').getAttribute('data-sound')).toBe('on');
    expect(await page.getByRole('button', { name: /Bật âm thanh/ }).count()).toBe(0);
  });

  it('shows three calls made through the hub REST API, newest highlighted, and speaks them in order', async () => {
    const expected = ['1001', '1002', '1003'];
    for (const [i, number] of expected.entries()) {
      const counterId = `q${i + 1}`;
      const started = performance.now();
      const res = await hub.request('POST', `/api/v1/counters/${counterId}/call-next`, {}, { token: hub.tokenOf(counterId) });
      expect(res.status).toBe(200);
      expect(res.body.ticket.number).toBe(number);
      await expect.poll(heroText, { interval: 10, timeout: 5_000 }).toBe(number);
      console.log(`call ${number} at ${counterId}: on screen ${Math.round(performance.now() - started)} ms after the REST request`);
    }
    expect(await recentNumbers()).toEqual(['1003', '1002', '1001']);
    expect(await page.locator('[data-testid=recent-call].newest .number').textContent()).toBe('1003');
    expect(await page.locator('.hero-counter').textContent()).toBe('Quầy 3');
    for (const [i, number] of expected.entries()) {
      expect(await page.getByTestId(`counter-q${i + 1}`).getByTestId('counter-current').textContent()).toBe(number);
    }
    await expect.poll(() => page.getByTestId('waiting').locator('.figure-value').textContent()).toBe('0');

    // The voice: each call announced once, in call order, every clip played (no "not played" warning).
    const announced = () => consoleLines.filter((l) => l.includes('[display] announcing:'));
    await expect.poll(() => announced().length, { timeout: 40_000, interval: 200 }).toBe(3);
    expect(announced().map((l) => l.replace(/^.*announcing: /, ''))).toEqual(
      expected.map((n, i) => `Mời công dân có số thứ tự ${n} đến quầy số ${i + 1}`),
    );
    await expect.poll(() => page.locator('.display').getAttribute('data-announcing'), { timeout: 20_000 }).toBe('');
    expect(consoleLines.filter((l) => /not played|unavailable|did not report its end|Content Security Policy|Refused to/.test(l))).toEqual([]);
    // No request fails (a /favicon.ico 404 used to add a console error): the icon is inline in the page.
    expect(failedResponses).toEqual([]);
    expect(consoleLines.filter((l) => /favicon|404/.test(l))).toEqual([]);

    mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    console.log(`screenshot: ${SCREENSHOT}`);
  }, 90_000);

  it('fits and stays readable at 1920×1080, 1366×768 and portrait 1080×1920', async () => {
    const layout = () =>
      page.evaluate<{ scrollWidth: number; scrollHeight: number; boxes: Record<string, Box[]>; numberFontPx: Record<string, number> }>(`(() => {
        const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
        const all = (sel) => [...document.querySelectorAll(sel)].map(box);
        return {
          scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight,
          boxes: { hero: all('.hero-number'), heroCounter: all('.hero-counter'), counters: all('.counter-card'), recent: all('[data-testid=recent-call]'),
                   figures: all('.figure'), notice: all('.notice'), clock: all('.clock-time'), office: all('.office-name') },
          numberFontPx: Object.fromEntries([['hero', '.hero-number'], ['counter', '.counter-number'], ['recent', '.recent li .number'], ['clock', '.clock-time']]
            .map(([part, sel]) => [part, parseFloat(getComputedStyle(document.querySelector(sel)).fontSize)])),
        };
      })()`);
    for (const [width, height, name] of [[1920, 1080, '1920x1080'], [1366, 768, '1366x768'], [1080, 1920, 'portrait-1080x1920']] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForFunction(`innerWidth === ${width}`);
      const l = await layout();
      expect(l.scrollWidth, name).toBeLessThanOrEqual(width);
      expect(l.scrollHeight, name).toBeLessThanOrEqual(height);
      for (const [part, boxes] of Object.entries(l.boxes)) {
        expect(boxes.length, `${name} ${part}`).toBeGreaterThan(0);
        for (const b of boxes) {
          expect(b.left >= 0 && b.top >= 0 && b.right <= width + 0.5 && b.bottom <= height + 0.5, `${name} ${part} inside the screen: ${JSON.stringify(b)}`).toBe(true);
        }
      }
      // From 6 m: the called number is huge, every other number at least ~5 % of the screen's short side.
      const short = Math.min(width, height);
      expect(l.numberFontPx.hero! / short, `${name} hero`).toBeGreaterThanOrEqual(0.15);
      for (const part of ['counter', 'recent', 'clock']) expect(l.numberFontPx[part]! / short, `${name} ${part} number`).toBeGreaterThanOrEqual(0.04);
      if (name !== '1920x1080') await page.screenshot({ path: resolve(ROOT, `test-results/display-${name}.png`) });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  it('never lets a name, phone, ID number or booking code reach the socket payloads or the DOM', async () => {
    expect(wire.some((w) => w.event === 'snapshot')).toBe(true);
    expect(wire.filter((w) => w.event === 'called').length).toBeGreaterThanOrEqual(3);
    const payloads = JSON.stringify(wire);
    const dom = (await page.evaluate<string>('document.documentElement.outerHTML + "\\n" + document.body.innerText')).normalize('NFC');
    for (const secret of personalStrings(bookings)) {
      expect(payloads.includes(secret), `socket payload contains ${secret}`).toBe(false);
      expect(dom.includes(secret), `DOM contains ${secret}`).toBe(false);
    }
    expect(payloads).not.toMatch(/\d{4}\*{3}\d{3}/);
    expect(dom).not.toMatch(/\d{4}\*{3}\d{3}/);
  });

  it('marks the lost hub discreetly and shows the current state again by itself after a restart', async () => {
    await hub.close();
    await page.getByTestId('offline-mark').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('offline-mark').textContent()).toContain('Mất kết nối');
    // The last known calls stay on screen while the hub is away.
    expect(await heroText()).toBe('1003');

    clock.set('2022-01-06T09:30:00+07:00');
    const restarted = performance.now();
    hub = await startHub();
    expect(Number(new URL(hub.desk.url).port)).toBe(port);
    await page.getByTestId('offline-mark').waitFor({ state: 'detached', timeout: 15_000 });
    // The fresh snapshot replaced the state: the clock follows the restarted hub's time.
    await expect.poll(() => page.locator('.clock-time').textContent(), { timeout: 5_000 }).toMatch(/^09:3\d$/);
    console.log(`display reconnected ${Math.round(performance.now() - restarted)} ms after the hub restarted`);
    expect(await recentNumbers()).toEqual(['1003', '1002', '1001']);

    // And it is live again: a recall on the restarted hub shows and is spoken with "Xin nhắc lại".
    const res = await hub.request('POST', '/api/v1/counters/q2/recall', {}, { token: hub.tokenOf('q2') });
    expect(res.status).toBe(200);
    await expect.poll(heroText, { timeout: 5_000 }).toBe('1002');
    await expect.poll(recentNumbers).toEqual(['1002', '1003', '1002', '1001']);
    expect(await page.locator('[data-testid=recent-call].newest .recall-badge').textContent()).toBe('nhắc lại');
    expect(await page.locator('.hero .label').textContent()).toContain('Xin nhắc lại số');
    await page.screenshot({ path: resolve(ROOT, 'test-results/display-after-restart-recall-1920x1080.png') });
    await expect
      .poll(() => consoleLines.filter((l) => l.includes('announcing: Xin nhắc lại: Mời công dân có số thứ tự 1002 đến quầy số 2')).length, { timeout: 15_000 })
      .toBe(1);
    // A reconnect never repeats an earlier announcement.
    expect(consoleLines.filter((l) => l.includes('announcing:')).length).toBe(4);
  }, 60_000);
});

describe('display page in a plain browser (autoplay blocked)', () => {
  it('offers a one-time "Bật âm thanh" click that enables sound', async () => {
    ensureBuilt();
    const clock = manualClock('2022-01-06T07:00:00+07:00');
    const central = await startCentral({ clock });
    const hub = await startDesk({ centralUrl: central.url, deviceToken: central.central.deviceTokens[OFFICE]!, clock });
    const browser = await launchChromium(['--autoplay-policy=document-user-activation-required']);
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const manifest = page.waitForResponse((r) => r.url().endsWith('/manifest.json'));
      await page.goto(`${hub.desk.url}/display?volume=60&region=north&reading=digits`);
      // The Northern setting brings the Northern voice.
      expect(new URL((await manifest).url()).pathname).toBe('/audio/vi-north/manifest.json');
      expect((await manifest).status()).toBe(200);
      const button = page.getByRole('button', { name: /Bật âm thanh/ });
      await button.waitFor({ timeout: 10_000 });
      expect(await page.locator('.display').getAttribute('data-sound')).toBe('blocked');
      // The loudspeaker is drawn (inline SVG), not an emoji a TV PC without an emoji font shows as an empty box.
      expect(await button.locator('svg').count()).toBe(1);
      expect(await button.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
      await page.getByTestId('notice').waitFor();
      // It covers nothing — least of all the scrolling notice line — at every TV size.
      for (const [width, height, name] of [[1366, 768, '1366x768'], [1920, 1080, '1920x1080'], [1080, 1920, 'portrait-1080x1920']] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForFunction(`innerWidth === ${width}`);
        const overlaps = await page.evaluate<{ button: Box; hits: string[] }>(`(() => {
          const box = (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
          const button = box(document.querySelector('.sound-button'));
          const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
          const parts = ['.top', '.hero', '.counter-card', '.recent', '.figure', '.notice', '.offline-mark', '.toast'];
          const hits = parts.flatMap((sel) => [...document.querySelectorAll(sel)].filter((el) => meet(button, box(el))).map(() => sel));
          return { button, hits };
        })()`);
        expect(overlaps.hits, `${name}: the sound button overlaps ${overlaps.hits.join(', ')}`).toEqual([]);
        const b = overlaps.button;
        expect(b.left >= 0 && b.top >= 0 && b.right <= width && b.bottom <= height, `${name} sound button inside the screen: ${JSON.stringify(b)}`).toBe(true);
        await page.screenshot({ path: resolve(ROOT, `test-results/display-sound-button-${name}.png`) });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
      await button.click();
      await button.waitFor({ state: 'detached', timeout: 5_000 });
      expect(await page.locator('.display').getAttribute('data-sound')).toBe('on');
      // Query settings are remembered for the next visit.
      const storedSettings = () => page.evaluate<string | null>("localStorage.getItem('motcua.display.settings')");
      const stored = await storedSettings();
      expect(JSON.parse(stored!)).toEqual({ muted: false, volume: 0.6, reading: 'digits', region: 'north' });
      // M mutes (and says so); the page stays quiet.
      await page.keyboard.press('m');
      await expect.poll(() => page.locator('.toast').textContent()).toContain('Đã tắt tiếng');
      expect(await page.locator('.toast svg').count()).toBe(1);
      expect(await page.locator('.toast').textContent()).not.toMatch(/\p{Extended_Pictographic}/u);
      await expect.poll(async () => JSON.parse((await storedSettings())!).muted).toBe(true);
      expect(await page.locator('.display').getAttribute('data-sound')).toBe('muted');
    } finally {
      await browser.close();
      await hub.close();
      await central.close();
    }
  });
});
