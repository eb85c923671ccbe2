export interface CalendarCell {
  date: string;
  seconds: number;
  /** 0 = nothing, 1–4 = quarters of the busiest day. */
  level: number;
}

export interface CalendarGrid {
  /** Columns of seven days, Monday first; null where the window has no day (after today). */
  weeks: Array<Array<CalendarCell | null>>;
  /** Week column where each month's first day falls, for labels. */
  months: Array<{ week: number; label: string }>;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 0 for no time; otherwise which quarter of the maximum a value reaches (1–4). */
export function levelOf(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4)));
}

/**
 * A year calendar from consecutive days starting on a Monday (the `by_day` of a stats query over
 * `yearWindow()`): day i is weekday i % 7 of week ⌊i / 7⌋. The last week is padded with nulls.
 */
export function calendarGrid(days: ReadonlyArray<{ date: string; seconds: number }>): CalendarGrid {
  const maxSeconds = days.reduce((max, day) => Math.max(max, day.seconds), 0);
  const weeks: CalendarGrid['weeks'] = [];
  const months: CalendarGrid['months'] = [];
  days.forEach((day, index) => {
    const week = Math.floor(index / 7);
    weeks[week] ??= [];
    weeks[week]!.push({ date: day.date, seconds: day.seconds, level: levelOf(day.seconds, maxSeconds) });
    if (day.date.endsWith('-01') || index === 0) {
      months.push({ week, label: MONTHS[Number(day.date.slice(5, 7)) - 1]! });
    }
  });
  // A partial first month whose label would run into the next month's is left unlabelled.
  if (months.length > 1 && months[1]!.week - months[0]!.week < 3) months.shift();
  const last = weeks.at(-1);
  while (last && last.length < 7) last.push(null);
  return { weeks, months };
}
