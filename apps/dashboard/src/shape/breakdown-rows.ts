export interface BreakdownRow {
  key: string;
  seconds: number;
  /** Of the range's total (union) time, 0–1. Breakdowns are unions too, so rows can add up to more. */
  share: number;
}

/** A breakdown record of `GET /api/stats` in the API's order (largest first), with shares of the total. */
export function breakdownRows(record: Record<string, number>, totalSeconds: number): BreakdownRow[] {
  return Object.entries(record).map(([key, seconds]) => ({
    key,
    seconds,
    share: totalSeconds > 0 ? Math.min(1, seconds / totalSeconds) : 0,
  }));
}
