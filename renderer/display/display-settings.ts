/**
 * Sound settings of the waiting-room screen: URL query parameters (so the TV's bookmark or the Electron
 * window can set them), remembered in localStorage. Query wins over what was stored.
 *   /display?muted=1&volume=70&reading=digits&region=north
 */
import { z } from 'zod';
import type { AnnouncerSettings } from './announce-queue.js';
import { READING_MODES, REGIONS } from './vi-number.js';

export type DisplaySettings = AnnouncerSettings;

export const DEFAULT_SETTINGS: DisplaySettings = { muted: false, volume: 1, reading: 'whole', region: 'south' };

export const STORAGE_KEY = 'motcua.display.settings';

const SettingsSchema = z.object({
  muted: z.boolean(),
  volume: z.number().min(0).max(1),
  reading: z.enum(READING_MODES),
  region: z.enum(REGIONS),
});

const BOOLEAN_WORDS: Record<string, boolean> = { '1': true, true: true, yes: true, on: true, '0': false, false: false, no: false, off: false };
const REGION_WORDS: Record<string, DisplaySettings['region']> = { south: 'south', nam: 'south', north: 'north', bac: 'north' };
const READING_WORDS: Record<string, DisplaySettings['reading']> = { whole: 'whole', digits: 'digits', digit: 'digits' };

/** Settings named in a query string; unknown or malformed values are ignored. */
export function settingsFromQuery(search: string): Partial<DisplaySettings> {
  const params = new URLSearchParams(search);
  const found: Partial<DisplaySettings> = {};
  const muted = params.get('muted') ?? params.get('mute');
  if (muted !== null && muted.toLowerCase() in BOOLEAN_WORDS) found.muted = BOOLEAN_WORDS[muted.toLowerCase()]!;
  const volume = params.get('volume');
  if (volume !== null && volume.trim() !== '' && Number.isFinite(Number(volume))) {
    const n = Number(volume);
    // "70" and "0.7" both mean 70 %.
    found.volume = Math.min(1, Math.max(0, n > 1 ? n / 100 : n));
  }
  const reading = READING_WORDS[params.get('reading')?.toLowerCase() ?? ''];
  if (reading) found.reading = reading;
  const region = REGION_WORDS[params.get('region')?.toLowerCase() ?? ''];
  if (region) found.region = region;
  return found;
}

/** Stored settings (any JSON, possibly old or garbled) → settings, field by field. */
export function settingsFromStored(stored: unknown): Partial<DisplaySettings> {
  if (typeof stored !== 'object' || stored === null) return {};
  const found: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    const result = schema.safeParse((stored as Record<string, unknown>)[key]);
    if (result.success) found[key] = result.data;
  }
  return found as Partial<DisplaySettings>;
}

export function resolveSettings(stored: unknown, search: string): DisplaySettings {
  return { ...DEFAULT_SETTINGS, ...settingsFromStored(stored), ...settingsFromQuery(search) };
}
