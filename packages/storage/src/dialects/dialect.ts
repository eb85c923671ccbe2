import type { ColumnDataType, CreateTableBuilder, Expression, Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { HeartbeatRow } from '../store.ts';

/**
 * Everything that differs between SQLite and Postgres. The rest of the package is dialect-free and
 * talks to the database through Kysely plus these hooks; `sqlite.ts` and `postgres.ts` implement them.
 */
export interface StorageDialect {
  readonly name: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** The most bind parameters one statement may carry; multi-row inserts are chunked below it. */
  readonly maxBindParams: number;
  readonly schema: SchemaDialect;
  /** Where Kysely's migration bookkeeping tables live (Postgres schema), if not the default. */
  readonly migrationTableSchema: string | undefined;

  /** Runs `fn` in a transaction that is allowed to write (SQLite takes the write lock up front). */
  writeTransaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * Serialises work on one user's derived data between processes for the rest of the transaction.
   * Postgres: an advisory transaction lock; SQLite: nothing, its write transaction already serialises.
   */
  lockUser(trx: Transaction<Database>, userId: string, purpose: LockPurpose): Promise<void>;
  /**
   * Inserts heartbeats that are distinct within the call, skipping ones already stored, and says per
   * row whether it was new. The ingest hot path, so each dialect uses its fastest form.
   */
  insertHeartbeats(
    trx: Transaction<Database>,
    userId: string,
    rows: readonly HeartbeatRow[],
  ): Promise<boolean[]>;
  /** The smaller of two numbers in SQL (`min(a, b)` vs `least(a, b)`). */
  least(a: Expression<number>, b: Expression<number>): Expression<number>;
  /** The larger of two numbers in SQL (`max(a, b)` vs `greatest(a, b)`). */
  greatest(a: Expression<number>, b: Expression<number>): Expression<number>;
  /** Turns a JSON column's value as read back into the document (SQLite returns text, Postgres parses jsonb). */
  decodeJson(value: unknown): unknown;
  close(): Promise<void>;
}

export type LockPurpose = 'durations' | 'agent-sessions';

/** Column types and table options that migrations need. */
export interface SchemaDialect {
  readonly json: ColumnDataType;
  /**
   * Table options for tables whose primary key is their natural order (SQLite: WITHOUT ROWID, so the row
   * lives in the primary-key b-tree instead of a second one).
   */
  clusterByPrimaryKey<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
  ): CreateTableBuilder<T, C>;
}

export interface DialectDebugOptions {
  /** Called with the SQL of every statement Kysely runs (benchmarks count statements with it). */
  onQuery?: (sql: string) => void;
}
