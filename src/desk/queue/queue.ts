import { randomUUID } from 'node:crypto';
import type { CallEvent, CounterSnapshot, HubStatus, Ticket, TicketKind } from '../../shared/hub-events.js';
import { localTime } from '../../shared/time.js';
import { HubError } from '../hub-error.js';
import type { HubContext, RuntimeCounter } from '../hub-context.js';
import { appendEvent } from '../store/outbox-repo.js';
import { rollOverIfNewDay } from './day.js';
import { formatTicketNumber, queueHead, queueLength } from './queue-util.js';
import { prepared } from '../db/open-db.js';
import {
  currentTicketOf,
  dayCounts,
  ticketById,
  ticketByNumber,
  ticketsByIds,
  ticketToWire,
  type TicketRow,
} from './tickets-repo.js';

/** What a queue change produced; the hub broadcasts it after the transaction commits. */
export interface QueueChange {
  ticket: Ticket | null;
  call?: CallEvent;
}

export function toTicket(ctx: HubContext, row: TicketRow): Ticket {
  return ticketToWire(row, ctx.procedureName);
}

function requireCounter(ctx: HubContext, counterId: string): RuntimeCounter {
  const counter = ctx.counter(counterId);
  if (!counter) throw new HubError('counter_not_found', 404);
  return counter;
}

/** Next number of a group for today: the day_sequences row is bumped inside the caller's write transaction, so numbers never repeat. */
function nextNumber(ctx: HubContext, day: string, groupId: string): { seq: number; number: string } {
  const { last_seq: seq } = prepared(ctx.db, 
      `INSERT INTO day_sequences (day, group_id, last_seq) VALUES (?, ?, 1)
       ON CONFLICT (day, group_id) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq`,
    )
    .get(day, groupId) as { last_seq: number };
  return { seq, number: formatTicketNumber(ctx.options.ticketFormat, ctx.groupPrefix(groupId), seq) };
}

export interface IssueArgs {
  groupId: string;
  kind: TicketKind;
  bookingCode: string | null;
  procedureCode: string | null;
  slot: string | null;
  late: boolean;
  priority: boolean;
  counterId?: string | undefined;
}

/** Inserts a waiting ticket. Caller holds the write transaction and writes the matching outbox event. */
export function insertTicket(ctx: HubContext, args: IssueArgs): TicketRow {
  const day = ctx.today();
  const { number } = nextNumber(ctx, day, args.groupId);
  const id = randomUUID();
  prepared(ctx.db, 
      `INSERT INTO tickets (id, day, number, group_id, kind, status, priority, booking_code, procedure_code, slot, late, checked_in_at)
       VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, day, number, args.groupId, args.kind, args.priority ? 1 : 0, args.bookingCode, args.procedureCode, args.slot, args.late ? 1 : 0, ctx.clock());
  return ticketById(ctx.db, id)!;
}

/** Runs a queue change in one immediate write transaction, after the day rollover. */
export function inWriteTransaction<T>(ctx: HubContext, work: () => T): T {
  return ctx.db
    .transaction(() => {
      rollOverIfNewDay(ctx);
      return work();
    })
    .immediate();
}

function finishCurrent(ctx: HubContext, counter: RuntimeCounter): void {
  const current = currentTicketOf(ctx.db, ctx.today(), counter.id);
  if (current) closeTicket(ctx, counter, current, 'finished');
}

function closeTicket(ctx: HubContext, counter: RuntimeCounter, ticket: TicketRow, outcome: 'finished' | 'no_show'): void {
  const now = ctx.clock();
  prepared(ctx.db, 'UPDATE tickets SET status = ?, finished_at = ? WHERE id = ?').run(outcome, now, ticket.id);
  if (ticket.booking_code) {
    prepared(ctx.db, 'UPDATE bookings SET status = ? WHERE code = ?').run(outcome === 'finished' ? 'served' : 'no_show', ticket.booking_code);
  }
  appendEvent(ctx.db, {
    type: outcome,
    at: now,
    ticketNumber: ticket.number,
    counterId: counter.id,
    ...(ticket.booking_code ? { bookingCode: ticket.booking_code } : {}),
    data: { ticketId: ticket.id },
  });
}

function callTicket(ctx: HubContext, counter: RuntimeCounter, ticket: TicketRow, recall: boolean): QueueChange {
  const now = ctx.clock();
  prepared(ctx.db, "UPDATE tickets SET status = 'called', counter_id = ?, called_at = ?, target_counter_id = NULL, target_group_id = NULL WHERE id = ?")
    .run(counter.id, now, ticket.id);
  const event = appendEvent(ctx.db, {
    type: recall ? 'recalled' : 'called',
    at: now,
    ticketNumber: ticket.number,
    counterId: counter.id,
    ...(ticket.booking_code ? { bookingCode: ticket.booking_code } : {}),
    data: { ticketId: ticket.id, counterName: counter.name, counterNumber: counter.number },
  });
  const call: CallEvent = { id: event.id, ticketNumber: ticket.number, counterId: counter.id, counterName: counter.name, counterNumber: counter.number, at: now, recall };
  return { ticket: toTicket(ctx, ticketById(ctx.db, ticket.id)!), call };
}

export function callNext(ctx: HubContext, counterId: string): QueueChange {
  const counter = requireCounter(ctx, counterId);
  return inWriteTransaction(ctx, () => {
    const [next] = queueHead(ctx.db, counter, ctx.today(), localTime(ctx.clock()), 1);
    if (!next) throw new HubError('queue_empty', 404);
    finishCurrent(ctx, counter);
    return callTicket(ctx, counter, ticketById(ctx.db, next)!, false);
  });
}

/** Calls a chosen waiting ticket out of order (any group: staff may help someone from another queue). */
export function callNumber(ctx: HubContext, counterId: string, number: string): QueueChange {
  const counter = requireCounter(ctx, counterId);
  return inWriteTransaction(ctx, () => {
    const ticket = ticketByNumber(ctx.db, ctx.today(), number);
    if (!ticket || ticket.status !== 'waiting') throw new HubError('ticket_not_found', 404, { number });
    finishCurrent(ctx, counter);
    return callTicket(ctx, counter, ticket, false);
  });
}

export function recall(ctx: HubContext, counterId: string): QueueChange {
  const counter = requireCounter(ctx, counterId);
  return inWriteTransaction(ctx, () => {
    const current = currentTicketOf(ctx.db, ctx.today(), counter.id);
    if (!current) throw new HubError('no_current_ticket', 409);
    return callTicket(ctx, counter, current, true);
  });
}

export function finishOrNoShow(ctx: HubContext, counterId: string, outcome: 'finished' | 'no_show'): QueueChange {
  const counter = requireCounter(ctx, counterId);
  return inWriteTransaction(ctx, () => {
    const current = currentTicketOf(ctx.db, ctx.today(), counter.id);
    if (!current) throw new HubError('no_current_ticket', 409);
    closeTicket(ctx, counter, current, outcome);
    return { ticket: toTicket(ctx, ticketById(ctx.db, current.id)!) };
  });
}

/** Sends the current ticket back to the waiting queue of another counter or group, keeping its place by check-in time. */
export function transfer(ctx: HubContext, counterId: string, to: { toCounterId?: string | undefined; toGroupId?: string | undefined }): QueueChange {
  const counter = requireCounter(ctx, counterId);
  if (to.toCounterId) requireCounter(ctx, to.toCounterId);
  if (to.toGroupId && !ctx.config().serviceGroups.some((g) => g.id === to.toGroupId)) {
    throw new HubError('invalid_input', 400, { detail: 'toGroupId' });
  }
  return inWriteTransaction(ctx, () => {
    const current = currentTicketOf(ctx.db, ctx.today(), counter.id);
    if (!current) throw new HubError('no_current_ticket', 409);
    prepared(ctx.db, "UPDATE tickets SET status = 'waiting', counter_id = NULL, called_at = NULL, target_counter_id = ?, target_group_id = ? WHERE id = ?")
      .run(to.toCounterId ?? null, to.toGroupId ?? null, current.id);
    appendEvent(ctx.db, {
      type: 'transferred',
      at: ctx.clock(),
      ticketNumber: current.number,
      counterId: counter.id,
      ...(current.booking_code ? { bookingCode: current.booking_code } : {}),
      data: { ticketId: current.id, toCounterId: to.toCounterId ?? null, toGroupId: to.toGroupId ?? null },
    });
    return { ticket: toTicket(ctx, ticketById(ctx.db, current.id)!) };
  });
}

export function setPriority(ctx: HubContext, ticketId: string, priority: boolean): QueueChange {
  return inWriteTransaction(ctx, () => {
    const ticket = ticketById(ctx.db, ticketId);
    if (!ticket || ticket.day !== ctx.today()) throw new HubError('ticket_not_found', 404, { number: ticketId });
    prepared(ctx.db, 'UPDATE tickets SET priority = ? WHERE id = ?').run(priority ? 1 : 0, ticketId);
    appendEvent(ctx.db, {
      type: 'priority_set',
      at: ctx.clock(),
      ticketNumber: ticket.number,
      ...(ticket.booking_code ? { bookingCode: ticket.booking_code } : {}),
      data: { ticketId, priority },
    });
    return { ticket: toTicket(ctx, ticketById(ctx.db, ticketId)!) };
  });
}

/** A counter screen shows the head of its queue; `counts.waiting` still counts everyone. Keeps every push small. */
export const SNAPSHOT_WAITING_LIMIT = 100;

export function counterSnapshot(ctx: HubContext, counterId: string, status: HubStatus): CounterSnapshot {
  const counter = requireCounter(ctx, counterId);
  const day = ctx.today();
  const current = currentTicketOf(ctx.db, day, counter.id);
  const head = queueHead(ctx.db, counter, day, localTime(ctx.clock()), SNAPSHOT_WAITING_LIMIT);
  const mine = dayCounts(ctx.db, day, counter.id);
  return {
    counter: { id: counter.id, name: counter.name, number: counter.number, groupIds: [...counter.groupIds] },
    current: current ? toTicket(ctx, current) : null,
    waiting: ticketsByIds(ctx.db, head).map((t) => toTicket(ctx, t)),
    counts: { waiting: head.length < SNAPSHOT_WAITING_LIMIT ? head.length : queueLength(ctx.db, counter, day), servedToday: mine.finished, noShowToday: mine.noShow },
    status,
  };
}
