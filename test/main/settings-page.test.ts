// The settings page in real Chromium, wired to main's real IPC path: the page's `window.desk` calls go
// through runDeskMethod (validation) into an implementation built on the real settings code, which
// writes a real settings file. Only the Electron-only bits (printers, screens, dialogs) are fixed data.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCentral, type Central } from '../../src/central/create-central.js';
import { fetchOffices } from '../../src/main/central-util.js';
import { DeskApiError, isDeskMethod, runDeskMethod } from '../../src/main/ipc-util.js';
import { pairWithHub } from '../../src/main/pairing-util.js';
import { loadSettings, saveSettings } from '../../src/main/settings-store.js';
import { applySave, openSecret, settingsView, withCounterToken, type SecretCipher } from '../../src/main/settings-util.js';
import { DESK_METHODS, type DeskApi } from '../../src/shared/ipc-contract.js';
import { errorBody } from '../../src/shared/reasons.js';
import { launchChromium } from '../helpers/chromium.js';

const RENDERER = resolve(import.meta.dirname, '../../dist/renderer');
const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
const PAIRING_CODE = '482913';

const cipher: SecretCipher = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
  decryptString: (bytes) => Buffer.from(bytes).reverse().toString('utf8'),
};

let browser: Browser;
let pageServer: Server;
let pagesUrl: string;
let hubServer: Server;
let hubUrl: string;
let dataDir: string;
let settingsFile: string;
let page: Page;
let testPrints = 0;
let central: Central;
let centralUrl: string;

/** What Electron main does, minus Electron: the same util functions over a real file. */
function testImpl(): DeskApi {
  const current = () => loadSettings(settingsFile).file;
  return {
    'ticket:print': async () => ({ printed: true, printerName: null, failureReason: null }),
    'printer:test': async () => (testPrints++, { printed: false, printerName: 'XP-80C', failureReason: 'Không in được (hết giấy). Kiểm tra máy in và giấy.' }),
    'printer:list': async () => [{ name: 'XP-80C', displayName: 'Xprinter XP-80C', isDefault: true }],
    'settings:read': async () => settingsView(current(), cipher),
    'settings:save': async (args) => {
      const outcome = applySave(current(), args, cipher);
      if (!outcome.ok) throw new DeskApiError(outcome.message, 'invalid_input');
      saveSettings(settingsFile, outcome.file);
      return settingsView(outcome.file, cipher);
    },
    'screen:list': async () => [
      { id: 1, label: 'Built-in', width: 1366, height: 768, primary: true },
      { id: 2, label: 'TV phòng chờ', width: 1920, height: 1080, primary: false },
    ],
    'display:open': async () => {},
    'central:offices': (args) => fetchOffices(fetch, args),
    'hub:info': async () => ({ mode: 'hub', hubUrl: 'http://127.0.0.1:3100', lanUrls: ['http://192.168.1.10:3100'], pairingCode: '276902' }),
    'hub:pair': async (args) => {
      const paired = await pairWithHub(fetch, args);
      saveSettings(settingsFile, withCounterToken(current(), args.hubUrl, paired.counterId, paired.token, cipher));
      return { counterId: paired.counterId, paired: true };
    },
    'app:version': async () => ({ app: '0.1.0', electron: '41.7.1', chrome: '140', node: '22', platform: 'win32-x64' }),
    'diagnostics:export': async () => ({ path: null, bytes: 0 }),
  };
}

async function openSettingsPage(withDesk = true): Promise<Page> {
  const next = await browser.newPage();
  if (withDesk) {
    const impl = testImpl();
    // The preload's role: one function per contract method, replies unwrapped, errors rejected as { type, message }.
    await next.exposeFunction('__deskInvoke', (method: string, args: unknown[]) =>
      isDeskMethod(method) ? runDeskMethod(impl, method, args) : { ok: false, error: { type: 'InternalError', message: 'no such method' } },
    );
    await next.addInitScript((methods: readonly string[]) => {
      const invoke = (globalThis as unknown as { __deskInvoke(m: string, a: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: unknown }> }).__deskInvoke;
      const desk: Record<string, unknown> = { on: () => () => {} };
      for (const method of methods) {
        desk[method] = async (...args: unknown[]) => {
          const reply = await invoke(method, args);
          if (!reply.ok) throw reply.error;
          return reply.value;
        };
      }
      (globalThis as unknown as { desk: unknown }).desk = desk;
    }, DESK_METHODS);
  }
  await next.goto(`${pagesUrl}/settings/index.html`);
  return next;
}

beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'settings', 'index.html'))) throw new Error('Build the pages first: npx vite build');
  pageServer = createServer((req, res) => {
    const path = resolve(RENDERER, `.${new URL(req.url ?? '/', 'http://x').pathname}`);
    if (!path.startsWith(RENDERER) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  hubServer = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { code, counterId } = JSON.parse(body) as { code: string; counterId: string };
      const reply = code === PAIRING_CODE ? { counterId, token: `ctr_${counterId}_0123456789` } : errorBody('invalid_pairing_code');
      res.writeHead(code === PAIRING_CODE ? 200 : 400, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await Promise.all([pageServer, hubServer].map((server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done))));
  pagesUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  hubUrl = `http://127.0.0.1:${(hubServer.address() as AddressInfo).port}`;
  central = await createCentral({ demo: true });
  centralUrl = await central.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await central?.close();
  await Promise.all([pageServer, hubServer].map((server) => new Promise<void>((done) => server?.close(() => done()))));
});

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'motcua-settings-page-'));
  settingsFile = join(dataDir, 'settings.json');
  testPrints = 0;
});
afterEach(async () => {
  await page?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('settings page', () => {
  it('first run: shows the demo notice, saves a hub configuration to disk with the device token sealed', async () => {
    page = await openSettingsPage();
    await page.getByText('Máy đang chạy bản dùng thử').waitFor();
    expect(await page.locator('input[name="role"]:checked').inputValue()).toBe('hub-counter');
    expect(await page.locator('.hub-info').textContent()).toContain('http://192.168.1.10:3100');
    expect(await page.locator('.hub-info').textContent()).toContain('Mã ghép nối: 276902');
    expect(await page.locator('select[name="printerName"] option').allTextContents()).toEqual(['Máy in mặc định của hệ thống', 'Xprinter XP-80C']);
    expect(await page.locator('select[name="displayScreenId"] option').allTextContents()).toContain('TV phòng chờ – 1920×1080');
    await page.fill('input[name="centralUrl"]', 'https://motcua.haugiang.gov.vn/');
    await page.fill('input[name="officeId"]', 'hg-ttphcc');
    await page.fill('input[name="deviceToken"]', 'mcd_realDeviceToken123');
    await page.selectOption('select[name="printerName"]', 'XP-80C');
    await page.selectOption('select[name="displayScreenId"]', '2');
    await page.getByRole('button', { name: 'Lưu và khởi động lại' }).click();
    await page.getByText('Đã lưu. Ứng dụng đang khởi động lại').waitFor();

    const saved = loadSettings(settingsFile).file!;
    expect(saved.settings).toMatchObject({
      role: 'hub-counter',
      centralUrl: 'https://motcua.haugiang.gov.vn',
      officeId: 'hg-ttphcc',
      printerName: 'XP-80C',
      displayScreenId: 2,
      hubPort: 3100,
    });
    expect(openSecret(saved.secrets.deviceToken, cipher)).toBe('mcd_realDeviceToken123');
    expect(readFileSync(settingsFile, 'utf8')).not.toContain('mcd_realDeviceToken123');
  });

  it("lists central's offices to choose from, and says so when central cannot be reached", async () => {
    page = await openSettingsPage();
    await page.fill('input[name="centralUrl"]', 'http://127.0.0.1:9');
    await page.getByRole('button', { name: 'Tải danh sách đơn vị' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/^Không kết nối được với máy chủ trung tâm tại http:\/\/127\.0\.0\.1:9/);

    await page.fill('input[name="centralUrl"]', centralUrl);
    await page.getByRole('button', { name: 'Tải danh sách đơn vị' }).click();
    await page.getByText('Máy chủ trung tâm có 9 đơn vị.').waitFor();
    await page.selectOption('select[name="officeChoice"]', 'hg-vithanh');
    expect(await page.inputValue('input[name="officeId"]')).toBe('hg-vithanh');
    const names = await page.locator('select[name="officeChoice"] option').allTextContents();
    expect(names).toContain('Trung tâm Phục vụ hành chính công tỉnh Hậu Giang (hg-ttphcc)');
  });

  it('marks a bad field in Vietnamese and writes nothing', async () => {
    page = await openSettingsPage();
    await page.fill('input[name="centralUrl"]', 'ftp://motcua');
    await page.fill('input[name="officeId"]', 'hg-ttphcc');
    await page.fill('input[name="deviceToken"]', 'mcd_realDeviceToken123');
    await page.getByRole('button', { name: 'Lưu và khởi động lại' }).click();
    await page.getByText('Vui lòng sửa các ô được đánh dấu.').waitFor();
    expect(await page.locator('.field-error').allTextContents()).toEqual(['Địa chỉ phải có dạng http://… hoặc https://…']);
    expect(existsSync(settingsFile)).toBe(false);
  });

  it("shows main's refusal when a role could not start (no device token) and writes nothing", async () => {
    page = await openSettingsPage();
    await page.fill('input[name="centralUrl"]', 'https://motcua.haugiang.gov.vn');
    await page.fill('input[name="officeId"]', 'hg-ttphcc');
    await page.getByRole('button', { name: 'Lưu và khởi động lại' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Còn thiếu: mã thiết bị (device token).');
    expect(existsSync(settingsFile)).toBe(false);
  });

  it('pairs a counter-only desk with the hub code, refusing a wrong code first', async () => {
    page = await openSettingsPage();
    await page.check('input[name="role"][value="counter"]');
    await page.fill('input[name="hubUrl"]', hubUrl);
    await page.fill('input[name="counterId"]', 'q2');
    await page.fill('input[name="pairingCode"]', '000000');
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Mã ghép nối không đúng hoặc đã hết hạn.');
    expect(existsSync(settingsFile)).toBe(false);

    await page.fill('input[name="pairingCode"]', PAIRING_CODE);
    await page.getByRole('button', { name: 'Ghép nối' }).click();
    await page.getByText('Đã ghép nối quầy q2.').waitFor();
    await page.getByRole('button', { name: 'Lưu và khởi động lại' }).click();
    await page.getByText('Đã lưu.', { exact: false }).waitFor();
    const saved = loadSettings(settingsFile).file!;
    expect(saved.settings).toMatchObject({ role: 'counter', hubUrl, counterId: 'q2' });
    expect(openSecret(saved.secrets.counterToken, cipher)).toBe('ctr_q2_0123456789');
  });

  it("reports a failed test print with the printer's reason", async () => {
    page = await openSettingsPage();
    await page.getByRole('button', { name: 'In thử' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Không in được (hết giấy). Kiểm tra máy in và giấy.');
    expect(testPrints).toBe(1);
  });

  it('outside the desk app (no window.desk) says so instead of breaking', async () => {
    page = await openSettingsPage(false);
    await page.getByText('Trang này chỉ dùng trong ứng dụng MotCua').waitFor();
  });
});
