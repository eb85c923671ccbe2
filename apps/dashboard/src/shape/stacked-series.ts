/** One day's values per key (tool, project, model, …), e.g. a `by_day` entry of `GET /api/stats`. */
export interface DayValues {
  date: string;
  values: Record<string, number>;
}

export interface StackedSeries {
  /** Local dates, the x axis. */
  dates: string[];
  /** Bottom to top. `values` per day as given; `cumulative` adds every series below it, for stacking. */
  series: Array<{ key: string; values: number[]; cumulative: number[] }>;
  /** Per-day sum of all series (the top of the stack). */
  totals: number[];
}

/** Parenthesised so it cannot collide with a project or tool named "other". */
export const OTHER_KEY = '(other)';

/**
 * Stacks per-day values into at most `maxSeries` series: the largest keys by `ranking` (the range-wide
 * breakdown, so colours follow the breakdown list) and one "other" for the rest, largest at the bottom.
 * `scale` converts units (seconds → hours). The chart library draws the cumulative series back to front.
 */
export function stackDays(
  days: readonly DayValues[],
  ranking: Record<string, number>,
  options: { maxSeries?: number; scale?: number } = {},
): StackedSeries {
  const maxSeries = options.maxSeries ?? 6;
  const scale = options.scale ?? 1;
  const ranked = Object.entries(ranking)
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key]) => key);
  const shown = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const keys = ranked.length > shown.length ? [...shown, OTHER_KEY] : shown;
  const indexOf = new Map(shown.map((key, index) => [key, index]));
  const otherIndex = keys.length > shown.length ? keys.length - 1 : -1;
  const values = keys.map(() => new Array<number>(days.length).fill(0));
  days.forEach((day, d) => {
    for (const [key, value] of Object.entries(day.values)) {
      const index = indexOf.get(key) ?? otherIndex;
      if (index >= 0) values[index]![d]! += value * scale;
    }
  });
  const running = new Array<number>(days.length).fill(0);
  const series = keys.map((key, s) => {
    const cumulative = values[s]!.map((value, d) => (running[d]! += value));
    return { key, values: values[s]!, cumulative };
  });
  return { dates: days.map((day) => day.date), series, totals: running };
}
