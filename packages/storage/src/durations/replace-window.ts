import type { ActivityEvent, DurationInterval } from '@devtime/core';
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { countDistinct } from './distinct-events.ts';
import type { RewriteContext } from './rewrite-context.ts';
import { readToolRows, writeToolRows } from './stored-rows.ts';
import { countDistinctEvents } from './tool-events.ts';
import { mergeWithinDays, splitAtUtcDays } from './utc-days.ts';

/** A recomputed window of one tool: the intervals core gave for events in [loMs, followingMs). */
export interface RecomputedWindow {
  loMs: number;
  followingMs: number | null;
  intervals: readonly DurationInterval[];
  /** Every event of the tool in [loMs, followingMs) (the window's input). */
  events: readonly ActivityEvent[];
}

/**
 * Puts a recomputed window into the stored rows so they equal a full recompute. Rows inside
 * [loMs, followingMs) are replaced; rows crossing a seam are cut there; touching equal-dimension rows are
 * merged again (within a UTC day). Event counts need care at the seams, because core counts an event
 * that earned no time toward the interval ending exactly at its start:
 * - at loMs, that interval lies before the window, so the window's result cannot hold the count of
 *   loMs's events when they earn nothing now; and the stored row ending at loMs may hold it from before.
 * - at followingMs, the events there may earn nothing and count toward the window's last interval.
 * A stored row `[s, e)` holds the distinct events starting in it plus, when the events at `e` earn no
 * time, those; a row is never cut at an event that earns nothing, since no row contains such an instant.
 */
export async function replaceWindow(
  context: RewriteContext,
  tool: string,
  window: RecomputedWindow,
): Promise<void> {
  const { trx, userId } = context;
  const { loMs, followingMs, events } = window;
  const stored = await readToolRows(trx, userId, tool, loMs, followingMs);
  const contains = (row: DurationInterval, ms: number) => row.startMs <= ms && ms < row.endMs;

  const loCount = countDistinct(events.filter((event) => event.timeMs === loMs));
  const loCountedBefore = stored.some((row) => contains(row, loMs)) ? 0 : loCount;
  const loCountedNow = window.intervals[0]?.startMs === loMs ? 0 : loCount;

  const pieces: DurationInterval[] = [];
  for (const row of stored) {
    if (row.startMs < loMs && row.endMs === loMs) {
      pieces.push({ ...row, eventCount: row.eventCount - loCountedBefore + loCountedNow });
    } else if (row.startMs < loMs) {
      const before = await countDistinctEvents(trx, userId, tool, { fromMs: row.startMs, toMs: loMs });
      pieces.push({ ...row, endMs: loMs, eventCount: before + loCountedNow });
    }
    if (followingMs !== null && row.endMs > followingMs) {
      pieces.push(row.startMs >= followingMs ? row : await cutStart(trx, userId, tool, row, followingMs));
    }
  }

  const countIn = (fromMs: number, toMs: number) =>
    countDistinct(events.filter((event) => event.timeMs >= fromMs && event.timeMs < toMs));
  const fresh = window.intervals.flatMap((interval) => splitAtUtcDays(interval, countIn));
  const last = fresh.at(-1);
  if (
    followingMs !== null &&
    last?.endMs === followingMs &&
    !stored.some((row) => contains(row, followingMs))
  ) {
    // followingMs's events earn no time, so they count toward the interval ending at them: ours.
    const atFollowing = { fromMs: followingMs, toMs: followingMs, toInclusive: true };
    fresh[fresh.length - 1] = {
      ...last,
      eventCount: last.eventCount + (await countDistinctEvents(trx, userId, tool, atFollowing)),
    };
  }
  pieces.push(...fresh);
  pieces.sort((a, b) => a.startMs - b.startMs);
  await writeToolRows(context, tool, stored, mergeWithinDays(pieces));
}

/** The part of a stored row from `startMs` on, with its event count worked out from the events. */
async function cutStart(
  trx: Transaction<Database>,
  userId: string,
  tool: string,
  row: DurationInterval,
  startMs: number,
): Promise<DurationInterval> {
  let eventCount = await countDistinctEvents(trx, userId, tool, { fromMs: startMs, toMs: row.endMs });
  const next = await trx
    .selectFrom('durations')
    .select('start_ms')
    .where('user_id', '=', userId)
    .where('tool', '=', tool)
    .where('start_ms', '=', row.endMs)
    .executeTakeFirst();
  // No row starts where this one ends: events there earned no time and were counted here.
  if (!next) {
    eventCount += await countDistinctEvents(trx, userId, tool, {
      fromMs: row.endMs,
      toMs: row.endMs,
      toInclusive: true,
    });
  }
  return { ...row, startMs, eventCount };
}
