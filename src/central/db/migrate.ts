/**
 * Migration runner: applies pending migrations in one transaction. Progress lives in `PRAGMA user_version`
 * on SQLite and in a one-row `schema_version` table on PostgreSQL. A database newer than the code is refused.
 */
import type { Database, SqlExecutor } from './database.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export class DatabaseFromFutureError extends Error {
  constructor(readonly found: number, readonly latest: number) {
    super(`Database schema version ${found} is newer than this code knows (${latest}); upgrade the server.`);
  }
}

async function readVersion(db: SqlExecutor): Promise<number> {
  if (db.dialect === 'sqlite') return (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  await db.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  return (await db.get<{ version: number }>('SELECT version FROM schema_version'))?.version ?? 0;
}

async function writeVersion(db: SqlExecutor, version: number): Promise<void> {
  if (db.dialect === 'sqlite') {
    await db.run(`PRAGMA user_version = ${Math.trunc(version)}`);
    return;
  }
  await db.run('DELETE FROM schema_version');
  await db.run('INSERT INTO schema_version (version) VALUES (?)', [version]);
}

export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (i > 0 && m.version <= migrations[i - 1]!.version) throw new Error(`Migration versions must increase: ${m.version} after ${migrations[i - 1]!.version}`);
  });
}

/** Brings the schema to `to` (default: the latest). Returns the version before and after. */
export async function migrate(db: Database, opts: { to?: number; migrations?: readonly Migration[] } = {}): Promise<{ from: number; to: number }> {
  const migrations = opts.migrations ?? MIGRATIONS;
  checkMigrations(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const target = opts.to ?? latest;
  return db.transaction(async (tx) => {
    // Two servers starting at once on one PostgreSQL database: the second waits, then sees the work done.
    await tx.lockKey('motcua:migrations');
    const from = await readVersion(tx);
    if (from > latest) throw new DatabaseFromFutureError(from, latest);
    const pending = migrations.filter((m) => m.version > from && m.version <= target);
    for (const migration of pending) await migration.up(tx);
    const to = pending.at(-1)?.version ?? from;
    if (to !== from) await writeVersion(tx, to);
    return { from, to };
  });
}
