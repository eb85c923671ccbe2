import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Expression,
  Kysely,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  sql,
} from 'kysely';
import type { Database } from '../database.ts';
import { HEARTBEAT_COLUMNS, type HeartbeatValue, heartbeatValues } from '../heartbeat-columns.ts';
import type { HeartbeatRow } from '../store.ts';
import type { DialectDebugOptions, StorageDialect } from './dialect.ts';

/** How long a writer waits for another process's write lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 10_000;
/** SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32. */
const MAX_BIND_PARAMS = 32_766;

/**
 * Every transaction here writes, so take the write lock at BEGIN: a deferred transaction that reads and
 * then writes can fail with SQLITE_BUSY (without waiting) when another connection wrote in between.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export function openSqlite(path: string, debug: DialectDebugOptions = {}): StorageDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  // WAL + NORMAL survives process crashes; only an OS crash can lose the last commits, never corrupt.
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');

  const kyselyDialect: Dialect = {
    createDriver: () => new ImmediateSqliteDriver({ database: withStatementCache(database) }),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
  const { onQuery } = debug;
  const db = new Kysely<Database>({
    dialect: kyselyDialect,
    ...(onQuery
      ? {
          log: (event) => {
            if (event.level === 'query') onQuery(event.query.sql);
          },
        }
      : {}),
  });

  const insertHeartbeat = heartbeatInserter(database);

  return {
    name: 'sqlite',
    db,
    maxBindParams: MAX_BIND_PARAMS,
    migrationTableSchema: undefined,
    schema: {
      json: 'text',
      clusterByPrimaryKey: (table) => table.modifyEnd(sql`without rowid`),
    },
    writeTransaction: (fn) => db.transaction().execute(fn),
    lockUser: async () => {},
    insertHeartbeats: async (_trx, userId, rows) => {
      // Compiling a 31-column multi-row insert through Kysely costs more than SQLite's work, so the hot
      // path binds cached statements row by row; `changes` says whether the row was new. Running inside
      // the caller's Kysely transaction keeps Kysely's connection mutex held while we use the handle.
      return rows.map((row) => insertHeartbeat(userId, row));
    },
    least: (a: Expression<number>, b: Expression<number>) => sql<number>`min(${a}, ${b})`,
    greatest: (a: Expression<number>, b: Expression<number>) => sql<number>`max(${a}, ${b})`,
    decodeJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
    close: () => db.destroy(),
  };
}

/** Distinct SQL texts we keep prepared statements for; Kysely's queries are a bounded set of shapes. */
const MAX_CACHED_QUERIES = 256;
/**
 * Multi-row inserts have one SQL text per row count and are rarely repeated; caching them would only
 * hold memory (measured: RSS kept growing through a 1M-heartbeat ingest), so long texts are not cached.
 */
const MAX_CACHED_SQL_LENGTH = 2_000;

/**
 * Kysely's SQLite driver prepares every statement again on each run, which cost more CPU than SQLite's
 * own work on small queries (~15% of ingest time measured). Statements are reusable, so cache them by
 * SQL text. Kysely never streams (iterates) two queries at once on its single connection, so a cached
 * statement is never busy when it is handed out again.
 */
function withStatementCache(database: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(text: string): BetterSqlite3.Statement {
      if (text.length > MAX_CACHED_SQL_LENGTH) return database.prepare(text);
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= MAX_CACHED_QUERIES) statements.clear();
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
    close: () => database.close(),
  };
}

/** Distinct null patterns we keep statements for; beyond that, rows bind every column. */
const MAX_CACHED_STATEMENTS = 64;

/**
 * Inserts one heartbeat, returning whether it was new. Binding a value through better-sqlite3 costs
 * more than SQLite's own work for it (~0.2 µs each), and editor heartbeats leave many columns null
 * (no AI fields, no line counts…), so a statement is prepared per set of non-null columns — there are
 * few in practice — and only non-null values are bound; omitted columns default to NULL.
 */
function heartbeatInserter(database: BetterSqlite3.Database): (userId: string, row: HeartbeatRow) => boolean {
  // Column sets are bit masks: a 32nd column would need another key.
  if (HEARTBEAT_COLUMNS.length > 31) throw new Error('heartbeat column masks hold at most 31 columns');
  const statements = new Map<number, BetterSqlite3.Statement>();
  const allColumns = (1 << HEARTBEAT_COLUMNS.length) - 1;
  const prepare = (mask: number) => {
    const columns = HEARTBEAT_COLUMNS.filter((_, index) => mask & (1 << index)).map(([column]) => column);
    return database.prepare(
      `insert into heartbeats (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')}) ` +
        'on conflict do nothing',
    );
  };
  return (userId, row) => {
    const values = heartbeatValues(userId, row);
    const bound: HeartbeatValue[] = [];
    let mask = 0;
    for (let index = 0; index < values.length; index++) {
      const value = values[index];
      if (value != null) {
        mask |= 1 << index;
        bound.push(value);
      }
    }
    let statement = statements.get(mask);
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) {
        mask = allColumns;
        statement = statements.get(mask) ?? prepare(mask);
        statements.set(mask, statement);
        return statement.run(values).changes > 0;
      }
      statement = prepare(mask);
      statements.set(mask, statement);
    }
    return statement.run(bound).changes > 0;
  };
}
