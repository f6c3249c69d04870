/**
 * The one async database interface the central store is written against. Two implementations:
 * SQLite (better-sqlite3, the embedded default) and PostgreSQL (pg). SQL is written once with `?`
 * placeholders in the common subset of both dialects; the PostgreSQL adapter numbers them.
 */
export type SqlValue = string | number | null;
export type Dialect = 'sqlite' | 'postgres';

export interface SqlExecutor {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Serialises writers that touch the same key until the transaction ends (PostgreSQL: an advisory
   * transaction lock; SQLite: a no-op, because its transactions are already serial).
   */
  lockKey(key: string): Promise<void>;
}

export interface Database extends SqlExecutor {
  /** Runs `fn` in one write transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
