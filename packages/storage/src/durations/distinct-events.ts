import { type ActivityEvent, dimensionKey } from '@devtime/core';

/**
 * Counts events the way core's duration computation does: exact duplicates (same time, duration and
 * dimensions) are one event.
 */
export function countDistinct(events: Iterable<ActivityEvent>): number {
  const keys = new Set<string>();
  for (const event of events) keys.add(`${event.timeMs}|${event.durationMs}|${dimensionKey(event.dims)}`);
  return keys.size;
}
