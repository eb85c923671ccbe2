import {
  CompiledQuery,
  type Expression,
  Kysely,
  type LogEvent,
  PostgresDialect,
  type RawBuilder,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from '../database.ts';
import { type ColumnKind, HEARTBEAT_COLUMNS, heartbeatKey, heartbeatValues } from '../heartbeat-columns.ts';
import type { HeartbeatRow } from '../store.ts';
import type { DialectDebugOptions, LockPurpose, StorageDialect } from './dialect.ts';

/** Postgres' limit on bind parameters per statement (a 16-bit count in the wire protocol). */
const MAX_BIND_PARAMS = 65_535;
/** Rows per heartbeat insert statement; they travel as one JSON parameter, so this only bounds memory. */
const HEARTBEAT_CHUNK_ROWS = 5_000;
const POOL_SIZE = 10;
/** First key of our advisory locks, so they never collide with another application's in the same database. */
const LOCK_NAMESPACE: Record<LockPurpose, number> = { durations: 0x64_74_01, 'agent-sessions': 0x64_74_02 };
/** Element `index` of a heartbeat's JSON row array `r` as its column's type (`->>` gives text or NULL). */
const EXTRACT: Record<ColumnKind, (index: number) => RawBuilder<unknown>> = {
  text: (index) => sql`r->>${sql.lit(index)}`,
  int: (index) => sql`(r->>${sql.lit(index)})::int8`,
  bool: (index) => sql`(r->>${sql.lit(index)})::int::boolean`,
  json: (index) => sql`(r->>${sql.lit(index)})::jsonb`,
};

/**
 * BIGINT (int8) columns and count(*) come back from `pg` as strings by default, because they may exceed
 * 2^53. Our int8 values are milliseconds and counters, far below that, so this pool parses them as
 * numbers. The parser is per pool: changing `pg.types` globally would affect every other pg user.
 */
const INT8_OID = 20;
const poolTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export async function openPostgres(
  connectionString: string,
  schema?: string,
  debug: DialectDebugOptions = {},
): Promise<StorageDialect> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`postgresSchema must be a plain identifier (letters, digits, _), got "${schema}"`);
  }
  const pool = new pg.Pool({ connectionString, max: POOL_SIZE, types: poolTypes });
  // An idle connection that dies (server restart, network) is dropped and replaced by the pool; without a
  // listener its 'error' event would crash the process.
  pool.on('error', () => {});
  const { onQuery } = debug;
  const db = new Kysely<Database>({
    ...(onQuery
      ? {
          log: (event: LogEvent) => {
            if (event.level === 'query') onQuery(event.query.sql);
          },
        }
      : {}),
    dialect: new PostgresDialect({
      pool,
      // Every connection resolves unqualified table names in our schema (tests isolate runs this way).
      onCreateConnection: async (connection) => {
        // set_config takes the schema as a bound value; `SET search_path` cannot be parameterised.
        if (schema !== undefined) {
          await connection.executeQuery(
            CompiledQuery.raw(`select set_config('search_path', $1, false)`, [schema]),
          );
        }
      },
    }),
  });
  let migrationTableSchema = schema;
  try {
    if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    // Kysely looks for its migration table in every schema unless told which one, so always name it.
    migrationTableSchema ??= (await sql<{ name: string }>`select current_schema() as name`.execute(db))
      .rows[0]?.name;
  } catch (error) {
    await db.destroy();
    throw error;
  }

  const insertColumns = HEARTBEAT_COLUMNS.slice(1);

  return {
    name: 'postgres',
    db,
    maxBindParams: MAX_BIND_PARAMS,
    migrationTableSchema,
    schema: { json: 'jsonb', clusterByPrimaryKey: (table) => table },
    writeTransaction: (fn) => db.transaction().execute(fn),
    lockUser: async (trx, userId, purpose) => {
      await sql`select pg_advisory_xact_lock(${LOCK_NAMESPACE[purpose]}::int4, hashtext(${userId}::text))`.execute(
        trx,
      );
    },
    insertHeartbeats: async (trx, userId, rows) => {
      const inserted = new Set<string>();
      for (let start = 0; start < rows.length; start += HEARTBEAT_CHUNK_ROWS) {
        // The rows travel as one JSON array of arrays that Postgres parses natively: measured faster
        // than one array parameter per column (pg's array literal escaping) and far faster than
        // 31,000 placeholders, and the statement text stays the same for every call.
        // In key order, so two transactions inserting the same new rows wait for each other instead of
        // deadlocking on rows each inserted first.
        const chunk = rows.slice(start, start + HEARTBEAT_CHUNK_ROWS).sort(compareHeartbeatKeys);
        const payload = JSON.stringify(chunk.map((row) => heartbeatValues(userId, row).slice(1)));
        const result = await sql<{ tool: string; time_ms: number; dedupe_hash: string }>`
          insert into heartbeats (${sql.join(HEARTBEAT_COLUMNS.map(([column]) => sql.ref(column)))})
          select ${userId}::text, ${sql.join(insertColumns.map(([, kind], index) => EXTRACT[kind](index)))}
          from jsonb_array_elements(${payload}::jsonb) as r
          on conflict do nothing
          returning tool, time_ms, dedupe_hash`.execute(trx);
        for (const row of result.rows) inserted.add(heartbeatKey(row.tool, row.time_ms, row.dedupe_hash));
      }
      return rows.map((row) => inserted.has(heartbeatKey(row.tool, row.timeMs, row.dedupeHash)));
    },
    least: (a: Expression<number>, b: Expression<number>) => sql<number>`least(${a}, ${b})`,
    greatest: (a: Expression<number>, b: Expression<number>) => sql<number>`greatest(${a}, ${b})`,
    decodeJson: (value) => value,
    close: () => db.destroy(),
  };
}

function compareHeartbeatKeys(a: HeartbeatRow, b: HeartbeatRow): number {
  if (a.tool !== b.tool) return a.tool < b.tool ? -1 : 1;
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  return a.dedupeHash < b.dedupeHash ? -1 : a.dedupeHash > b.dedupeHash ? 1 : 0;
}
