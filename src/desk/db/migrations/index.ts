import type { Migration } from '../migrate.js';
import { up as createHubStore } from './0010-create-hub-store.js';
import { up as indexBookingsByDateStatus } from './0020-index-bookings-by-date-status.js';
import { up as dropBookingsByDate } from './0030-drop-bookings-by-date.js';
import { up as outboxSetAside } from './0040-outbox-set-aside.js';

/** Append-only, numbered in steps of 10 (STYLE.md §4). */
export const HUB_MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-create-hub-store', up: createHubStore },
  { version: 20, name: '0020-index-bookings-by-date-status', up: indexBookingsByDateStatus },
  { version: 30, name: '0030-drop-bookings-by-date', up: dropBookingsByDate },
  { version: 40, name: '0040-outbox-set-aside', up: outboxSetAside },
];
