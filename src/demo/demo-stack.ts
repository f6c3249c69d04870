/**
 * The built-in demo, shared by the Electron app (first run, no settings) and `npm run demo` (plain Node):
 * an in-process central server with the demo catalog, a handful of citizens booked for today through
 * central's public API, and a hub for the province centre. No Electron import, so it runs and is tested
 * under Node.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createCentral, DEMO_OPERATOR, ensureDemoOperator, type Central } from '../central/create-central.js';
import { createDesk, type Desk, type Logger } from '../desk/create-desk.js';
import { BookingCreatedSchema, ProcedureSchema, SlotSchema, type CreateBookingRequest } from '../shared/api.js';
import { addDays, createRunningClock, localDate, localMinutes, weekdayOf, type Clock } from '../shared/time.js';

export const DEMO_OFFICE_ID = 'hg-ttphcc';
/** Built pages, found from this file (not the working folder, which is anything under Electron). */
const DEFAULT_STATIC_DIR = resolve(import.meta.dirname, '../../dist/renderer');
/** The Department of Transport's service group at the province centre (docs/contracts.md). */
export const DEMO_GROUP_ID = 'sgtvt';

/** Fictitious citizens (phone numbers in a range no real subscriber holds in the demo). */
export const DEMO_CITIZENS = [
  { fullName: 'Nguyễn Văn An', phone: '0901000001' },
  { fullName: 'Trần Thị Bích Ngọc', phone: '0901000002' },
  { fullName: 'Lê Hoàng Phúc', phone: '0901000003' },
  { fullName: 'Phạm Thị Thu Hà', phone: '0901000004' },
  { fullName: 'Huỳnh Minh Tâm', phone: '0901000005' },
  { fullName: 'Võ Thị Kim Liên', phone: '0901000006' },
] as const;


/**
 * Where the demo clock starts. During office hours on a weekday the real time is used (null). Otherwise
 * the demo starts at 08:00 office time on today's date (or the next Monday at a weekend), so a newcomer
 * trying it at night still sees today's bookings being checked in.
 */
export function demoClockStart(nowMs: number): string | null {
  const today = localDate(nowMs);
  const weekday = weekdayOf(today);
  const minutes = localMinutes(nowMs);
  const isWorkday = weekday >= 1 && weekday <= 5;
  const inHours = (minutes >= 7 * 60 && minutes <= 11 * 60) || (minutes >= 13 * 60 + 30 && minutes <= 16 * 60 + 30);
  if (isWorkday && inHours) return null;
  const date = isWorkday ? today : addDays(today, weekday === 6 ? 2 : 1);
  return `${date}T08:00:00+07:00`;
}

export interface DemoStackOptions {
  /** Folder for central's and the hub's SQLite files (created). */
  dataDir: string;
  /** `--clock` ISO start; default: demoClockStart(now). */
  clockStart?: string;
  /** Default 127.0.0.1: the demo is for this PC. */
  host?: string;
  centralPort?: number;
  hubPort?: number;
  counters?: number;
  /** How many demo citizens to book (at most DEMO_CITIZENS.length). */
  citizens?: number;
  logger?: Logger;
  /** Built renderer pages; default dist/renderer of this checkout or app. */
  staticDir?: string;
}

export interface DemoBooking {
  code: string;
  token: string;
  slot: string;
  procedureCode: string;
}

export interface DemoStack {
  centralUrl: string;
  hubUrl: string;
  officeId: string;
  deviceToken: string;
  counters: { id: string; name: string; token: string }[];
  pairingCode: string;
  bookings: DemoBooking[];
  hotline: { username: string; password: string };
  clock: Clock;
  /** Stops the hub, then central; safe to call twice. */
  close(): Promise<void>;
}

const ProceduresSchema = z.array(ProcedureSchema);
const SlotsSchema = z.array(SlotSchema);

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → HTTP ${response.status}`);
  return schema.parse(await response.json());
}

/**
 * Book `count` demo citizens for today at the earliest open slots, through central's public API exactly
 * as the booking page does. A citizen already booked (the demo restarted on the same data) is skipped.
 */
export async function bookDemoCitizens(centralUrl: string, officeId: string, date: string, count: number): Promise<DemoBooking[]> {
  const procedures = (await getJson(`${centralUrl}/api/v1/offices/${officeId}/procedures`, ProceduresSchema)).filter(
    (procedure) => procedure.groupId === DEMO_GROUP_ID,
  );
  if (procedures.length === 0) throw new Error(`No ${DEMO_GROUP_ID} procedures at ${officeId}`);
  const bookings: DemoBooking[] = [];
  for (const [index, citizen] of DEMO_CITIZENS.slice(0, count).entries()) {
    const procedure = procedures[index % procedures.length]!;
    const slots = await getJson(`${centralUrl}/api/v1/offices/${officeId}/slots?date=${date}&procedure=${encodeURIComponent(procedure.code)}`, SlotsSchema);
    for (const slot of slots.filter((candidate) => candidate.available > 0)) {
      const request: CreateBookingRequest = { officeId, procedureCode: procedure.code, date, slot: slot.start, citizen, bookedBy: { kind: 'self' } };
      const response = await fetch(`${centralUrl}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (response.ok) {
        const created = BookingCreatedSchema.parse(await response.json());
        bookings.push({ code: created.code, token: created.token, slot: created.slot, procedureCode: created.procedureCode });
        break;
      }
      const refusal = (await response.json().catch(() => ({}))) as { error?: string };
      // A past or full slot: try the next one. Anything else (already booked, phone limit): skip this citizen.
      if (refusal.error !== 'past_slot' && refusal.error !== 'slot_full') break;
    }
  }
  return bookings;
}

export async function startDemoStack(opts: DemoStackOptions): Promise<DemoStack> {
  const clockStart = opts.clockStart ?? demoClockStart(Date.now()) ?? undefined;
  const clock = createRunningClock(clockStart);
  const host = opts.host ?? '127.0.0.1';
  const staticDir = opts.staticDir ?? DEFAULT_STATIC_DIR;
  const central: Central = await createCentral({
    dataDir: join(opts.dataDir, 'central'),
    clock,
    demo: true,
    staticDir,
  });
  let desk: Desk | undefined;
  try {
    const centralUrl = await central.listen({ port: opts.centralPort ?? 0, host });
    const deviceToken = central.deviceTokens[DEMO_OFFICE_ID];
    if (!deviceToken) throw new Error(`The demo catalog has no device token for ${DEMO_OFFICE_ID}`);
    await ensureDemoOperator(central);
    const bookings = await bookDemoCitizens(centralUrl, DEMO_OFFICE_ID, localDate(clock()), opts.citizens ?? DEMO_CITIZENS.length);
    desk = await createDesk({
      dataDir: join(opts.dataDir, 'hub'),
      centralUrl,
      officeId: DEMO_OFFICE_ID,
      deviceToken,
      clock,
      port: opts.hubPort ?? 0,
      host,
      counters: opts.counters ?? 3,
      ...(opts.logger ? { logger: opts.logger } : {}),
      staticDir,
    });
    // Pull today's bookings now so the counter can look them up by code or phone at once.
    await desk.syncNow().catch((error: unknown) => opts.logger?.warn({ error: (error as Error).message }, 'demo: first sync failed'));
    const hub = desk;
    let closing: Promise<void> | undefined;
    return {
      centralUrl,
      hubUrl: hub.url,
      officeId: DEMO_OFFICE_ID,
      deviceToken,
      counters: hub.counters,
      pairingCode: hub.pairingCode,
      bookings,
      hotline: { username: DEMO_OPERATOR.username, password: DEMO_OPERATOR.password },
      clock,
      close: () =>
        (closing ??= (async () => {
          await hub.close();
          await central.close();
        })()),
    };
  } catch (error) {
    await desk?.close().catch(() => {});
    await central.close().catch(() => {});
    throw error;
  }
}
