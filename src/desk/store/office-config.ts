import { z } from 'zod';
import { DeskEventSchema, OfficeConfigSchema, type OfficeConfig } from '../../shared/api.js';
import { formatTicketNumber } from '../queue/queue-util.js';
import type { Db } from '../db/open-db.js';
import { getSetting, setSetting } from './settings.js';

const KEY = 'office_config';

/**
 * Until central has answered once, the hub runs on a cautious default: one service group, walk-ins
 * refused (level 3), so a fresh hub never lets in more than a synced one would.
 */
export function defaultOfficeConfig(officeId: string): OfficeConfig {
  return {
    office: { id: officeId, name: officeId, kind: 'district', parentId: null, address: '', hotline: '', epidemicLevel: 3, waitingRoomCap: 30 },
    serviceGroups: [{ id: 'default', name: 'Tiếp nhận hồ sơ', agencyId: 'default', ticketPrefix: '1' }],
    procedures: [],
    counters: [],
    schedule: { slotMinutes: 15, workingDays: [1, 2, 3, 4, 5], sessions: [] },
  };
}

export function loadOfficeConfig(db: Db, officeId: string): OfficeConfig {
  const raw = getSetting(db, KEY);
  if (!raw) return defaultOfficeConfig(officeId);
  const parsed = OfficeConfigSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : defaultOfficeConfig(officeId);
}

export function saveOfficeConfig(db: Db, config: OfficeConfig): void {
  setSetting(db, KEY, JSON.stringify(config));
}

export function hasOfficeConfig(db: Db): boolean {
  return getSetting(db, KEY) !== null;
}

/** Tunables kept in settings (JSON), with their defaults. */
export const HubOptionsSchema = z.object({
  /** Check-in opens this many minutes before the slot starts… */
  openBeforeMinutes: z.number().int().min(0).default(30),
  /** …and closes this many minutes after the slot ends. */
  closeAfterMinutes: z.number().int().min(0).default(30),
  /** Days a past booking's personal data is kept. */
  retentionDays: z.number().int().min(1).default(30),
  /** Ticket number format: `{prefix}` + `{seq}` zero-padded to `{seq:N}` digits. */
  ticketFormat: z.string().max(40).default('{prefix}{seq:3}'),
});
export type HubOptions = z.infer<typeof HubOptionsSchema>;

export function loadHubOptions(db: Db): HubOptions {
  const raw = getSetting(db, 'hub_options');
  return HubOptionsSchema.parse(raw ? JSON.parse(raw) : {});
}

/** Merges new tunables into the stored ones (validated; a bad value throws before anything is saved). */
export function saveHubOptions(db: Db, changes: Partial<HubOptions>): HubOptions {
  const merged = HubOptionsSchema.parse({ ...loadHubOptions(db), ...HubOptionsSchema.partial().parse(changes) });
  if (!/\{seq(:\d+)?\}/.test(merged.ticketFormat)) throw new Error('ticketFormat needs a {seq} or {seq:N} placeholder');
  // Every event carries the ticket number; one central refuses would block the whole outbox, batch after batch.
  const sample = formatTicketNumber(merged.ticketFormat, '99', 9999);
  if (!DeskEventSchema.shape.ticketNumber.safeParse(sample).success) throw new Error(`ticketFormat makes numbers too long for central (e.g. ${sample})`);
  setSetting(db, 'hub_options', JSON.stringify(merged));
  return merged;
}
