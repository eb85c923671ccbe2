import { type ActivityEvent, computeToolDurations } from '@devtime/core';
import type { TimeSpan } from '../dirty-ranges.ts';
import { replaceWindow } from './replace-window.ts';
import type { RewriteContext } from './rewrite-context.ts';
import { eventsIn, firstEventAfter, neighbours, turnCoverEndBefore } from './tool-events.ts';

/** Events per source loaded by one window at most (plus what long agent turns pull in). */
export const WINDOW_EVENT_LIMIT = 5_000;

/**
 * Brings one tool's stored durations up to date after its events changed within `span`, so they equal a
 * full recompute. Each window starts at the last event before the changes (`lo`: everything before it is
 * unaffected) and ends at the first event after them and after everything the window's events cover
 * (`following`); core computes the window given the coverage reaching in from before `lo` and the time
 * of `following`. A wide span is walked in windows of bounded size, each starting where the last ended.
 */
export async function recomputeSpan(
  context: RewriteContext,
  tool: string,
  span: TimeSpan,
  timeoutMs: number,
): Promise<void> {
  const { trx, userId, windowEventLimit } = context;
  let fromMs = span.fromMs;
  for (;;) {
    const near = await neighbours(trx, userId, tool, { fromMs, toMs: span.toMs }, windowEventLimit);
    const toMs = near.chunkEndMs !== null && near.chunkEndMs < span.toMs ? near.chunkEndMs : span.toMs;
    const loMs = near.lastBeforeMs ?? fromMs;
    // Heartbeats end where they start, so only agent turns can reach past loMs from before it.
    const priorCoverEndMs = near.turnBefore ? await turnCoverEndBefore(trx, userId, tool, loMs) : null;

    let hiMs = Math.max(toMs, priorCoverEndMs ?? toMs);
    let events = await eventsIn(trx, userId, tool, { fromMs: loMs, toMs: hiMs, toInclusive: true });
    // Events that run past hiMs cover time up to their end; the window must hold everything they cover.
    for (let endMs = furthestEnd(events); endMs > hiMs; endMs = furthestEnd(events)) {
      hiMs = endMs;
      events = await eventsIn(trx, userId, tool, { fromMs: loMs, toMs: hiMs, toInclusive: true });
    }
    const followingMs =
      hiMs === span.toMs ? near.firstAfterMs : await firstEventAfter(trx, userId, tool, hiMs);

    const intervals = computeToolDurations(events, {
      timeoutMs,
      followingEventMs: followingMs,
      priorCoverEndMs,
    });
    await replaceWindow(context, tool, { loMs, followingMs, intervals, events });
    if (followingMs === null || followingMs > span.toMs) return;
    fromMs = followingMs;
  }
}

function furthestEnd(events: readonly ActivityEvent[]): number {
  let endMs = Number.NEGATIVE_INFINITY;
  for (const event of events) endMs = Math.max(endMs, event.timeMs + event.durationMs);
  return endMs;
}
