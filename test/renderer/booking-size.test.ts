// First-load weight of the booking and hotline pages: every script, stylesheet and preload the HTML pulls in, gzipped.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
const BUDGET_BYTES = 200 * 1024;

/** The HTML plus the assets it references directly (Vite puts the whole import graph there as modulepreloads). */
function firstLoadFiles(htmlPath: string): string[] {
  const html = readFileSync(htmlPath, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [htmlPath, ...new Set(refs.map((ref) => join(DIST, ref)))];
}

function gzippedSize(files: string[]): number {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(file), { level: 9 }).length, 0);
}

describe('first load under 200 KB gzipped', () => {
  for (const page of ['booking/index.html', 'booking/hotline.html']) {
    it(page, () => {
      const htmlPath = join(DIST, page);
      if (!existsSync(htmlPath)) throw new Error(`${htmlPath} missing: run \`npx vite build\` first`);
      const files = firstLoadFiles(htmlPath);
      expect(files.some((f) => f.endsWith('.js'))).toBe(true);
      expect(files.some((f) => f.endsWith('.css'))).toBe(true);
      const bytes = gzippedSize(files);
      console.log(`${page}: ${files.length} files, ${(bytes / 1024).toFixed(1)} KB gzipped (budget 200 KB)`);
      expect(bytes).toBeLessThan(BUDGET_BYTES);
    });
  }
});
