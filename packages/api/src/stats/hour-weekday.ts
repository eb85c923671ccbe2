import { tzOffset } from '@date-fns/tz';
import type { DurationInterval } from '@devtime/core';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: day 0 of the epoch is weekday 3 when Monday is 0. */
const EPOCH_WEEKDAY = 3;

export interface HourWeekdayOptions {
  fromMs: number;
  toMs: number;
  timeZone: string;
}

/**
 * Total (union) time per local weekday (0 = Monday) and hour, in ms: `matrix[weekday][hour]`. Intervals of
 * parallel tools count once, as in `total_seconds`, so the matrix sums to the stats total of the range.
 * Each union piece is cut at local hour boundaries; the zone's offset is looked up once per hour cut,
 * which keeps DST days right (a 25-hour day has two 02:00 hours, both counted under hour 2).
 */
export function hourWeekdayMatrix(
  intervals: readonly DurationInterval[],
  options: HourWeekdayOptions,
): number[][] {
  const matrix = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [startMs, endMs] of unionPieces(intervals, options.fromMs, options.toMs)) {
    let atMs = startMs;
    while (atMs < endMs) {
      const offsetMs = tzOffset(options.timeZone, new Date(atMs)) * 60_000;
      const localMs = atMs + offsetMs;
      const hourStartLocalMs = Math.floor(localMs / HOUR_MS) * HOUR_MS;
      const nextMs = Math.min(endMs, hourStartLocalMs + HOUR_MS - offsetMs);
      const hour = Math.floor(localMs / HOUR_MS) - Math.floor(localMs / DAY_MS) * 24;
      const weekday = (((Math.floor(localMs / DAY_MS) + EPOCH_WEEKDAY) % 7) + 7) % 7;
      matrix[weekday]![hour]! += nextMs - atMs;
      atMs = nextMs;
    }
  }
  return matrix;
}

/** The union of the intervals clipped to [fromMs, toMs), as disjoint sorted [start, end) pieces. */
export function unionPieces(
  intervals: readonly DurationInterval[],
  fromMs: number,
  toMs: number,
): Array<[number, number]> {
  const clipped = intervals
    .map((i) => [Math.max(i.startMs, fromMs), Math.min(i.endMs, toMs)] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const pieces: Array<[number, number]> = [];
  for (const [start, end] of clipped) {
    const last = pieces.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else pieces.push([start, end]);
  }
  return pieces;
}
