import type { SqlExecutor } from '../database.js';

/**
 * `CREATE TABLE` written once for both databases: SQLite tables are STRICT (INTEGER is 64-bit there);
 * on PostgreSQL INTEGER becomes BIGINT so epoch-ms columns fit.
 */
export async function createTable(db: SqlExecutor, definition: string): Promise<void> {
  if (db.dialect === 'sqlite') await db.run(`CREATE TABLE ${definition} STRICT`);
  else await db.run(`CREATE TABLE ${definition.replace(/\bINTEGER\b/g, 'BIGINT')}`);
}
