/**
 * A real day at the office, end to end (issue 8): a central server and a headless hub with the demo catalog,
 * bookings through the public API, a fast simulated clock driving arrivals, check-ins with the tokens, counters
 * calling and serving, an internet outage, and at the end the day's figures and a check that central and the
 * hub agree on every booking's final state.
 *
 * Time is a discrete-event simulation on one manual clock shared by central and the hub: each event sets the
 * clock, then acts through the real HTTP APIs. The hub reaches central only through a loopback proxy that
 * the simulation cuts for the outage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createCentral } from '../../src/central/create-central.js';
import { createDesk } from '../../src/desk/create-desk.js';
import type { BookingCreated, OfficeConfig, Procedure, Slot } from '../../src/shared/api.js';
import type { DayReport } from '../../src/shared/day-report.js';
import type { CheckinResult, Ticket } from '../../src/shared/hub-events.js';
import { addDays, createManualClock, hhmmToMinutes, instantOf, localTime, minutesToHhmm } from '../../src/shared/time.js';
import { callJson } from './http.js';
import { createRandom, idNumber, mobileNumber, vietnameseName, type Random } from './random.js';
import { startLinkProxy } from './tcp-proxy.js';

export interface SimulationOptions {
  bookings: number;
  seed: number;
  /** A working day of the demo provincial centre. */
  date?: string;
  officeId?: string;
  /** Outage of the internet link, local times. */
  outage?: { from: string; to: string };
  log?: (line: string) => void;
}

export interface SimulationResult {
  date: string;
  figures: {
    bookings: number;
    sameDayBookings: number;
    cancelled: number;
    moved: number;
    checkIns: number;
    served: number;
    noShows: number;
    notArrived: number;
    refused: Record<string, number>;
    waitMeanMinutes: number;
    waitP95Minutes: number;
    peakOccupancy: number;
    cap: number;
    eventsDelivered: number;
    outboxLeft: number;
  };
  hubReport: DayReport;
  /** The same report as the hub serves it for download and print. */
  hubReportCsv: string;
  hubReportHtml: string;
  centralReport: DayReport & { eventsReceived?: number };
  /** Bookings whose final state differs between central and the hub (must be empty). */
  disagreements: string[];
  /** Differences between the hub's report and the simulation's own counts (must be empty). */
  reportMismatches: string[];
}

interface Citizen {
  code: string;
  token: string;
  phone: string;
  slot: string;
  procedureCode: string;
  ticket?: Ticket;
  leavesBeforeCall: boolean;
}

const DAY_END = '18:30';

export async function simulateDay(options: SimulationOptions): Promise<SimulationResult> {
  const log = options.log ?? (() => {});
  const random = createRandom(options.seed);
  const date = options.date ?? '2022-01-06';
  const officeId = options.officeId ?? 'hg-ttphcc';
  const outage = options.outage ?? { from: '09:30', to: '10:15' };
  const clock = createManualClock(instantOf(addDays(date, -1), '14:00'));
  const at = (hhmm: string) => instantOf(date, hhmm);
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-sim-'));

  const central = await createCentral({ dataDir: join(dataDir, 'central'), clock, demo: true, rateLimitPerMinute: 1_000_000, maxActiveBookingsPerPhone: 100 });
  const centralUrl = await central.listen({ port: 0, host: '127.0.0.1' });
  const link = await startLinkProxy(centralUrl);
  const deviceToken = central.deviceTokens[officeId]!;
  await central.createOperator({ username: 'tongdai1', password: 'mat-khau-tong-dai', name: 'Tổng đài viên 1' });
  // Operators sign in at the start of their shift; a session lasts a working day.
  const signInOperator = async () =>
    (await callJson<{ token: string }>(centralUrl, '/api/v1/hotline/login', { body: { username: 'tongdai1', password: 'mat-khau-tong-dai' } })).body.token;
  let operatorToken = await signInOperator();

  const config = (await callJson<OfficeConfig>(centralUrl, `/api/v1/sync/office?officeId=${officeId}`, { token: deviceToken })).body;
  const transportCounters = config.counters.filter((c) => c.groupIds.includes('sgtvt'));
  const desk = await createDesk({
    dataDir: join(dataDir, 'hub'),
    centralUrl: link.url,
    officeId,
    deviceToken,
    clock,
    port: 0,
    host: '127.0.0.1',
    counters: Math.max(...transportCounters.map((c) => c.number)),
    syncIntervalMs: 3_600_000,
  });
  const counterTokens = new Map(desk.counters.map((c) => [c.id, c.token]));
  const reception = desk.counters.find((c) => transportCounters.some((t) => t.id === c.id))!;
  const hub = desk.url;

  const refused: Record<string, number> = {};
  const refuse = (reason: string) => (refused[reason] = (refused[reason] ?? 0) + 1);
  try {
    // ---- The day before: citizens, relatives and the hotline book through the public API.
    const procedures = (await callJson<Procedure[]>(centralUrl, `/api/v1/offices/${officeId}/procedures`)).body;
    const transport = procedures.filter((p) => p.groupId === 'sgtvt');
    const citizens: Citizen[] = [];
    let phoneSequence = 0;
    const book = async (index: number, earliest: string): Promise<Citizen | null> => {
      const procedure = random.pick(transport);
      for (let attempt = 0; attempt < 6; attempt++) {
        const slotsAnswer = await callJson<Slot[]>(centralUrl, `/api/v1/offices/${officeId}/slots?date=${date}&procedure=${encodeURIComponent(procedure.code)}`);
        const slots = slotsAnswer.body.filter((s) => s.available > 0 && s.start >= earliest);
        if (slots.length === 0) return null;
        const slot = random.pick(slots);
        const phone = mobileNumber(random, phoneSequence++);
        const kind = index % 6 < 3 ? 'self' : index % 6 < 5 ? 'relative' : 'hotline';
        const bookedBy =
          kind === 'self' ? { kind } : kind === 'relative' ? { kind, name: vietnameseName(random), phone: mobileNumber(random, phoneSequence++) } : { kind, operatorId: 'tongdai1' };
        const answer = await callJson<BookingCreated>(centralUrl, '/api/v1/bookings', {
          body: { officeId, procedureCode: procedure.code, date, slot: slot.start, citizen: { fullName: vietnameseName(random), phone, ...(random.chance(0.6) ? { idNumber: idNumber(random) } : {}) }, bookedBy },
          token: kind === 'hotline' ? operatorToken : undefined,
        });
        if (answer.status === 201) {
          return { code: answer.body.code, token: answer.body.token, phone, slot: slot.start, procedureCode: procedure.code, leavesBeforeCall: random.chance(0.03) };
        }
        if (answer.status === 401 && kind === 'hotline') {
          operatorToken = await signInOperator();
          continue;
        }
        if (answer.status !== 409) throw new Error(`booking failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return null;
    };
    for (let i = 0; i < options.bookings; i++) {
      clock.set(instantOf(addDays(date, -1), '14:00') + i * 10_000);
      const citizen = await book(i, '00:00');
      if (citizen) citizens.push(citizen);
    }
    // Some cancel, some move to another slot the same day.
    let cancelled = 0;
    let moved = 0;
    const active: Citizen[] = [];
    for (const citizen of citizens) {
      const change = random.next();
      if (change < 0.05) {
        const answer = await callJson(centralUrl, `/api/v1/bookings/${citizen.code}/cancel`, { body: { phone: citizen.phone } });
        if (answer.status === 200) {
          cancelled++;
          continue;
        }
      } else if (change < 0.1) {
        const slotsAnswer = await callJson<Slot[]>(centralUrl, `/api/v1/offices/${officeId}/slots?date=${date}&procedure=${encodeURIComponent(citizen.procedureCode)}`);
        const free = slotsAnswer.body.filter((s) => s.available > 0 && s.start !== citizen.slot);
        if (free.length > 0) {
          const slot = random.pick(free).start;
          const answer = await callJson<BookingCreated>(centralUrl, `/api/v1/bookings/${citizen.code}/reschedule`, { body: { phone: citizen.phone, date, slot } });
          if (answer.status === 200) {
            moved++;
            active.push({ ...citizen, slot, token: answer.body.token ?? citizen.token, code: answer.body.code ?? citizen.code });
            continue;
          }
        }
      }
      active.push(citizen);
    }
    log(`booked ${citizens.length}, cancelled ${cancelled}, moved ${moved}`);

    // ---- The day: a queue of timed actions.
    const agenda: Array<{ at: number; seq: number; run: () => Promise<void> }> = [];
    let seq = 0;
    const schedule = (when: number, run: () => Promise<void>) => agenda.push({ at: when, seq: seq++, run });

    // Room occupancy as the simulation itself saw it: +1 at check-in, -1 when the citizen leaves.
    const roomChanges: Array<{ at: number; delta: number }> = [];
    const enterRoom = () => roomChanges.push({ at: clock(), delta: 1 });
    const leaveRoom = () => roomChanges.push({ at: clock(), delta: -1 });
    const waits: number[] = [];
    let checkIns = 0;
    let served = 0;
    let noShows = 0;
    let eventsDelivered = 0;

    const sync = async () => {
      try {
        await desk.syncNow();
      } catch {
        // Offline: the hub keeps working and retries.
      }
    };
    for (let t = at('06:30'); t <= at(DAY_END); t += 5 * 60_000) schedule(t, sync);
    schedule(at(outage.from), async () => {
      link.cut();
      log(`${localTime(clock())} internet link cut`);
    });
    schedule(at(outage.to), async () => {
      link.restore();
      log(`${localTime(clock())} internet link back`);
    });

    const checkIn = async (citizen: Citizen, retryAt?: number) => {
      const answer = await callJson<CheckinResult & { error?: string }>(hub, '/api/v1/checkins', {
        body: { scan: citizen.token, counterId: reception.id, priority: random.chance(0.05) },
        token: reception.token,
        idempotencyKey: randomUUID(),
      });
      if (answer.status === 201 || answer.status === 200) {
        if (answer.status === 201) checkIns++;
        if (answer.status === 201) enterRoom();
        citizen.ticket = answer.body.ticket;
      } else if (answer.body.error === 'too_early' && retryAt !== undefined) {
        schedule(retryAt, () => checkIn(citizen));
      } else {
        refuse(answer.body.error ?? `http_${answer.status}`);
      }
    };

    // Same-day bookings made while the link is down: the hub has never seen them, the token alone proves them.
    const sameDay: Citizen[] = [];
    const sameDayCount = Math.max(1, Math.round(options.bookings * 0.04));
    for (let i = 0; i < sameDayCount; i++) {
      const when = at(outage.from) + (i + 1) * 60_000;
      schedule(when, async () => {
        const citizen = await book(options.bookings + i, minutesToHhmm(hhmmToMinutes(outage.to) + 15));
        if (!citizen) return;
        sameDay.push(citizen);
        schedule(at(citizen.slot) - random.int(0, 15) * 60_000, () => checkIn(citizen));
      });
    }

    for (const citizen of active) {
      const start = at(citizen.slot);
      const slotEnd = start + config.schedule.slotMinutes * 60_000;
      const roll = random.next();
      if (roll < 0.07) continue; // never comes
      if (roll < 0.15) {
        schedule(start - random.int(35, 60) * 60_000, () => checkIn(citizen, start - random.int(15, 29) * 60_000));
      } else if (roll < 0.7) {
        schedule(start + random.int(-20, 10) * 60_000, () => checkIn(citizen));
      } else if (roll < 0.9) {
        schedule(slotEnd + random.int(5, 25) * 60_000, () => checkIn(citizen));
      } else {
        schedule(slotEnd + random.int(35, 60) * 60_000, () => checkIn(citizen));
      }
    }
    // Walk-ins: refused at epidemic level 3–4.
    for (let i = 0; i < Math.max(2, Math.round(options.bookings / 40)); i++) {
      schedule(at('07:30') + random.int(0, 480) * 60_000, async () => {
        const answer = await callJson<{ error?: string; ticket?: Ticket }>(hub, '/api/v1/walk-ins', { body: { counterId: reception.id, groupId: 'sgtvt' }, token: reception.token, idempotencyKey: randomUUID() });
        if (answer.status === 201 && answer.body.ticket) enterRoom();
        else refuse(answer.body.error ?? `http_${answer.status}`);
      });
    }

    // Counters: call, serve, finish; a citizen who left before the call is marked no-show after a recall.
    const everyone = () => [...active, ...sameDay];
    const counterLoop = (counterId: string, token: string) => {
      const action = (name: string, body: unknown = {}) =>
        callJson<{ ticket: Ticket | null; error?: string }>(hub, `/api/v1/counters/${counterId}/${name}`, { body, token, idempotencyKey: randomUUID() });
      const tick = async () => {
        const answer = await action('call-next');
        const ticket = answer.status === 200 ? answer.body.ticket : null;
        if (!ticket) {
          if (clock() < at(DAY_END)) schedule(clock() + 60_000, tick);
          return;
        }
        const citizen = everyone().find((c) => c.ticket?.id === ticket.id);
        waits.push((clock() - (citizen?.ticket?.checkedInAt ?? ticket.checkedInAt)) / 60_000);
        if (citizen?.leavesBeforeCall) {
          schedule(clock() + 90_000, async () => void (await action('recall')));
          schedule(clock() + 180_000, async () => {
            await action('no-show');
            noShows++;
            leaveRoom();
            schedule(clock() + 30_000, tick);
          });
          return;
        }
        schedule(clock() + serviceMinutes(random) * 60_000, async () => {
          await action('finish');
          served++;
          leaveRoom();
          schedule(clock() + 30_000, tick);
        });
      };
      schedule(at('07:00'), tick);
    };
    for (const counter of transportCounters) {
      const token = counterTokens.get(counter.id);
      if (token) counterLoop(counter.id, token);
    }

    while (agenda.length > 0) {
      agenda.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = agenda.shift()!;
      if (next.at > clock()) clock.set(next.at);
      await next.run();
    }

    // ---- Close of day: the link is back; deliver everything, then compare.
    link.restore();
    clock.set(at(DAY_END) + 60_000);
    for (let i = 0; i < 10 && desk.status().outbox > 0; i++) await sync();
    await sync();
    const outboxLeft = desk.status().outbox;
    const counterToken = reception.token;
    const hubReport = (await callJson<DayReport>(hub, `/api/v1/reports/${date}?format=json`, { token: counterToken })).body;
    const hubReportCsv = String((await callJson(hub, `/api/v1/reports/${date}?format=csv`, { token: counterToken })).body);
    const hubReportHtml = String((await callJson(hub, `/api/v1/reports/${date}?format=html`, { token: counterToken })).body);
    const centralReport = (await callJson<DayReport & { eventsReceived?: number }>(centralUrl, `/api/v1/reports/${officeId}/${date}?format=json`, { token: deviceToken })).body;
    eventsDelivered = centralReport.eventsReceived ?? 0;

    const disagreements = compareReports(hubReport, centralReport);
    const waitSorted = [...waits].sort((a, b) => a - b);
    const figures: SimulationResult['figures'] = {
      bookings: citizens.length + sameDay.length,
      sameDayBookings: sameDay.length,
      cancelled,
      moved,
      checkIns,
      served,
      noShows,
      notArrived: hubReport.totals?.notArrived ?? -1,
      refused,
      waitMeanMinutes: Math.round((waits.reduce((s, w) => s + w, 0) / Math.max(1, waits.length)) * 10) / 10,
      waitP95Minutes: Math.round((waitSorted[Math.max(0, Math.ceil(waitSorted.length * 0.95) - 1)] ?? 0) * 10) / 10,
      peakOccupancy: peakOf(roomChanges),
      cap: config.office.waitingRoomCap,
      eventsDelivered,
      outboxLeft,
    };
    const reportMismatches = compareWithOwnCounts(hubReport, figures);
    return { date, figures, hubReport, hubReportCsv, hubReportHtml, centralReport, disagreements, reportMismatches };
  } finally {
    await desk.close();
    await link.close();
    await central.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Highest simultaneous occupancy; a seat freed and taken at the same instant is not a peak. */
function peakOf(changes: Array<{ at: number; delta: number }>): number {
  let current = 0;
  let peak = 0;
  for (const change of [...changes].sort((a, b) => a.at - b.at || a.delta - b.delta)) {
    current += change.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Service time at a counter: mostly 5–12 minutes, sometimes a long dossier. */
function serviceMinutes(random: Random): number {
  return random.chance(0.1) ? random.int(15, 25) : random.int(5, 12);
}

function compareReports(hub: DayReport, central: DayReport): string[] {
  const centralByCode = new Map((central.rows ?? []).filter((r) => r.code).map((r) => [r.code!, r]));
  const problems: string[] = [];
  for (const row of hub.rows ?? []) {
    if (!row.code) continue;
    const other = centralByCode.get(row.code);
    if (!other) problems.push(`${row.code}: unknown at central`);
    else if (other.status !== row.status || other.ticketNumber !== row.ticketNumber) {
      problems.push(`${row.code}: hub ${row.status}/${row.ticketNumber ?? '-'} vs central ${other.status}/${other.ticketNumber ?? '-'}`);
    }
    centralByCode.delete(row.code);
  }
  for (const [code, row] of centralByCode) if (row.status !== 'cancelled') problems.push(`${code}: unknown at the hub (${row.status})`);
  return problems;
}

function compareWithOwnCounts(report: DayReport, figures: SimulationResult['figures']): string[] {
  const problems: string[] = [];
  const expect = (name: string, reported: number | undefined, own: number) => {
    if (reported !== own) problems.push(`${name}: report ${reported} vs simulation ${own}`);
  };
  expect('checked in', report.totals?.checkedIn, figures.checkIns);
  expect('served', report.totals?.served, figures.served);
  expect('no-shows', report.totals?.noShows, figures.noShows);
  expect('peak occupancy', report.peakOccupancy, figures.peakOccupancy);
  return problems;
}
