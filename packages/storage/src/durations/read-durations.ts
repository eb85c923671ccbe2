import type { DurationInterval } from '@devtime/core';
import type { Db } from '../database.ts';
import type { ActivityQuery } from '../store.ts';
import type { DimensionSetCache } from './dimension-sets.ts';
import { DAY_MS } from './utc-days.ts';

/**
 * Stored intervals overlapping [fromMs, toMs), unclipped, sorted by start. Rows never cross a UTC
 * midnight, so the scan of the (user, start) key starts one day before fromMs instead of at the
 * beginning of history. Only numbers are read per row (a year is ~20k rows); dimensions come from the
 * cache by id, and intervals with equal dimensions share one (read-only) `dims` object.
 */
export async function readDurations(
  db: Db,
  cache: DimensionSetCache,
  maxBindParams: number,
  userId: string,
  query: ActivityQuery,
): Promise<DurationInterval[]> {
  let select = db
    .selectFrom('durations')
    .select(['start_ms', 'end_ms', 'dims_id', 'event_count'])
    .where('user_id', '=', userId)
    .where('start_ms', '>=', query.fromMs - DAY_MS)
    .where('start_ms', '<', query.toMs)
    .where('end_ms', '>', query.fromMs);
  if (query.tool !== undefined) select = select.where('tool', '=', query.tool);
  if (query.project !== undefined) select = select.where('project', '=', query.project);
  const rows = await select.orderBy('start_ms').orderBy('tool').execute();
  const sets = await cache.resolve(db, userId, new Set(rows.map((row) => row.dims_id)), maxBindParams);
  return rows.map((row) => {
    const dims = sets.get(row.dims_id);
    if (!dims) throw new Error(`durations row refers to unknown dimension set ${row.dims_id}`);
    return { startMs: row.start_ms, endMs: row.end_ms, eventCount: row.event_count, dims };
  });
}
