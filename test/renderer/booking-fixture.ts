// Shared set-up of the booking page browser tests: a real central on 127.0.0.1, Chromium at 360×740, QR decoding.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { createCentral, type Central } from '../../src/central/create-central.js';
import { BookingCreatedSchema, BookingViewSchema, JwksSchema, type BookingCreated, type BookingView, type CreateBookingRequest, type Slot } from '../../src/shared/api.js';
import { createManualClock, type ManualClock } from '../../src/shared/time.js';
import { parseToken, type TokenPayload } from '../../src/shared/token.js';
import { expect } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';

export const STATIC_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
/** A Thursday inside office hours (office time UTC+7). */
export const OFFICE_NOW = '2022-01-06T08:00:00+07:00';
export const TODAY = '2022-01-06';
export const CENTRE = 'hg-ttphcc';
/** A Department of Transport procedure of the demo catalog. */
export const GPLX_DOI = 'GTVT-GPLX-DOI';

export interface BookingWorld {
  central: Central;
  url: string;
  clock: ManualClock;
  browser: Browser;
  close(): Promise<void>;
}

export async function startWorld(): Promise<BookingWorld> {
  if (!existsSync(join(STATIC_DIR, 'booking', 'index.html'))) {
    throw new Error(`Booking page not built: run \`npx vite build\` first (expected ${STATIC_DIR}/booking/index.html).`);
  }
  const clock = createManualClock(OFFICE_NOW);
  // Tests click through many slot lookups from one address; the public rate limit is tested in central's suite.
  const central = await createCentral({ demo: true, clock, staticDir: STATIC_DIR, rateLimitPerMinute: 100_000 });
  const url = await central.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    central,
    url,
    clock,
    browser,
    async close() {
      await browser.close();
      await central.close();
    },
  };
}

/** A phone-sized page whose own clock agrees with the server's (the page reads "today" from it). */
export async function openPhonePage(world: BookingWorld, path = '/'): Promise<Page> {
  const context = await world.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.clock.setFixedTime(world.clock());
  // Fail with the locator's name well before vitest's own timeout.
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(world.url + path);
  return page;
}

export async function apiJson(world: BookingWorld, path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(world.url + path, {
    ...init,
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
  });
  return { status: response.status, body: await response.json() };
}

export async function getBooking(world: BookingWorld, code: string, phone: string): Promise<BookingView> {
  const { status, body } = await apiJson(world, `/api/v1/bookings/${code}?phone=${phone}`);
  if (status !== 200) throw new Error(`lookup ${code}: ${status} ${JSON.stringify(body)}`);
  return BookingViewSchema.parse(body);
}

export async function getSlots(world: BookingWorld, date: string, procedure = GPLX_DOI, officeId = CENTRE): Promise<Slot[]> {
  const { body } = await apiJson(world, `/api/v1/offices/${officeId}/slots?date=${date}&procedure=${procedure}`);
  return body as Slot[];
}

let phoneCounter = 0;
/** A fresh valid mobile number per call, so bookings never collide on the per-phone rules. */
export function freshPhone(): string {
  phoneCounter += 1;
  return `09${String(10_000_000 + phoneCounter * 7919 + Math.floor(Math.random() * 1000)).slice(-8)}`;
}

export async function bookThroughApi(world: BookingWorld, slot: string, date = TODAY, phone = freshPhone()): Promise<BookingCreated> {
  const request: CreateBookingRequest = {
    officeId: CENTRE,
    procedureCode: GPLX_DOI,
    date,
    slot,
    citizen: { fullName: 'Trần Thị Bình', phone },
    bookedBy: { kind: 'self' },
  };
  const { status, body } = await apiJson(world, '/api/v1/bookings', { method: 'POST', body: JSON.stringify(request) });
  if (status !== 201) throw new Error(`booking ${slot}: ${status} ${JSON.stringify(body)}`);
  return BookingCreatedSchema.parse(body);
}

/** Fills a slot to capacity through the API. */
export async function fillSlot(world: BookingWorld, slot: string, date = TODAY): Promise<void> {
  const target = (await getSlots(world, date)).find((s) => s.start === slot);
  if (!target) throw new Error(`no slot ${slot}`);
  for (let i = 0; i < target.available; i++) await bookThroughApi(world, slot, date);
}

let zxingReady = false;
/** Decodes the QR codes in a PNG data URL (zxing-wasm in Node, its wasm loaded from node_modules). */
export async function decodeQrDataUrl(dataUrl: string): Promise<string[]> {
  if (!zxingReady) {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });
    zxingReady = true;
  }
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match) throw new Error(`not a PNG data URL: ${dataUrl.slice(0, 40)}`);
  const results = await readBarcodes(new Uint8Array(Buffer.from(match[1]!, 'base64')), { formats: ['QRCode'] });
  return results.filter((r) => r.isValid).map((r) => r.text);
}

/** Verifies an MC1 token with nothing but the server's JWKS; returns its payload, or throws why not. */
export async function verifyWithJwks(world: BookingWorld, token: string): Promise<TokenPayload> {
  const parsed = parseToken(token);
  if (!parsed) throw new Error(`not an MC1 token: ${token}`);
  const jwks = JwksSchema.parse((await apiJson(world, '/api/v1/keys')).body);
  const jwk = jwks.keys.find((key) => key.kid === parsed.payload.keyId);
  if (!jwk) throw new Error(`no key ${parsed.payload.keyId} in the JWKS`);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  if (!verify(null, parsed.signedMessage, key, parsed.signature)) throw new Error('bad signature');
  return parsed.payload;
}

/** expect.poll with a patience that suits two busy cores (vitest's default is one second). */
export function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

/**
 * WCAG AA text contrast of everything visible on the page: returns the texts under 4.5:1
 * (3:1 for large text: ≥ 24 px, or ≥ 18.66 px bold). Backgrounds are found by walking up to the
 * first opaque one; disabled controls (exempt in WCAG) are skipped.
 */
export async function contrastFailures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type El = {
      childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
      parentElement: El | null;
      textContent: string | null;
      getClientRects(): ArrayLike<unknown>;
      closest(q: string): El | null;
    };
    const win = globalThis as unknown as {
      document: { body: El; querySelectorAll(q: string): ArrayLike<El> };
      getComputedStyle(el: El): { color: string; backgroundColor: string; fontSize: string; fontWeight: string; visibility: string; opacity: string };
    };
    const rgba = (css: string) => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a: css.startsWith('rgba') ? a : 1 };
    };
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const lum = (c: { r: number; g: number; b: number }) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const background = (el: El | null) => {
      for (let node = el; node; node = node.parentElement) {
        const bg = rgba(win.getComputedStyle(node).backgroundColor);
        if (bg.a > 0.5) return bg;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const failures: string[] = [];
    for (const el of Array.from(win.document.querySelectorAll('body *'))) {
      const ownText = Array.from(el.childNodes)
        .filter((n) => n.nodeType === 3)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!ownText || el.getClientRects().length === 0 || el.closest('[disabled], :disabled, label:has(input:disabled), option')) continue;
      const style = win.getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const fg = rgba(style.color);
      const bg = background(el);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) failures.push(`${ratio.toFixed(2)}:1 "${ownText.slice(0, 40)}"`);
    }
    return failures;
  });
}
