import type { Migration } from '../migrate.js';
import { up as createHubStore } from './0010-create-hub-store.js';
import { up as indexBookingsByDateStatus } from './0020-index-bookings-by-date-status.js';

/** Append-only, numbered in steps of 10 (STYLE.md §4). */
export const HUB_MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010-create-hub-store', up: createHubStore },
  { version: 20, name: '0020-index-bookings-by-date-status', up: indexBookingsByDateStatus },
];
