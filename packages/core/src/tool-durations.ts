import { type ActivityEvent, type Dimensions, type DurationInterval, sameDimensions } from './activity.ts';
import { dimensionKey } from './dimension-key.ts';

export interface ToolDurationOptions {
  /** Keystroke timeout: a gap up to this long counts in full toward the earlier event, a longer one not at all. */
  timeoutMs: number;
  /** Time of the first event of this tool after these events, when computing one window of a longer history. */
  followingEventMs?: number | null;
  /** Largest `timeMs + durationMs` of this tool's events before this window. */
  priorCoverEndMs?: number | null;
}

interface CanonicalEvent {
  timeMs: number;
  durationMs: number;
  dims: Dimensions;
  key: string;
}

/**
 * Turns the events of ONE tool into disjoint, sorted intervals with WakaTime's keystroke-timeout rule,
 * generalised to events that have durations:
 *
 * - time at an instant belongs to the latest event started at or before it;
 * - an event's own duration always counts; the gap after the furthest end seen so far counts in full when
 *   the next event comes within `timeoutMs`, and not at all otherwise;
 * - the last event counts only its own duration (a lone editor heartbeat counts 0).
 *
 * Input order never matters and exact duplicates count once. With `followingEventMs` and `priorCoverEndMs`
 * a window of the history gives exactly the intervals a full recompute gives for that window (touching
 * equal-dimension intervals at the seam still need merging by the caller).
 *
 * Event counts: an event counts toward the interval that contains its start; one that earns no time
 * (a lone final heartbeat, or one superseded at the same instant) counts toward the interval ending
 * exactly at its start, if any, else is dropped. A window that begins with such an event cannot see the
 * interval before the seam, so its count is dropped there; split windows where an event earns time.
 *
 * Events with a non-finite time are ignored; a negative or non-finite duration counts as 0.
 */
export function computeToolDurations(
  events: readonly ActivityEvent[],
  options: ToolDurationOptions,
): DurationInterval[] {
  const { timeoutMs } = options;
  if (!(timeoutMs >= 0)) throw new RangeError(`timeoutMs must be >= 0, got ${timeoutMs}`);
  const sorted = canonicalEvents(events);
  const out: DurationInterval[] = [];
  let coverEndMs = options.priorCoverEndMs ?? Number.NEGATIVE_INFINITY;
  // Counts of events at the same instant as a later event: that later event's interval contains their start.
  let pendingCount = 0;

  for (let i = 0; i < sorted.length; i++) {
    const event = sorted[i]!;
    const startMs = event.timeMs;
    const ownEndMs = startMs + event.durationMs;
    const nextMs = sorted[i + 1]?.timeMs ?? options.followingEventMs ?? Number.POSITIVE_INFINITY;
    const reachMs = Math.max(coverEndMs, ownEndMs);
    const joinsNext = nextMs !== Number.POSITIVE_INFINITY && nextMs - reachMs <= timeoutMs;
    // Not joining implies reachMs < nextMs - timeoutMs, so the segment never runs into the next event.
    const endMs = joinsNext ? nextMs : reachMs;
    coverEndMs = reachMs;
    const count = pendingCount + 1;
    pendingCount = 0;

    if (endMs > startMs) {
      appendSegment(out, startMs, endMs, count, event.dims);
    } else if (nextMs === startMs && i + 1 < sorted.length) {
      pendingCount = count;
    } else {
      attachToIntervalEndingAt(out, startMs, count);
    }
  }
  return out;
}

function canonicalEvents(events: readonly ActivityEvent[]): CanonicalEvent[] {
  const keyed: CanonicalEvent[] = [];
  for (const event of events) {
    if (!Number.isFinite(event.timeMs)) continue;
    const durationMs = Number.isFinite(event.durationMs) && event.durationMs > 0 ? event.durationMs : 0;
    keyed.push({ timeMs: event.timeMs, durationMs, dims: event.dims, key: dimensionKey(event.dims) });
  }
  keyed.sort(compareCanonical);
  const unique: CanonicalEvent[] = [];
  for (const event of keyed) {
    const last = unique.at(-1);
    if (last && compareCanonical(last, event) === 0) continue;
    unique.push(event);
  }
  return unique;
}

function compareCanonical(a: CanonicalEvent, b: CanonicalEvent): number {
  if (a.timeMs !== b.timeMs) return a.timeMs - b.timeMs;
  if (a.durationMs !== b.durationMs) return a.durationMs - b.durationMs;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function appendSegment(
  out: DurationInterval[],
  startMs: number,
  endMs: number,
  eventCount: number,
  dims: Dimensions,
): void {
  const last = out.at(-1);
  if (last && last.endMs === startMs && sameDimensions(last.dims, dims)) {
    last.endMs = endMs;
    last.eventCount += eventCount;
  } else {
    out.push({ startMs, endMs, eventCount, dims });
  }
}

function attachToIntervalEndingAt(out: DurationInterval[], atMs: number, eventCount: number): void {
  const last = out.at(-1);
  if (last && last.endMs === atMs) last.eventCount += eventCount;
}
