// The bundled Electron main process, run under Node against a recording stand-in for Electron's API
// (fixtures/fake-electron.ts): with no settings it starts the real demo stack, opens the counter window
// signed in as q1 and the display in kiosk on the TV, guards navigation and IPC, serves motcua:// pages
// with a CSP, moves the display when the TV is unplugged, and on a settings save relaunches after
// stopping the hub. Electron itself cannot run here; this checks main's wiring, not Chromium.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.js';
import { DESK_METHODS } from '../../src/shared/ipc-contract.js';

const ROOT = resolve(import.meta.dirname, '../..');
let appRoot: string;
let userData: string;
let report: Record<string, unknown> & {
  counter: { url: string; kiosk: boolean; webPreferences: Record<string, unknown> };
  display: { url: string; kiosk: boolean; bounds: unknown; webPreferences: Record<string, unknown>; muted: boolean };
};

beforeAll(async () => {
  appRoot = mkdtempSync(join(tmpdir(), 'motcua-main-'));
  for (const name of ['resources', 'dist', 'node_modules', 'package.json']) symlinkSync(join(ROOT, name), join(appRoot, name));
  userData = join(appRoot, 'userdata');
  const { main } = await buildElectron(join(appRoot, 'out'));
  const driver = join(appRoot, 'driver.cjs');
  await build({ entryPoints: [join(ROOT, 'test/main/fixtures/main-driver.ts')], outfile: driver, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
  const stdout = await new Promise<string>((done) => {
    execFile(process.execPath, [driver, main, appRoot], { cwd: tmpdir(), env: { ...process.env, MOTCUA_DATA: userData }, timeout: 90_000 }, (_error, out, err) =>
      done(`${out}\n${err}`),
    );
  });
  const line = stdout.split('\n').find((text) => text.startsWith('REPORT '));
  if (!line) throw new Error(`main driver printed no report:\n${stdout}`);
  report = JSON.parse(line.slice('REPORT '.length)) as typeof report;
  if (process.env.MOTCUA_DUMP_REPORT) console.log(JSON.stringify(report, null, 1));
  if (report.driverError) throw new Error(String(report.driverError));
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
