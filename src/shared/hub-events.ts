/**
 * The desk hub's LAN contract: socket.io event maps for `/display` and `/counter`, and the payloads of the
 * hub's REST API (`/api/v1/...`, counter token in `Authorization: Bearer`). Used by src/desk, the counter and
 * display pages, and tests. Display payloads carry ticket numbers, counter names and counts only —
 * never a name, phone or ID number.
 */
import type { BookingStatus } from './api.js';

export const HUB_NAMESPACES = { display: '/display', counter: '/counter' } as const;

export const HUB_EVENTS = {
  /** Full state; sent on every connect and reconnect. */
  snapshot: 'snapshot',
  /** A number was called (or recalled) to a counter. */
  called: 'called',
  /** State changed (counts, current numbers, queue). */
  state: 'state',
  /** Hub status (sync, outbox, occupancy). */
  status: 'status',
} as const;

export type TicketStatus = 'waiting' | 'called' | 'finished' | 'no_show';
export type TicketKind = 'booked' | 'walk_in';

/** A queue ticket as the counter sees it (counter namespace and REST only). */
export interface Ticket {
  id: string;
  /** Display number, e.g. "1005" (group prefix + 3-digit daily sequence). */
  number: string;
  groupId: string;
  kind: TicketKind;
  status: TicketStatus;
  priority: boolean;
  bookingCode: string | null;
  procedureCode: string | null;
  procedureName: string | null;
  /** Slot start `HH:MM` for booked tickets. */
  slot: string | null;
  late: boolean;
  /** Counter currently serving / called to, if any. */
  counterId: string | null;
  /** Counter (or group) the ticket was transferred to and waits for. */
  targetCounterId: string | null;
  checkedInAt: number;
  calledAt: number | null;
  finishedAt: number | null;
  /** Citizen name, for the counter only (masked or absent in logs and on the display). */
  citizenName: string | null;
}

/** A booking as shown to staff after a lookup or check-in. */
export interface DeskBooking {
  code: string;
  officeId: string;
  procedureCode: string;
  procedureName: string;
  groupId: string;
  date: string;
  slot: string;
  slotEnd: string;
  status: BookingStatus;
  citizenName: string;
  /** Masked, e.g. 0912***678. */
  phoneMasked: string;
}

/** `POST /api/v1/checkins` body. `scan`: token, booking code or phone number as read or typed. */
export interface CheckinArgs {
  scan: string;
  counterId?: string;
  priority?: boolean;
}
/** 201 (new) or 200 (already checked in: the same ticket). */
export interface CheckinResult {
  ticket: Ticket;
  booking: DeskBooking;
  alreadyCheckedIn: boolean;
}

export interface HubStatus {
  officeId: string;
  officeName: string;
  online: boolean;
  syncState: 'idle' | 'syncing' | 'offline' | 'error';
  lastSyncAt: number | null;
  /** Events not yet acknowledged by central. */
  outbox: number;
  bookingsToday: number;
  checkedIn: number;
  waiting: number;
  occupancy: number;
  cap: number;
  epidemicLevel: number;
  walkInsAllowed: boolean;
}

/** Safe for the waiting-room TV: no personal data. */
export interface CallEvent {
  /** Unique per call (the outbox event id), so a client never announces the same call twice. */
  id: string;
  ticketNumber: string;
  counterId: string;
  counterName: string;
  counterNumber: number;
  at: number;
  recall: boolean;
}

export interface DisplayCounter {
  id: string;
  name: string;
  number: number;
  currentNumber: string | null;
}

export interface DisplayState {
  counters: DisplayCounter[];
  /** Newest first, about 8. */
  recentCalls: CallEvent[];
  waiting: number;
  occupancy: number;
  cap: number;
  online: boolean;
}

export interface DisplaySnapshot extends DisplayState {
  office: { id: string; name: string; hotline: string };
  notice: string;
  /** Hub clock (epoch ms) so the TV shows office time even if its own clock is wrong. */
  serverTime: number;
}

export interface CounterSnapshot {
  counter: { id: string; name: string; number: number; groupIds: string[] };
  current: Ticket | null;
  /** Waiting tickets this counter would call, in call order. */
  waiting: Ticket[];
  counts: { waiting: number; servedToday: number; noShowToday: number };
  status: HubStatus;
}

export interface HubServerToDisplay {
  snapshot: (snapshot: DisplaySnapshot) => void;
  called: (call: CallEvent) => void;
  state: (state: DisplayState) => void;
}
/** The display is read-only: it sends nothing. */
export type DisplayToHubServer = Record<string, never>;

export interface HubServerToCounter {
  snapshot: (snapshot: CounterSnapshot) => void;
  state: (snapshot: CounterSnapshot) => void;
  called: (call: CallEvent) => void;
  status: (status: HubStatus) => void;
}
export type CounterToHubServer = Record<string, never>;

/** Counter actions, `POST /api/v1/counters/:counterId/<action>`. Send an `Idempotency-Key` header: a replay returns the first answer. */
export const COUNTER_ACTIONS = ['call-next', 'call', 'recall', 'no-show', 'transfer', 'finish'] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

/** The counter page's address for one counter; the token rides in the fragment, so it never reaches a server log. */
export function counterPageUrl(hubUrl: string, counterId: string, token: string | null): string {
  const url = new URL('/counter', hubUrl);
  url.searchParams.set('counter', counterId);
  if (token) url.hash = `token=${encodeURIComponent(token)}`;
  return url.toString();
}

export function displayPageUrl(hubUrl: string): string {
  return new URL('/display', hubUrl).toString();
}
