import type { Transaction } from 'kysely';
import type { Database, Db } from '../database.ts';
import { recomputeSpan } from './recompute-span.ts';
import { type DurationMaintenance, rewriteDurations } from './rewrite-context.ts';

/**
 * Processes dirty marks: for each marked (user, tool), recomputes the marked span's windows with the
 * user's timeout and clears the mark, unless it was marked again meanwhile (then the next flush redoes
 * it, which is harmless). One transaction per user (see `rewriteDurations`).
 */
export async function flushDurations(maintenance: DurationMaintenance, userId?: string): Promise<void> {
  const { db } = maintenance.dialect;
  const users =
    userId !== undefined
      ? [userId]
      : (await db.selectFrom('duration_dirty').select('user_id').distinct().execute()).map(
          (row) => row.user_id,
        );
  for (const user of users) {
    // Read outside the transaction, so a flush with nothing to do is one indexed probe. A mark another
    // flush clears meanwhile is recomputed once more (harmless); one added meanwhile waits for the next.
    const marks = await dirtyMarks(db, user);
    if (marks.length === 0) continue;
    await rewriteDurations(maintenance, user, async (context) => {
      for (const mark of marks) {
        await recomputeSpan(context, mark.tool, { fromMs: mark.from_ms, toMs: mark.to_ms }, mark.timeout_ms);
      }
      await clearMarks(context.trx, user, marks);
    });
  }
}

export async function dirtyMarks(db: Db, userId: string) {
  return db
    .selectFrom('duration_dirty')
    .innerJoin('users', 'users.id', 'duration_dirty.user_id')
    .select([
      'duration_dirty.tool',
      'duration_dirty.from_ms',
      'duration_dirty.to_ms',
      'duration_dirty.revision',
    ])
    .select('users.timeout_ms')
    .where('duration_dirty.user_id', '=', userId)
    .orderBy('duration_dirty.tool')
    .execute();
}

/** Clears the marks as read; a mark whose revision moved on was widened by a concurrent insert and stays. */
export async function clearMarks(
  trx: Transaction<Database>,
  userId: string,
  marks: ReadonlyArray<{ tool: string; revision: number }>,
): Promise<void> {
  for (const mark of marks) {
    await trx
      .deleteFrom('duration_dirty')
      .where('user_id', '=', userId)
      .where('tool', '=', mark.tool)
      .where('revision', '=', mark.revision)
      .execute();
  }
}
