import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { assertTimeZone, localDateOf } from './time-zone.ts';

/** One local calendar day, clipped to the requested range. */
export interface DayBucket {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  startMs: number;
  endMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The consecutive local days covering [fromMs, toMs), cut at local midnights, so a DST day is 23 or 25 h
 * long. The first and last bucket are clipped to fromMs/toMs. Empty when toMs <= fromMs.
 * Throws RangeError for an invalid zone or non-finite bounds (validate user input first).
 */
export function dayBuckets(fromMs: number, toMs: number, timeZone: string): DayBucket[] {
  assertTimeZone(timeZone);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw new RangeError(`dayBuckets needs finite bounds, got [${fromMs}, ${toMs})`);
  }
  const buckets: DayBucket[] = [];
  if (toMs <= fromMs) return buckets;
  // One date moved with setTime and read for each day start: a probe costs a single zone lookup,
  // where constructing a date costs two.
  const probe = startOfDay(new TZDate(fromMs, timeZone));
  let dayStartMs = probe.getTime();
  while (dayStartMs < toMs) {
    const date = localDateOf(probe);
    const nextStartMs = moveToFollowingDayStart(probe, timeZone);
    buckets.push({ date, startMs: Math.max(dayStartMs, fromMs), endMs: Math.min(nextStartMs, toMs) });
    dayStartMs = nextStartMs;
  }
  return buckets;
}

/** Moves `probe` from a day start to the next day start and returns that instant. */
function moveToFollowingDayStart(probe: TZDate, timeZone: string): number {
  const dayStartMs = probe.getTime();
  const dayOfMonth = probe.getDate();
  // Most days are 24 h long. Checking that guess against the zone's own wall clock is several times
  // cheaper than calendar arithmetic, which matters for a year of buckets per stats request; any day
  // where the guess is not a midnight (DST, skipped midnights) takes the calendar route.
  probe.setTime(dayStartMs + DAY_MS);
  if (
    probe.getHours() === 0 &&
    probe.getMinutes() === 0 &&
    probe.getSeconds() === 0 &&
    probe.getMilliseconds() === 0 &&
    probe.getDate() !== dayOfMonth
  ) {
    return probe.getTime();
  }
  const nextStartMs = startOfDay(addDays(new TZDate(dayStartMs, timeZone), 1)).getTime();
  if (!(nextStartMs > dayStartMs)) throw new RangeError(`No day start found after ${dayStartMs}`);
  probe.setTime(nextStartMs);
  return nextStartMs;
}
