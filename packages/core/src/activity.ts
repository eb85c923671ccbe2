/**
 * The vocabulary of time accounting. Everything here is plain data: no I/O, no clock, no timezone
 * lookups beyond what is passed in.
 */

/** What an interval of time is attributed to. `null` means unknown (e.g. no project detected). */
export interface Dimensions {
  tool: string;
  project: string | null;
  language: string | null;
  category: string;
  branch: string | null;
  machine: string | null;
}

/**
 * One thing that happened: an editor heartbeat (durationMs 0) or an agent turn/tool call with a known
 * duration. Times are Unix milliseconds.
 */
export interface ActivityEvent {
  timeMs: number;
  durationMs: number;
  dims: Dimensions;
}

/** A half-open interval [startMs, endMs) of time attributed to one set of dimensions. */
export interface DurationInterval {
  startMs: number;
  endMs: number;
  /** How many events started inside this interval (for sessions' event counts). */
  eventCount: number;
  dims: Dimensions;
}

export const MINUTE_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 15 * MINUTE_MS;

export function sameDimensions(a: Dimensions, b: Dimensions): boolean {
  return (
    a.tool === b.tool &&
    a.project === b.project &&
    a.language === b.language &&
    a.category === b.category &&
    a.branch === b.branch &&
    a.machine === b.machine
  );
}
