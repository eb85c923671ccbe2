import { clearMarks, dirtyMarks } from './flush.ts';
import { recomputeSpan } from './recompute-span.ts';
import { type DurationMaintenance, rewriteDurations } from './rewrite-context.ts';
import { toolsWithEvents } from './tool-events.ts';

/** Bounds covering any event time. */
const ALL_TIME = { fromMs: Number.MIN_SAFE_INTEGER, toMs: Number.MAX_SAFE_INTEGER };

/**
 * Throws away a user's durations and recomputes them from all events with the user's current timeout.
 * Each tool is walked in bounded windows (see `recomputeSpan`), so memory stays flat however long the
 * history. One transaction, so readers see the old durations or the new ones, never a mix.
 */
export async function rebuildDurations(maintenance: DurationMaintenance, userId: string): Promise<void> {
  await rewriteDurations(maintenance, userId, async (context) => {
    const { trx } = context;
    const user = await trx
      .selectFrom('users')
      .select('timeout_ms')
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return;
    // Marks present now are covered by the rebuild; ones added while it runs stay for the next flush.
    const marks = await dirtyMarks(trx, userId);
    await trx.deleteFrom('durations').where('user_id', '=', userId).execute();
    for (const tool of await toolsWithEvents(trx, userId)) {
      await recomputeSpan(context, tool, ALL_TIME, user.timeout_ms);
    }
    await clearMarks(trx, userId, marks);
  });
}
