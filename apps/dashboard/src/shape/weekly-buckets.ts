import type { DayValues } from './stacked-series.ts';

/** Ranges longer than this are charted by week: a bar per day would be a pixel wide and slow to draw. */
const MAX_DAILY_BARS = 92;
const DAY_MS = 86_400_000;

/** Monday of the calendar week holding a `YYYY-MM-DD` date (plain calendar arithmetic, no time zone). */
export function mondayOf(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Sums consecutive days into Monday-first weeks, each labelled with its Monday (the first week may start
 * before the range: it holds only the range's days). Values are sums of the API's daily values.
 */
export function weeklyBuckets(days: readonly DayValues[]): DayValues[] {
  const weeks: DayValues[] = [];
  for (const day of days) {
    const monday = mondayOf(day.date);
    let week = weeks.at(-1);
    if (week?.date !== monday) {
      week = { date: monday, values: {} };
      weeks.push(week);
    }
    for (const [key, value] of Object.entries(day.values)) week.values[key] = (week.values[key] ?? 0) + value;
  }
  return weeks;
}

/** Days as they are charted: per day, or per week once the range is longer than `MAX_DAILY_BARS` days. */
export function inChartBuckets(days: readonly DayValues[]): {
  buckets: readonly DayValues[];
  weekly: boolean;
} {
  const weekly = days.length > MAX_DAILY_BARS;
  return { buckets: weekly ? weeklyBuckets(days) : days, weekly };
}
