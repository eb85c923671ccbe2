import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { format } from 'date-fns/format';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';

/** The API's named ranges the picker offers (`GET /api/stats?range=`), in the picker's order. */
export const PRESETS = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'week', label: 'This week' },
  { id: 'last_7_days', label: 'Last 7 days' },
  { id: 'month', label: 'This month' },
  { id: 'last_30_days', label: 'Last 30 days' },
  { id: 'year', label: 'This year' },
] as const;

export type PresetId = (typeof PRESETS)[number]['id'];
export type RangeSelection =
  | { kind: 'preset'; id: PresetId }
  | { kind: 'custom'; start: string; end: string };

export const DEFAULT_RANGE: RangeSelection = { kind: 'preset', id: 'last_7_days' };
/** The server's weeks start on Monday (core's resolveRange default); the calendar follows it. */
const WEEK_STARTS_ON = 1;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The page query parameters a selection is kept in (`rangeQueryString`). */
export const RANGE_QUERY_NAMES = ['range', 'start', 'end'] as const;

/**
 * Query parameters for the API. Presets are sent by name so the server resolves them in the user's zone
 * with the same code as every other client; custom ranges are inclusive local dates.
 */
export function rangeParams(selection: RangeSelection): Record<string, string> {
  return selection.kind === 'preset'
    ? { range: selection.id }
    : { start: selection.start, end: selection.end };
}

/** The selection from the page's query string (`?range=` or `?start=&end=`); anything invalid → default. */
export function parseRangeQuery(query: Record<string, string | undefined>): RangeSelection {
  const preset = PRESETS.find((p) => p.id === query.range);
  if (preset) return { kind: 'preset', id: preset.id };
  const { start, end } = query;
  if (start && end && customRangeError(start, end) === null) return { kind: 'custom', start, end };
  return DEFAULT_RANGE;
}

export function rangeQueryString(selection: RangeSelection): string {
  return new URLSearchParams(rangeParams(selection)).toString();
}

/** Why a custom range is unusable, or null. Dates are `YYYY-MM-DD`, end inclusive. */
export function customRangeError(start: string, end: string): string | null {
  if (!DATE_RE.test(start) || Number.isNaN(Date.parse(start))) return 'Start must be a date.';
  if (!DATE_RE.test(end) || Number.isNaN(Date.parse(end))) return 'End must be a date.';
  if (end < start) return 'End must not be before start.';
  return null;
}

/** Today's local date in the zone, `YYYY-MM-DD`. */
export function localToday(nowMs: number, timeZone: string): string {
  return format(new TZDate(nowMs, timeZone), 'yyyy-MM-dd');
}

/** First and last local date (inclusive) a selection covers, as the server resolves it. */
export function selectionDates(
  selection: RangeSelection,
  nowMs: number,
  timeZone: string,
): { start: string; end: string } {
  if (selection.kind === 'custom') return { start: selection.start, end: selection.end };
  const now = new TZDate(nowMs, timeZone);
  const day = (date: Date) => format(date, 'yyyy-MM-dd');
  switch (selection.id) {
    case 'today':
      return { start: day(now), end: day(now) };
    case 'yesterday':
      return { start: day(addDays(now, -1)), end: day(addDays(now, -1)) };
    case 'week': {
      const from = startOfWeek(now, { weekStartsOn: WEEK_STARTS_ON });
      return { start: day(from), end: day(addDays(from, 6)) };
    }
    case 'last_7_days':
      return { start: day(addDays(now, -6)), end: day(now) };
    case 'month': {
      const from = startOfMonth(now);
      return {
        start: day(from),
        end: format(new TZDate(from.getFullYear(), from.getMonth() + 1, 0, timeZone), 'yyyy-MM-dd'),
      };
    }
    case 'last_30_days':
      return { start: day(addDays(now, -29)), end: day(now) };
    case 'year':
      return { start: day(startOfYear(now)), end: `${now.getFullYear()}-12-31` };
  }
}

/** Whether today's figures can still change, so the page should poll for them. */
export function includesToday(selection: RangeSelection, nowMs: number, timeZone: string): boolean {
  const today = localToday(nowMs, timeZone);
  const { start, end } = selectionDates(selection, nowMs, timeZone);
  return start <= today && today <= end;
}

/**
 * The calendar heatmap's window: 53 whole weeks ending with the current one, so the first column is full
 * and today sits in the last. `end` is today (the API refuses nothing in the future, but there is nothing).
 */
export function yearWindow(nowMs: number, timeZone: string): { start: string; end: string } {
  const now = new TZDate(nowMs, timeZone);
  const weekStart = startOfWeek(now, { weekStartsOn: WEEK_STARTS_ON });
  return { start: format(addWeeks(weekStart, -52), 'yyyy-MM-dd'), end: format(now, 'yyyy-MM-dd') };
}
