import { toIsoInZone } from '@devtime/core';

const HOUR_MS = 3_600_000;
const OFFSET = /(Z|([+-])(\d\d):(\d\d))$/;

/**
 * `toIsoInZone` for many instants in time order, as the raw export needs: resolving the zone offset is
 * ~14 µs a call, which made it the largest cost of exporting a year. The offset is resolved once per UTC
 * hour and reused while it holds; an hour whose start and end differ (a DST change inside it) formats
 * every instant the slow, exact way. Output is identical to `toIsoInZone`.
 */
export function zonedIsoFormatter(timeZone: string): (ms: number) => string {
  let hour = Number.NaN;
  let suffix: string | null = null;
  let offsetMs = 0;
  return (ms) => {
    const currentHour = Math.floor(ms / HOUR_MS);
    if (currentHour !== hour) {
      hour = currentHour;
      const start = offsetOf(toIsoInZone(hour * HOUR_MS, timeZone));
      const end = offsetOf(toIsoInZone((hour + 1) * HOUR_MS - 1, timeZone));
      suffix = start && end && start.suffix === end.suffix ? start.suffix : null;
      offsetMs = start?.offsetMs ?? 0;
    }
    if (suffix === null) return toIsoInZone(ms, timeZone);
    // The wall-clock time is the UTC rendering of the instant shifted by the offset.
    const local = new Date(ms + offsetMs).toISOString();
    return `${local.slice(0, ms % 1000 === 0 ? 19 : 23)}${suffix}`;
  };
}

function offsetOf(iso: string): { suffix: string; offsetMs: number } | null {
  const match = OFFSET.exec(iso);
  if (!match) return null;
  if (match[1] === 'Z') return { suffix: 'Z', offsetMs: 0 };
  const minutes = Number(match[3]) * 60 + Number(match[4]);
  return { suffix: match[1]!, offsetMs: (match[2] === '-' ? -1 : 1) * minutes * 60_000 };
}
