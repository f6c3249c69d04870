/**
 * Bundles Electron main and preload with esbuild (it ships with vite):
 *   src/main/index.ts    → out/main/index.cjs     (dependencies stay external: electron-builder ships node_modules)
 *   src/preload/index.ts → out/preload/index.cjs  (everything bundled but `electron`: a sandboxed preload can't require)
 * Run: `npx tsx scripts/build-electron.ts [--out DIR]`.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type BuildOptions } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');

/** Runtime dependencies are loaded from node_modules (better-sqlite3 is native and must be). */
function runtimeDependencies(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {});
}

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: ROOT,
};

/** Options for a main-process bundle (also used by the test that runs the bundled demo under Node). */
export function mainBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    ...common,
    entryPoints: [entry],
    outfile,
    external: ['electron', ...runtimeDependencies(), 'pg-native'],
    // The desk core and central find resources/ and dist/ from import.meta.dirname two folders below the
    // app root (src/desk, src/central); out/main is two folders below it too, so __dirname stands in.
    define: { 'import.meta.dirname': '__dirname', 'import.meta.url': '__motcuaImportMetaUrl' },
    banner: { js: 'const __motcuaImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
}

export async function buildElectron(outDir = join(ROOT, 'out')): Promise<{ main: string; preload: string }> {
  const main = join(outDir, 'main', 'index.cjs');
  const preload = join(outDir, 'preload', 'index.cjs');
  await Promise.all([
    build(mainBuildOptions(join(ROOT, 'src/main/index.ts'), main)),
    build({
      ...common,
      entryPoints: [join(ROOT, 'src/preload/index.ts')],
      outfile: preload,
      platform: 'browser',
      external: ['electron'],
      // The contract's zod schemas come along with DESK_METHODS; minifying keeps the preload small to parse.
      minify: true,
    }),
  ]);
  return { main, preload };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const started = Date.now();
  const built = await buildElectron(values.out ? resolve(values.out) : undefined);
  console.log(`electron bundles: ${built.main}, ${built.preload} (${Date.now() - started} ms)`);
}
