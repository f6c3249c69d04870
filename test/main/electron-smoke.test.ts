// Optional smoke test of the real desk app with Electron's own binary (STYLE.md §10): first run opens the
// demo's counter and display windows, and the counter window has `window.desk` but no Node. Skipped, with
// the reason printed, where Electron's binary is not downloaded (these CI machines), where better-sqlite3 is
// built for Node rather than Electron, or where Linux has no display.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../scripts/build-electron.js';
import { DESK_METHODS } from '../../src/shared/ipc-contract.js';

const ROOT = resolve(import.meta.dirname, '../..');

function findElectron(): { binary: string } | { skip: string } {
  let binary: string;
  try {
    // Under Node, the electron package exports the path of its binary (and throws when it was never downloaded).
    binary = createRequire(import.meta.url)('electron') as string;
  } catch (error) {
    return { skip: `Electron's binary is not installed (${(error as Error).message.split('\n')[0]})` };
  }
  if (!existsSync(binary)) return { skip: `Electron's binary is missing at ${binary}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { skip: 'no display (run under xvfb-run)' };
  try {
    execFileSync(binary, ['-e', "require('better-sqlite3')"], { cwd: ROOT, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'pipe', timeout: 30_000 });
  } catch {
    return { skip: 'better-sqlite3 is built for Node, not Electron (npm run rebuild:electron, then npm run rebuild:node afterwards)' };
  }
  return { binary };
}

const electron = findElectron();
if ('skip' in electron) console.log(`[electron smoke] skipped: ${electron.skip}`);

async function windowAt(app: ElectronApplication, path: string, timeoutMs = 60_000): Promise<Page> {
  const started = Date.now();
  for (;;) {
    const page = app.windows().find((candidate) => candidate.url().includes(path));
    if (page) return page;
    if (Date.now() - started > timeoutMs) throw new Error(`no window at ${path}; have ${app.windows().map((w) => w.url()).join(', ')}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe.skipIf('skip' in electron)('desk app with the real Electron binary', () => {
  let app: ElectronApplication | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('first run: demo counter window with window.desk and no Node, display window beside it', async () => {
    if (!('binary' in electron)) return;
    await buildElectron();
    dataDir = mkdtempSync(join(tmpdir(), 'motcua-electron-'));
    app = await _electron.launch({ executablePath: electron.binary, args: [ROOT], cwd: ROOT, env: { ...process.env, MOTCUA_DATA: dataDir } });
    const counter = await windowAt(app, '/counter');
    await windowAt(app, '/display');
    expect(new URL(counter.url()).searchParams.get('counter')).toBe('q1');
    const exposed = await counter.evaluate(() => Object.keys((globalThis as { desk?: object }).desk ?? {}).sort());
    expect(exposed).toEqual([...DESK_METHODS, 'on'].sort());
    expect(await counter.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const version = await counter.evaluate(() => (globalThis as unknown as { desk: { 'app:version'(): Promise<{ app: string }> } }).desk['app:version']());
    expect(version.app).toBe('0.1.0');
  }, 120_000);
});
