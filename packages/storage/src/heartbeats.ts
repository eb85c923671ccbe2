import type { StorageDialect } from './dialects/dialect.ts';
import { markDirty, type TimeSpan, widenSpan } from './dirty-ranges.ts';
import { heartbeatKey } from './heartbeat-columns.ts';
import type { HeartbeatRow } from './store.ts';

/**
 * Stores new heartbeats and marks the span they touch dirty, in one transaction. A row repeated within
 * the call counts as new only at its first occurrence. Idle heartbeats are stored but are not activity,
 * so they mark nothing.
 */
export async function insertHeartbeats(
  dialect: StorageDialect,
  userId: string,
  rows: readonly HeartbeatRow[],
): Promise<boolean[]> {
  if (rows.length === 0) return [];
  const distinct: HeartbeatRow[] = [];
  // For each input row, its position in `distinct`, or -1 when it repeats an earlier row of the call.
  const positions: number[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = heartbeatKey(row.tool, row.timeMs, row.dedupeHash);
    if (seen.has(key)) {
      positions.push(-1);
    } else {
      seen.add(key);
      positions.push(distinct.length);
      distinct.push(row);
    }
  }

  const fresh = await dialect.writeTransaction(async (trx) => {
    const inserted = await dialect.insertHeartbeats(trx, userId, distinct);
    const spans = new Map<string, TimeSpan>();
    distinct.forEach((row, index) => {
      if (inserted[index] && !row.idle) widenSpan(spans, row.tool, row.timeMs, row.timeMs);
    });
    await markDirty(dialect, trx, userId, spans);
    return inserted;
  });
  return positions.map((position) => position >= 0 && fresh[position] === true);
}
