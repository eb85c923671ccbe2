import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';

/**
 * A moment as "2026-03-09 09:04" in the user's zone (the API's `range.timezone`), never the browser's:
 * the two differ when someone looks at their data from another place.
 */
export function formatLocalDateTime(timeMs: number, timeZone: string): string {
  return format(new TZDate(timeMs, timeZone), 'yyyy-MM-dd HH:mm');
}
