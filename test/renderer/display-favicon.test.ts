/**
 * Every page the hub or central serves (counter, display, booking, hotline) carries its icon inline as a data: URL, so
 * the browser never asks for /favicon.ico — a 404 there is a console error on the TV and at the counter that hides
 * real ones. (The Chromium tests of the counter and display pages also check that no request fails.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = ['renderer/counter/index.html', 'renderer/display/index.html', 'renderer/booking/index.html', 'renderer/booking/hotline.html'];

describe('page icons', () => {
  for (const page of PAGES) {
    it(`${page} declares an inline SVG icon`, () => {
      const html = readFileSync(join(ROOT, page), 'utf8');
      const links = [...html.matchAll(/<link\s+[^>]*rel="icon"[^>]*>/g)].map((m) => m[0]);
      expect(links).toHaveLength(1);
      const href = /href="([^"]*)"/.exec(links[0]!)?.[1] ?? '';
      expect(href.startsWith('data:image/svg+xml,')).toBe(true);
      const svg = decodeURIComponent(href.slice('data:image/svg+xml,'.length));
      expect(svg).toMatch(/^<svg xmlns='http:\/\/www\.w3\.org\/2000\/svg'[^>]*>.*<\/svg>$/s);
      expect(svg).not.toContain('"'); // would end the attribute early
    });
  }
});
