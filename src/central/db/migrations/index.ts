// Ordered, append-only list of central migrations (STYLE.md §4): numbered in steps of 10, never edited once released.
import type { SqlExecutor } from '../database.js';
import * as initialSchema from './0010-initial-schema.js';
import * as deskEventsByTime from './0020-desk-events-by-time.js';

export interface Migration {
  version: number;
  name: string;
  up(db: SqlExecutor): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: 'initial-schema', up: initialSchema.up },
  { version: 20, name: 'desk-events-by-time', up: deskEventsByTime.up },
];
