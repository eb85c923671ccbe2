import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { formatRFC3339 } from 'date-fns/formatRFC3339';
import { startOfDay } from 'date-fns/startOfDay';

// Constructing an Intl.DateTimeFormat costs tens of microseconds; remember zones already found valid
// (invalid ones are not kept, so junk input cannot grow this).
const validZones = new Set<string>();
const MAX_REMEMBERED_ZONES = 1000;

/** True for an IANA zone name (any case, e.g. "Europe/Berlin", "UTC") or a UTC offset like "+05:30". */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  if (validZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return false;
  }
  if (validZones.size < MAX_REMEMBERED_ZONES) validZones.add(timeZone);
  return true;
}

/** Throws RangeError: time zones reaching the pure functions must already have been validated. */
export function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Invalid time zone: ${JSON.stringify(timeZone)}`);
}

/** The instant as a date-fns-compatible date whose calendar fields are those of `timeZone`. */
export function inZone(ms: number, timeZone: string): TZDate {
  assertTimeZone(timeZone);
  return new TZDate(ms, timeZone);
}

/** 'YYYY-MM-DD' of the local calendar day containing the instant. */
export function formatLocalDate(ms: number, timeZone: string): string {
  return localDateOf(inZone(ms, timeZone));
}

export function localDateOf(date: TZDate): string {
  const year = String(date.getFullYear()).padStart(4, '0');
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/**
 * ISO-8601 with the zone's offset at that instant, e.g. `2026-03-29T00:00:00+01:00` (`Z` for a zero
 * offset). Milliseconds appear only when non-zero, so whole-second instants stay short and none is lost.
 */
export function toIsoInZone(ms: number, timeZone: string): string {
  const date = inZone(ms, timeZone);
  return ms % 1000 === 0 ? formatISO(date) : formatRFC3339(date, { fractionDigits: 3 });
}

/** Start of the local day containing the instant (01:00 on days whose midnight is skipped by DST). */
export function startOfLocalDay(ms: number, timeZone: string): number {
  return startOfDay(inZone(ms, timeZone)).getTime();
}

/** Start of the local day after the one containing the instant. */
export function nextLocalMidnight(ms: number, timeZone: string): number {
  return startOfDay(addDays(startOfDay(inZone(ms, timeZone)), 1)).getTime();
}
