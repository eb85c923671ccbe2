/** "3 hrs 12 mins", as WakaTime's status bars write it. */
export function formatDuration(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (hours === 0) return part(rest, 'min');
  return rest === 0 ? part(hours, 'hr') : `${part(hours, 'hr')} ${part(rest, 'min')}`;
}
