/**
 * "3 hrs 12 mins", as WakaTime's status bars write it; under a minute "42 secs", so the first minutes of
 * a day already show movement.
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 60) return part(seconds, 'sec');
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return part(rest, 'min');
  return rest === 0 ? part(hours, 'hr') : `${part(hours, 'hr')} ${part(rest, 'min')}`;
}
