import { computeDurations, type DurationInterval } from '@devtime/core';
import { AGENT_TURN_MAX_MS } from '@devtime/storage';
import type { ApiDeps } from '../context.ts';
import type { ResolvedQuery } from './resolve-query.ts';

/** Intervals for a query: the materialised table normally, a recompute from events for another timeout. */
export async function readIntervals(
  deps: ApiDeps,
  userId: string,
  query: ResolvedQuery,
): Promise<DurationInterval[]> {
  if (query.usesMaterialised) {
    await deps.flusher.flushUser(userId);
    return deps.store.readDurations(userId, query);
  }
  // The longest event (an agent turn, clipped by storage) can reach into the range from this far back.
  const events = await deps.store.readEvents(userId, {
    fromMs: query.fromMs - AGENT_TURN_MAX_MS - query.timeoutMs,
    toMs: query.toMs + query.timeoutMs,
    tool: query.tool,
  });
  // Filter by project after joining, so gaps are attributed exactly as in the materialised table.
  const intervals = computeDurations(events, { timeoutMs: query.timeoutMs });
  return query.project === undefined ? intervals : intervals.filter((i) => i.dims.project === query.project);
}
