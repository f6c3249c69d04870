// SQLite adapter: one better-sqlite3 connection, WAL file in the data folder (or in memory).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database, SqlExecutor, SqlValue } from './database.js';

/**
 * better-sqlite3 is synchronous, but the store is async: between two awaits of one transaction another
 * request could run a statement on the same connection and see (or join) uncommitted work. So every
 * operation goes through one FIFO lock; a transaction holds it from BEGIN IMMEDIATE to COMMIT.
 * BEGIN IMMEDIATE takes the file's write lock up front, so a second process can't interleave either.
 */
function createLock() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T> | T): Promise<T> => {
    const result = tail.then(fn, fn);
    tail = result.catch(() => undefined);
    return result;
  };
}

export function openSqlite(dataDir?: string): Database {
  let file = ':memory:';
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, 'central.sqlite');
  }
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL: a commit survives a crash of the process; only a power cut can lose the last commits.
  // Acceptable here because a booking's token is self-verifying at the desk even if central lost the row.
  db.pragma('synchronous = NORMAL');
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const direct: SqlExecutor = {
    dialect: 'sqlite',
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      const statement = prepare(sql);
      if (!statement.reader) return { changes: statement.run(...params).changes };
      statement.all(...params);
      return { changes: 0 };
    },
    lockKey: async () => undefined,
  };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const exclusive = createLock();
  return {
    dialect: 'sqlite',
    all: (sql, params) => exclusive(() => direct.all(sql, params)),
    get: (sql, params) => exclusive(() => direct.get(sql, params)),
    run: (sql, params) => exclusive(() => direct.run(sql, params)),
    lockKey: async () => undefined,
    transaction: (fn) =>
      exclusive(async () => {
        begin.run();
        try {
          const result = await fn(direct);
          commit.run();
          return result;
        } catch (error) {
          if (db.inTransaction) rollback.run();
          throw error;
        }
      }),
    close: () => exclusive(async () => void db.close()),
  };
}
