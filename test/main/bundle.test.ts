// The Electron bundles: the preload needs nothing but `electron` (so it can stay sandboxed), main's
// requires all resolve, and the bundled desk core + central really run from out/main under Node.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron, mainBuildOptions } from '../../scripts/build-electron.js';

const ROOT = resolve(import.meta.dirname, '../..');
let appRoot: string;
let bundles: { main: string; preload: string };

const requiresOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1]!);

beforeAll(async () => {
  // A stand-in app root laid out like the packaged app: out/, with resources, pages and modules beside it.
  appRoot = mkdtempSync(join(tmpdir(), 'motcua-bundle-'));
  for (const name of ['resources', 'dist', 'node_modules', 'package.json']) symlinkSync(join(ROOT, name), join(appRoot, name));
  bundles = await buildElectron(join(appRoot, 'out'));
}, 60_000);
afterAll(() => rmSync(appRoot, { recursive: true, force: true }));

describe('electron bundles', () => {
  it('the preload requires only electron', () => {
    expect([...new Set(requiresOf(bundles.preload))]).toEqual(['electron']);
  });

  it("main's requires are electron, node builtins or runtime dependencies that resolve", () => {
    const requireFromBundle = createRequire(bundles.main);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const id of new Set(requiresOf(bundles.main))) {
      if (id === 'electron' || id.startsWith('node:') || builtinModules.includes(id)) continue;
      const packageName = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!;
      expect(Object.keys(pkg.dependencies), `${id} must be a runtime dependency`).toContain(packageName);
      expect(() => requireFromBundle.resolve(id)).not.toThrow();
    }
    expect(readFileSync(bundles.main, 'utf8')).not.toContain('import.meta');
  });

  it('runs the bundled demo stack from out/main: catalog, pages and native SQLite found', async () => {
    const entry = join(appRoot, 'out', 'main', 'demo-entry.cjs');
    await build(mainBuildOptions(join(ROOT, 'test/main/fixtures/bundled-demo-entry.ts'), entry));
    const dataDir = join(appRoot, 'data');
    mkdirSync(dataDir);
    const { stdout } = await promisify(execFile)(process.execPath, [entry, dataDir], { cwd: tmpdir(), timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({ bookings: 2, counterStatus: 200, bookingStatus: 200 });
  }, 90_000);
});
