// The bundled Electron main process, run under Node against a recording stand-in for Electron's API
// (fixtures/fake-electron.ts): with no settings it starts the real demo stack, opens the counter window
// signed in as q1 and the display in kiosk on the TV, guards navigation and IPC, serves motcua:// pages
// with a CSP, moves the display when the TV is unplugged, and on a settings save relaunches after
// stopping the hub. Electron itself cannot run here; this checks main's wiring, not Chromium.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.js';
import { createCentral, type Central } from '../../src/central/create-central.js';
import { saveSettings } from '../../src/main/settings-store.js';
import { DEFAULT_SETTINGS, type SettingsFile } from '../../src/main/settings-util.js';
import { DESK_METHODS, type DeskSettings } from '../../src/shared/ipc-contract.js';

const ROOT = resolve(import.meta.dirname, '../..');
let appRoot: string;
let userData: string;
let report: Record<string, unknown> & {
  counter: { url: string; kiosk: boolean; webPreferences: Record<string, unknown> };
  display: { url: string; kiosk: boolean; bounds: unknown; webPreferences: Record<string, unknown>; muted: boolean };
};

let driver: string;
let mainBundle: string;

async function runMain(env: Record<string, string>): Promise<Record<string, unknown>> {
  const stdout = await new Promise<string>((done) => {
    execFile(process.execPath, [driver, mainBundle, appRoot], { cwd: tmpdir(), env: { ...process.env, ...env }, timeout: 90_000 }, (_error, out, err) =>
      done(`${out}\n${err}`),
    );
  });
  const line = stdout.split('\n').find((text) => text.startsWith('REPORT '));
  if (!line) throw new Error(`main driver printed no report:\n${stdout}`);
  const parsed = JSON.parse(line.slice('REPORT '.length)) as Record<string, unknown>;
  if (process.env.MOTCUA_DUMP_REPORT) console.log(JSON.stringify(parsed, null, 1));
  if (parsed.driverError) throw new Error(`${String(parsed.driverError)}\n${stdout.slice(-3000)}`);
  return parsed;
}

beforeAll(async () => {
  appRoot = mkdtempSync(join(tmpdir(), 'motcua-main-'));
  for (const name of ['resources', 'dist', 'node_modules', 'package.json']) symlinkSync(join(ROOT, name), join(appRoot, name));
  userData = join(appRoot, 'userdata');
  mainBundle = (await buildElectron(join(appRoot, 'out'))).main;
  driver = join(appRoot, 'driver.cjs');
  await build({ entryPoints: [join(ROOT, 'test/main/fixtures/main-driver.ts')], outfile: driver, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  report = (await runMain({ MOTCUA_DATA: userData })) as typeof report;
}, 120_000);

afterAll(() => rmSync(appRoot, { recursive: true, force: true }));

describe('Electron main (bundled, first run = demo)', () => {
  it('registers one handler per contract method and the motcua:// scheme as privileged', () => {
    expect(report.handlers).toEqual([...DESK_METHODS].sort());
    expect(report.privilegedSchemes).toEqual([{ scheme: 'motcua', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens the counter window signed in as q1, sandboxed, isolated, with the preload', () => {
    const url = new URL(report.counter.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname).toBe('/counter');
    expect(url.searchParams.get('counter')).toBe('q1');
    expect(url.hash).toMatch(/^#token=.{16,}/);
    expect(report.counter.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(report.counter.webPreferences.preload).toBe(join(appRoot, 'out', 'preload', 'index.cjs'));
    expect(report.counterPage).toBe(200);
    expect(report.hubStatus).toBe(200);
  });

  it('opens the display in kiosk on the TV, without a preload, with autoplay', () => {
    expect(new URL(report.display.url).pathname).toBe('/display');
    expect(report.display.kiosk).toBe(true);
    expect(report.display.bounds).toEqual({ x: 1366, y: 0, width: 1920, height: 1080 });
    expect(report.display.webPreferences.preload).toBeUndefined();
    expect(report.display.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, autoplayPolicy: 'no-user-gesture-required' });
    expect(report.display.muted).toBe(false);
    expect(report.windowCount).toBe(2);
  });

  it('moves the display to the laptop when the TV is unplugged and back when it returns', () => {
    expect(report.displayAfterUnplug).toMatchObject({ kiosk: false, bounds: { x: 43, y: 0, width: 1280, height: 768 } });
    expect(report.displayAfterReplug).toMatchObject({ kiosk: true, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } });
  });

  it('answers IPC from its own pages only, and validates payloads before acting', () => {
    expect(report.settingsRead).toMatchObject({ ok: true, value: { demo: true, settings: { role: 'hub-counter' } } });
    expect(report.settingsReadForeign).toMatchObject({ ok: false, error: { type: 'APIError' } });
    expect(report.hubInfo).toEqual({
      ok: true,
      value: { mode: 'demo', hubUrl: new URL(report.counter.url).origin, lanUrls: [], pairingCode: expect.stringMatching(/^\d{6}$/) },
    });
    expect(report.badPrint).toMatchObject({ ok: false, error: { type: 'APIError', code: 'invalid_input' } });
    expect(report.goodPrint).toEqual({ ok: true, value: { printed: true, printerName: null, failureReason: null } });
  });

  it('refuses navigation away and new windows; CSP on hub pages and motcua:// pages only', () => {
    expect(report.navigateAway).toBe(true);
    expect(report.navigateWithinHub).toBe(false);
    expect(report.windowOpen).toEqual({ action: 'deny' });
    const csp = (report.csp as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']![0]!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain(`connect-src 'self' ${new URL(report.counter.url).origin}`);
    expect(report.foreignCsp).toEqual({});
    expect(report.appPage).toMatchObject({ status: 200, html: true, csp: expect.stringContaining("object-src 'none'") });
    expect(report.escapedPageStatus).toBe(404);
  });

  it('shows the demo in the tray, writes a scrubbed log, and reports no startup error', () => {
    expect(report.trayTooltip).toBe('MotCua – Bản dùng thử (demo)');
    expect(report.errors).toEqual([]);
    const log = readFileSync(join(userData, 'logs', 'motcua.log'), 'utf8');
    expect(log).toContain('"msg":"demo started"');
    expect(log).not.toMatch(/#token=(?!<redacted>)/);
    expect(existsSync(join(userData, 'demo', 'hub'))).toBe(true);
  });

  it('saves settings (refusing incomplete ones), sets start-on-login, stops the hub and relaunches', () => {
    expect(report.saveRefused).toMatchObject({ ok: false, error: { type: 'APIError', code: 'invalid_input' } });
    expect(report.saved).toMatchObject({ ok: true, value: { demo: false, settings: { role: 'display', displayScreenId: 2 } } });
    const file = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as { settings: { role: string; hubUrl: string } };
    expect(file.settings).toMatchObject({ role: 'display', hubUrl: 'http://192.168.1.10:3100' });
    expect(report.loginItem).toEqual({ openAtLogin: true });
    expect(report.hubAfterQuit).toBe('closed');
    expect(report.quitRequests).toBe(2);
  });
});

describe('Electron main (bundled) with saved settings', () => {
  let central: Central;
  let centralUrl: string;

  beforeAll(async () => {
    central = await createCentral({ demo: true, clock: () => Date.parse('2022-01-06T08:00:00+07:00') });
    centralUrl = await central.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => central?.close());

  /** A settings file as main writes it; secrets stored plainly (what happens where the OS has no safeStorage). */
  function writeSettings(dir: string, settings: Partial<DeskSettings>, secrets: { deviceToken?: string; counterToken?: string } = {}) {
    mkdirSync(dir, { recursive: true });
    const plain = (value: string) => ({ encoding: 'plain' as const, data: Buffer.from(value).toString('base64') });
    const file: SettingsFile = {
      version: 1,
      settings: { ...DEFAULT_SETTINGS, ...settings },
      secrets: {
        ...(secrets.deviceToken ? { deviceToken: plain(secrets.deviceToken) } : {}),
        ...(secrets.counterToken ? { counterToken: plain(secrets.counterToken) } : {}),
      },
    };
    saveSettings(join(dir, 'settings.json'), file);
  }

  async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((done) => server.close(() => done()));
    return port;
  }

  type Configured = {
    windows: { title: string; url: string; kiosk: boolean; bounds: unknown; muted: boolean }[];
    trayTooltip: string;
    errors: string[];
    settingsRead?: { ok: boolean; value: { demo: boolean; hasDeviceToken: boolean } };
    hubStatusBeforeQuit: number | null;
    quitRequests: number;
    switches: [string, string][];
  };

  it('hub + counter: runs the office hub against central, opens counter q2 and the display on the TV, stops on quit', async () => {
    const dir = join(appRoot, 'hub-desk');
    const hubPort = await freePort();
    writeSettings(dir, { role: 'hub-counter', centralUrl, officeId: 'hg-ttphcc', hubPort, counterId: 'q2' }, { deviceToken: central.deviceTokens['hg-ttphcc']! });
    const run = (await runMain({ MOTCUA_DATA: dir, MOTCUA_DRIVER_SCENARIO: 'configured', MOTCUA_HUB_HOST: '127.0.0.1' })) as Configured;
    expect(run.errors).toEqual([]);
    const [counter, display] = run.windows;
    const counterUrl = new URL(counter!.url);
    expect(counterUrl.origin).toBe(`http://127.0.0.1:${hubPort}`);
    expect(counterUrl.searchParams.get('counter')).toBe('q2');
    expect(counterUrl.hash).toMatch(/^#token=.{16,}/);
    expect(display).toMatchObject({ title: 'MotCua – Màn hình chờ', url: `http://127.0.0.1:${hubPort}/display`, kiosk: true });
    expect(run.switches).toEqual([]);
    expect(run.trayTooltip).toMatch(/^MotCua – Máy chủ quầy http:\/\/\S+ · mã ghép nối \d{6}$/);
    expect(run.settingsRead).toMatchObject({ ok: true, value: { demo: false, hasDeviceToken: true } });
    expect(run.hubStatusBeforeQuit).toBe(200);
    expect(run.quitRequests).toBe(2);
    expect(existsSync(join(dir, 'hub', 'hub.sqlite'))).toBe(true);
    // Nothing listens on the hub port once the app has quit.
    await expect(fetch(`http://127.0.0.1:${hubPort}/api/v1/status`)).rejects.toThrow();
  });

  it('display only, one screen: the display goes kiosk on the primary, muted when sound is off; no counter window', async () => {
    const dir = join(appRoot, 'display-desk');
    writeSettings(dir, { role: 'display', hubUrl: centralUrl, sound: false, counterId: null });
    const run = (await runMain({ MOTCUA_DATA: dir, MOTCUA_DRIVER_SCENARIO: 'configured', MOTCUA_DRIVER_ONE_SCREEN: '1' })) as Configured;
    expect(run.errors).toEqual([]);
    expect(run.windows).toHaveLength(1);
    expect(run.windows[0]).toMatchObject({ title: 'MotCua – Màn hình chờ', url: `${centralUrl}/display`, kiosk: true, muted: true, bounds: { x: 0, y: 0, width: 1366, height: 768 } });
    expect(run.trayTooltip).toBe('MotCua – Màn hình chờ');
  });

  it('incomplete settings (a counter never paired): opens only the settings page, starts nothing', async () => {
    const dir = join(appRoot, 'unpaired-desk');
    writeSettings(dir, { role: 'counter', hubUrl: 'http://192.168.1.10:3100', counterId: 'q3' });
    const run = (await runMain({ MOTCUA_DATA: dir, MOTCUA_DRIVER_SCENARIO: 'configured' })) as Configured;
    expect(run.windows.map((window) => window.url)).toEqual(['motcua://app/settings/index.html']);
    expect(run.trayTooltip).toBe('MotCua – Chưa cài đặt');
    expect(run.settingsRead).toMatchObject({ ok: true, value: { demo: false } });
    expect(run.hubStatusBeforeQuit).toBeNull();
    // The camera works against a plain-http LAN hub only if Chromium treats it as a secure origin.
    expect(run.switches).toEqual([['unsafely-treat-insecure-origin-as-secure', 'http://192.168.1.10:3100']]);
  });
});
