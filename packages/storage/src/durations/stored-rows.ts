import { type DurationInterval, sameDimensions } from '@devtime/core';
import type { Db } from '../database.ts';
import { insertChunked } from '../insert-chunked.ts';
import { dimensionSetId, ensureDimensionSets } from './dimension-sets.ts';
import type { RewriteContext } from './rewrite-context.ts';
import { DAY_MS } from './utc-days.ts';

const ROW_COLUMNS = [
  'dims_id',
  'start_ms',
  'end_ms',
  'project',
  'language',
  'category',
  'branch',
  'machine',
  'event_count',
] as const;

/** A stored row, with the id of its (already stored) dimension set. */
export interface StoredRow extends DurationInterval {
  dimsId: number;
}

/**
 * A tool's stored rows that touch [loMs, followingMs]: ending at or after loMs and starting at or before
 * followingMs (no upper bound when null). Rows are at most a day long, which bounds the index scan.
 */
export async function readToolRows(
  db: Db,
  userId: string,
  tool: string,
  loMs: number,
  followingMs: number | null,
): Promise<StoredRow[]> {
  let select = db
    .selectFrom('durations')
    .select(ROW_COLUMNS)
    .where('user_id', '=', userId)
    .where('tool', '=', tool)
    .where('start_ms', '>=', loMs - DAY_MS)
    .where('end_ms', '>=', loMs);
  if (followingMs !== null) select = select.where('start_ms', '<=', followingMs);
  const rows = await select.orderBy('start_ms').execute();
  return rows.map((row) => ({
    dimsId: row.dims_id,
    startMs: row.start_ms,
    endMs: row.end_ms,
    eventCount: row.event_count,
    dims: {
      tool,
      project: row.project,
      language: row.language,
      category: row.category,
      branch: row.branch,
      machine: row.machine,
    },
  }));
}

/**
 * Replaces `before` (rows as read) with `after`, writing only the difference: rows keep their key
 * (user, start, tool), so an interval that grew at its end (the common append) is one UPDATE.
 */
export async function writeToolRows(
  context: RewriteContext,
  tool: string,
  before: readonly StoredRow[],
  after: readonly DurationInterval[],
): Promise<void> {
  const { dialect, trx, userId } = context;
  const beforeByStart = new Map(before.map((row) => [row.startMs, row]));
  const afterStarts = new Set(after.map((row) => row.startMs));
  const gone = before.filter((row) => !afterStarts.has(row.startMs)).map((row) => row.startMs);
  for (let start = 0; start < gone.length; start += dialect.maxBindParams - 2) {
    await trx
      .deleteFrom('durations')
      .where('user_id', '=', userId)
      .where('tool', '=', tool)
      .where('start_ms', 'in', gone.slice(start, start + dialect.maxBindParams - 2))
      .execute();
  }
  const inserts: DurationInterval[] = [];
  const updates: DurationInterval[] = [];
  for (const row of after) {
    const old = beforeByStart.get(row.startMs);
    if (!old) inserts.push(row);
    else if (!sameRow(old, row)) updates.push(row);
  }
  const written = [...inserts, ...updates].map((row) => row.dims);
  await ensureDimensionSets(context, written, new Set(before.map((row) => row.dimsId)));
  for (const row of updates) {
    await trx
      .updateTable('durations')
      .set({ end_ms: row.endMs, event_count: row.eventCount, ...dimColumns(row) })
      .where('user_id', '=', userId)
      .where('tool', '=', tool)
      .where('start_ms', '=', row.startMs)
      .execute();
  }
  await insertChunked(
    dialect,
    trx,
    'durations',
    inserts.map((row) => ({
      user_id: userId,
      tool,
      start_ms: row.startMs,
      end_ms: row.endMs,
      event_count: row.eventCount,
      ...dimColumns(row),
    })),
  );
}

function dimColumns(row: DurationInterval) {
  return {
    dims_id: dimensionSetId(row.dims),
    project: row.dims.project,
    language: row.dims.language,
    category: row.dims.category,
    branch: row.dims.branch,
    machine: row.dims.machine,
  };
}

function sameRow(a: DurationInterval, b: DurationInterval): boolean {
  return a.endMs === b.endMs && a.eventCount === b.eventCount && sameDimensions(a.dims, b.dims);
}
