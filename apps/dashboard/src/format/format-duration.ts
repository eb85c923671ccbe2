/**
 * Durations as people read them on a dashboard: "3h 05m", "45m", "30s". Whole minutes are floored, not
 * rounded, so a figure never shows more time than the API reported (59.9 s stays "59s", not "1m").
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds}s`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours === 0) return `${minutes}m`;
  return `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

/** Chart values in hours (the stacked charts scale seconds to hours) as a duration. */
export function formatHours(hours: number): string {
  return formatDuration(hours * 3600);
}

/** Axis labels: hours with one decimal below 10 h ("2.5h"), whole hours above. */
export function formatHoursAxis(hours: number): string {
  if (hours === 0) return '0';
  return hours < 10 ? `${Number(hours.toFixed(1))}h` : `${Math.round(hours)}h`;
}
