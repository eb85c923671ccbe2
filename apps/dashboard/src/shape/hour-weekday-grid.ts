import { levelOf } from './calendar-heatmap.ts';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface HourWeekdayRow {
  weekday: string;
  cells: Array<{ hour: number; seconds: number; level: number }>;
  totalSeconds: number;
}

/** `seconds[weekday][hour]` from `GET /api/stats/hours` → rows of cells with levels of the busiest hour. */
export function hourWeekdayRows(seconds: readonly (readonly number[])[]): HourWeekdayRow[] {
  const max = Math.max(0, ...seconds.flat());
  return WEEKDAYS.map((weekday, w) => {
    const row = seconds[w] ?? [];
    const cells = Array.from({ length: 24 }, (_, hour) => {
      const value = row[hour] ?? 0;
      return { hour, seconds: value, level: levelOf(value, max) };
    });
    return { weekday, cells, totalSeconds: cells.reduce((sum, cell) => sum + cell.seconds, 0) };
  });
}
