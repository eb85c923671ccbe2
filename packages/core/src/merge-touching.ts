import { type DurationInterval, sameDimensions } from './activity.ts';

/**
 * Joins neighbours (in the given order) that touch (one ends where the next starts) and carry equal
 * dimensions, summing event counts: what a caller must do at the seam of two separately computed windows.
 * `mayJoin` can veto a join, e.g. to keep stored rows within one day. Inputs are never mutated.
 */
export function mergeTouchingIntervals(
  intervals: readonly DurationInterval[],
  mayJoin: (earlier: DurationInterval, later: DurationInterval) => boolean = () => true,
): DurationInterval[] {
  const out: DurationInterval[] = [];
  for (const interval of intervals) {
    const last = out.at(-1);
    if (
      last &&
      last.endMs === interval.startMs &&
      sameDimensions(last.dims, interval.dims) &&
      mayJoin(last, interval)
    ) {
      out[out.length - 1] = {
        ...last,
        endMs: interval.endMs,
        eventCount: last.eventCount + interval.eventCount,
      };
    } else {
      out.push(interval);
    }
  }
  return out;
}
