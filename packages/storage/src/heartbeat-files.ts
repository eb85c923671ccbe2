import type { Db } from './database.ts';
import { toolsWithEvents } from './durations/tool-events.ts';
import type { HeartbeatFileRow, HeartbeatFilesQuery } from './store.ts';

export const DEFAULT_FILE_LIMIT = 50;

/**
 * Per-file figures of one project from its heartbeats. Durations carry no file (ARCHITECTURE.md), so
 * this reads raw heartbeats on demand.
 *
 * Index: the heartbeats' primary key (user_id, tool, time_ms, dedupe_hash). Naming every tool of the
 * user (`tool in (…)`, found by a loose index scan) turns the time bound into one key range per tool
 * (SQLite's plan: SEARCH heartbeats USING PRIMARY KEY (user_id=? AND tool=? AND time_ms>? AND
 * time_ms<?)); without it the bound is only a filter over all the user's heartbeats. The project is a
 * filter on the rows of those ranges. Measured on SQLite with a year of 500,000 bench heartbeats: one
 * project over the year 170–240 ms, over a week 2–5 ms. An index on (user_id, project, time_ms) was
 * slower (~300 ms: in a WITHOUT ROWID table every hit is a second b-tree lookup) and a covering one
 * barely faster (~120 ms) for a wider write on every ingest, so there is no extra index.
 */
export async function listHeartbeatFiles(
  db: Db,
  userId: string,
  query: HeartbeatFilesQuery,
): Promise<HeartbeatFileRow[]> {
  const tools = await toolsWithEvents(db, userId);
  if (tools.length === 0 || query.toMs <= query.fromMs) return [];
  const rows = await db
    .selectFrom('heartbeats')
    .select((eb) => [
      'entity',
      eb.fn.max('language').as('language'),
      eb.fn.countAll<number>().as('heartbeats'),
      // A CASE over a bound 1 rather than sum(is_write): Postgres' column is boolean, SQLite's 0/1.
      eb.fn.sum<number>(eb.case().when('is_write', '=', 1).then(1).else(0).end()).as('writes'),
      eb.fn.min('time_ms').as('first_ms'),
      eb.fn.max('time_ms').as('last_ms'),
    ])
    .where('user_id', '=', userId)
    .where('tool', 'in', tools)
    .where('time_ms', '>=', query.fromMs)
    .where('time_ms', '<', query.toMs)
    .where('project', '=', query.project)
    .where('entity_type', '=', 'file')
    .where('entity', 'is not', null)
    .where('idle', '=', 0)
    .groupBy('entity')
    .orderBy('heartbeats', 'desc')
    .orderBy('last_ms', 'desc')
    .orderBy('entity')
    .limit(query.limit ?? DEFAULT_FILE_LIMIT)
    .execute();
  return rows.map((row) => ({
    path: row.entity ?? '',
    language: row.language,
    heartbeats: Number(row.heartbeats),
    writes: Number(row.writes),
    firstMs: Number(row.first_ms),
    lastMs: Number(row.last_ms),
  }));
}
