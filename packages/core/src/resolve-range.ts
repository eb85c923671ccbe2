import { TZDate } from '@date-fns/tz';
import type { StatRange } from '@devtime/protocol';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { parseISO } from 'date-fns/parseISO';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';
import { err, ok, type Result } from './result.ts';
import { isValidTimeZone } from './time-zone.ts';

/** A query's time range: a named `range`, or `start` (and optionally `end`). Neither means today. */
export interface RangeInput {
  range?: string | undefined;
  /** `YYYY-MM-DD` (local midnight) or an ISO-8601 timestamp with `Z` or an offset (that instant). */
  start?: string | undefined;
  /** `YYYY-MM-DD` (inclusive: up to the next local midnight) or an ISO-8601 timestamp (exclusive instant). */
  end?: string | undefined;
}

export interface RangeOptions {
  nowMs: number;
  timeZone: string;
  /** 0 = Sunday, 1 = Monday (default). */
  weekStartsOn?: 0 | 1;
}

/** Half-open [fromMs, toMs). `name` is the named range, or null for start/end. */
export interface ResolvedRange {
  name: string | null;
  fromMs: number;
  toMs: number;
}

type Bounds = readonly [from: Date, to: Date];

// Keyed by protocol's StatRange so a range added there fails to compile here until it is implemented.
const NAMED_RANGES: Record<StatRange, (now: TZDate, weekStartsOn: 0 | 1) => Bounds> = {
  today: (now) => daysEndingToday(now, 1),
  yesterday: (now) => {
    const today = startOfDay(now);
    return [startOfDay(addDays(today, -1)), today];
  },
  week: (now, weekStartsOn) => {
    const from = startOfWeek(now, { weekStartsOn });
    return [from, startOfDay(addWeeks(from, 1))];
  },
  month: (now) => {
    const from = startOfMonth(now);
    return [from, startOfMonth(addMonths(from, 1))];
  },
  year: (now) => {
    const from = startOfYear(now);
    return [from, startOfYear(addYears(from, 1))];
  },
  last_7_days: (now) => daysEndingToday(now, 7),
  last_30_days: (now) => daysEndingToday(now, 30),
  all_time: (now) => [new Date(0), nextMidnight(now)],
};

/**
 * Resolves a stats query's range in the user's zone. Named ranges: today, yesterday, week/month/year (the
 * current calendar one, to its end), last_7_days/last_30_days (N local days ending with today), all_time
 * ([epoch, next midnight)). Never throws on bad input: returns `{ ok: false, error }`.
 */
export function resolveRange(input: RangeInput, options: RangeOptions): Result<ResolvedRange> {
  const { nowMs, timeZone, weekStartsOn = 1 } = options;
  if (!isValidTimeZone(timeZone)) return err(`unknown time zone ${JSON.stringify(timeZone)}`);
  if (!Number.isFinite(nowMs)) return err('now is not a valid time');
  const now = new TZDate(nowMs, timeZone);
  const { range, start, end } = input;

  if (range !== undefined) {
    if (start !== undefined || end !== undefined) return err('give either range or start/end, not both');
    if (!isStatRange(range)) return err(`unknown range ${JSON.stringify(range)}`);
    const [from, to] = NAMED_RANGES[range](now, weekStartsOn);
    return ok({ name: range, fromMs: from.getTime(), toMs: to.getTime() });
  }
  if (start === undefined) {
    if (end !== undefined) return err('end needs a start');
    const [from, to] = NAMED_RANGES.today(now, weekStartsOn);
    return ok({ name: 'today', fromMs: from.getTime(), toMs: to.getTime() });
  }

  const fromMs = parseBound(start, timeZone, 'start');
  if (!fromMs.ok) return fromMs;
  const toMs = end === undefined ? ok(nextMidnight(now).getTime()) : parseBound(end, timeZone, 'end');
  if (!toMs.ok) return toMs;
  if (toMs.value <= fromMs.value) return err('end must be after start');
  return ok({ name: null, fromMs: fromMs.value, toMs: toMs.value });
}

function isStatRange(range: string): range is StatRange {
  return Object.hasOwn(NAMED_RANGES, range);
}

function daysEndingToday(now: TZDate, dayCount: number): Bounds {
  const today = startOfDay(now);
  return [startOfDay(addDays(today, 1 - dayCount)), nextMidnight(now)];
}

function nextMidnight(date: TZDate): TZDate {
  return startOfDay(addDays(startOfDay(date), 1));
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant needs an explicit offset: a bare local time would be ambiguous around DST changes.
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

function parseBound(text: string, timeZone: string, which: 'start' | 'end'): Result<number> {
  const date = DATE_RE.exec(text);
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    // Noon always exists, so startOfDay from there finds the real day start even on a day whose
    // midnight DST skips.
    const noon = new TZDate(year, month - 1, day, 12, timeZone);
    if (noon.getFullYear() !== year || noon.getMonth() !== month - 1 || noon.getDate() !== day) {
      return err(`${which} is not a calendar date: ${JSON.stringify(text)}`);
    }
    const dayStart = startOfDay(noon);
    // An end date includes that whole day.
    return ok((which === 'end' ? nextMidnight(dayStart) : dayStart).getTime());
  }
  if (INSTANT_RE.test(text)) {
    const ms = parseISO(text).getTime();
    if (Number.isNaN(ms)) return err(`${which} is not a valid timestamp: ${JSON.stringify(text)}`);
    return ok(ms);
  }
  return err(`${which} must be YYYY-MM-DD or an ISO-8601 timestamp with Z or an offset`);
}
