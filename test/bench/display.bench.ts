/**
 * Display benchmarks in real Chromium against a real hub and central (loopback):
 * - call-next → the number visible on the waiting-room page, p50/p95 over 30 calls, vs the call-next
 *   HTTP answer alone for the same calls;
 * - opening /display → the board drawn from the first snapshot, vs fetching the page's HTML alone.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { launchChromium } from '../helpers/chromium.js';
import { DISTRICT, manualClock, startCentral, startDesk } from '../helpers/desk.js';
import { percentile, type BenchRow } from './bench-util.js';

const CALLS = 30;
const LOADS = 5;

export default async function displayBench(): Promise<BenchRow[]> {
  const root = resolve(import.meta.dirname, '../..');
  if (!existsSync(resolve(root, 'dist/renderer/display/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  // A district office (level 2) takes walk-ins, so tickets need no bookings.
  const clock = manualClock('2022-01-06T08:00:00+07:00');
  const central = await startCentral({ clock });
  const hub = await startDesk({ officeId: DISTRICT, centralUrl: central.url, deviceToken: central.central.deviceTokens[DISTRICT]!, clock, counters: 1 });
  const browser = await launchChromium();
  try {
    for (let i = 0; i < CALLS; i++) {
      const res = await hub.request('POST', '/api/v1/walk-ins', { counterId: 'q1' });
      if (res.status !== 201) throw new Error(`walk-in refused: ${JSON.stringify(res.body)}`);
    }

    const loads: number[] = [];
    const htmlFetches: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const t0 = performance.now();
      await (await fetch(`${hub.desk.url}/display`)).text();
      htmlFetches.push(performance.now() - t0);
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const t1 = performance.now();
      await page.goto(`${hub.desk.url}/display?muted=1`);
      await page.getByTestId('hero').waitFor();
      loads.push(performance.now() - t1);
      await page.close();
    }

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${hub.desk.url}/display?muted=1`);
    await page.getByTestId('hero').waitFor();
    const rest: number[] = [];
    const onScreen: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      const res = await hub.request('POST', '/api/v1/counters/q1/call-next', {});
      rest.push(performance.now() - t0);
      const number = res.body.ticket.number as string;
      await page.waitForFunction(`document.querySelector('[data-testid=hero-number]')?.textContent === ${JSON.stringify(number)}`, undefined, { polling: 'raf', timeout: 5_000 });
      onScreen.push(performance.now() - t0);
    }
    const p95 = percentile(onScreen, 95);
    const p95Rest = percentile(rest, 95);
    const p50 = percentile(onScreen, 50);
    const p50Rest = percentile(rest, 50);
    const load = percentile(loads, 50);
    const html = percentile(htmlFetches, 50);
    return [
      { figure: `call-next → number on the display, p50 (${CALLS} calls, Chromium)`, value: p50, unit: 'ms', baselineLabel: 'call-next HTTP answer p50', baseline: p50Rest, ratio: p50 / p50Rest, aim: 'under 250 ms', met: p50 < 250 },
      { figure: `call-next → number on the display, p95 (${CALLS} calls, Chromium)`, value: p95, unit: 'ms', baselineLabel: 'call-next HTTP answer p95', baseline: p95Rest, ratio: p95 / p95Rest, aim: 'under 500 ms', met: p95 < 500 },
      { figure: `open /display → board drawn, p50 (${LOADS} loads)`, value: load, unit: 'ms', baselineLabel: 'GET /display HTML p50', baseline: html, ratio: load / html, aim: 'under 2 s', met: load < 2_000 },
    ];
  } finally {
    await browser.close();
    await hub.close();
    await central.close();
  }
}
