import { type DurationInterval, mergeTouchingIntervals } from '@devtime/core';

/**
 * Stored duration rows never cross a UTC midnight, so no row is longer than a day and a read for
 * [fromMs, toMs) can bound its index scan at `start_ms >= fromMs - DAY_MS`.
 */
export const DAY_MS = 86_400_000;

export function utcDayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Splits an interval at UTC midnights. Event counts follow core's rule (an event counts toward the
 * interval containing its start; a trailing event that earned no time counts toward the interval ending
 * at it): every piece but the last gets the events starting inside it, the last gets the rest.
 */
export function splitAtUtcDays(
  interval: DurationInterval,
  countEventsIn: (fromMs: number, toMs: number) => number,
): DurationInterval[] {
  if (utcDayOf(interval.startMs) === utcDayOf(interval.endMs - 1)) return [interval];
  const pieces: DurationInterval[] = [];
  let remaining = interval.eventCount;
  let startMs = interval.startMs;
  while (utcDayOf(startMs) !== utcDayOf(interval.endMs - 1)) {
    const endMs = (utcDayOf(startMs) + 1) * DAY_MS;
    const eventCount = countEventsIn(startMs, endMs);
    pieces.push({ startMs, endMs, eventCount, dims: interval.dims });
    remaining -= eventCount;
    startMs = endMs;
  }
  pieces.push({ startMs, endMs: interval.endMs, eventCount: remaining, dims: interval.dims });
  return pieces;
}

/** Merges touching rows with equal dimensions within one UTC day (rows sorted by start, disjoint). */
export function mergeWithinDays(rows: readonly DurationInterval[]): DurationInterval[] {
  return mergeTouchingIntervals(
    rows,
    (earlier, later) => utcDayOf(earlier.startMs) === utcDayOf(later.startMs),
  );
}
