import type { Db } from './open-db.js';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export class DbVersionFromFutureError extends Error {
  constructor(
    readonly dbVersion: number,
    readonly codeVersion: number,
  ) {
    super(`Database schema version ${dbVersion} is newer than this program (${codeVersion}); refusing to open it.`);
  }
}

/**
 * Runs pending migrations in one immediate transaction, tracking progress in PRAGMA user_version.
 * `to` stops midway (tests). Refuses a database written by a newer program.
 */
export function migrate(db: Db, migrations: readonly Migration[], opts: { to?: number } = {}): number {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) throw new Error(`Migrations out of order at ${migrations[i]!.name}`);
  }
  const latest = migrations.at(-1)?.version ?? 0;
  const target = opts.to ?? latest;
  const run = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw new DbVersionFromFutureError(current, latest);
    let version = current;
    for (const migration of migrations) {
      if (migration.version <= current || migration.version > target) continue;
      migration.up(db);
      version = migration.version;
    }
    if (version !== current) db.pragma(`user_version = ${version}`);
    return version;
  });
  return run.immediate();
}
