import { computeDurations, type Summary, summarize } from '@devtime/core';
import type { Store } from '@devtime/storage';

/** Events this far before a range can reach into it (as the API's recompute path reads them). */
const LOOKBACK_MS = 12 * 3_600_000;

export interface RawStatsTiming {
  events: number;
  intervals: number;
  readEventsMs: number;
  computeDurationsMs: number;
  summarizeMs: number;
  totalMs: number;
  summary: Summary;
}

/** The baseline: a range's stats recomputed from raw heartbeats, as if nothing were materialised. */
export async function statsFromRawEvents(
  store: Store,
  userId: string,
  range: { fromMs: number; toMs: number; timeZone: string; timeoutMs: number },
): Promise<RawStatsTiming> {
  const t0 = performance.now();
  const events = await store.readEvents(userId, {
    fromMs: range.fromMs - LOOKBACK_MS - range.timeoutMs,
    toMs: range.toMs + range.timeoutMs,
  });
  const t1 = performance.now();
  const intervals = computeDurations(events, { timeoutMs: range.timeoutMs });
  const t2 = performance.now();
  const summary = summarize(intervals, range);
  const t3 = performance.now();
  return {
    events: events.length,
    intervals: intervals.length,
    readEventsMs: t1 - t0,
    computeDurationsMs: t2 - t1,
    summarizeMs: t3 - t2,
    totalMs: t3 - t0,
    summary,
  };
}

export interface MaterialisedStatsTiming {
  rows: number;
  readDurationsMs: number;
  summarizeMs: number;
  totalMs: number;
  summary: Summary;
}

/** What the API does for a stats read, minus HTTP, auth and JSON: materialised rows + summarize. */
export async function statsFromDurations(
  store: Store,
  userId: string,
  range: { fromMs: number; toMs: number; timeZone: string },
): Promise<MaterialisedStatsTiming> {
  const t0 = performance.now();
  const intervals = await store.readDurations(userId, { fromMs: range.fromMs, toMs: range.toMs });
  const t1 = performance.now();
  const summary = summarize(intervals, range);
  const t2 = performance.now();
  return {
    rows: intervals.length,
    readDurationsMs: t1 - t0,
    summarizeMs: t2 - t1,
    totalMs: t2 - t0,
    summary,
  };
}
