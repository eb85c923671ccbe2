import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActivityEvent, type DurationInterval, sameDimensions } from './activity.ts';
import { dimensionKey } from './dimension-key.ts';
import { computeDurations } from './durations.ts';
import { mergeTouchingIntervals } from './merge-touching.ts';
import {
  eventArb,
  shuffledWithDuplicates,
  timeoutArb,
  toolDimsArb,
  totalMs,
  unionLength,
} from './test-support.ts';
import { computeToolDurations } from './tool-durations.ts';

const RUNS = { numRuns: 300 };

const eventsArb = fc.array(eventArb(), { maxLength: 40, size: 'medium' });
const toolEventsArb = fc.array(eventArb(toolDimsArb('vscode')), {
  minLength: 1,
  maxLength: 40,
  size: 'medium',
});

/** Canonical order and dedupe, as computeToolDurations sees its input. */
function canonical(events: readonly ActivityEvent[]): ActivityEvent[] {
  const keyOf = (e: ActivityEvent) => [e.timeMs, e.durationMs, dimensionKey(e.dims)] as const;
  const sorted = [...events].sort((a, b) => {
    const [ta, da, ka] = keyOf(a);
    const [tb, db, kb] = keyOf(b);
    return ta - tb || da - db || (ka < kb ? -1 : ka > kb ? 1 : 0);
  });
  return sorted.filter(
    (e, i) =>
      i === 0 ||
      e.timeMs !== sorted[i - 1]!.timeMs ||
      e.durationMs !== sorted[i - 1]!.durationMs ||
      !sameDimensions(e.dims, sorted[i - 1]!.dims),
  );
}

function msPerDims(intervals: readonly DurationInterval[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const i of intervals)
    totals.set(dimensionKey(i.dims), (totals.get(dimensionKey(i.dims)) ?? 0) + i.endMs - i.startMs);
  return totals;
}

/** Computes events[0..k) and events[k..n) as two windows and stitches them. */
function windowed(events: readonly ActivityEvent[], k: number, timeoutMs: number): DurationInterval[] {
  const before = events.slice(0, k);
  const after = events.slice(k);
  const first = computeToolDurations(before, { timeoutMs, followingEventMs: after[0]?.timeMs ?? null });
  const priorCoverEndMs = before.length ? Math.max(...before.map((e) => e.timeMs + e.durationMs)) : null;
  const second = computeToolDurations(after, { timeoutMs, priorCoverEndMs });
  return mergeTouchingIntervals([...first, ...second]);
}

describe('computeDurations properties', () => {
  it('shuffling the input and repeating events never changes the result', () => {
    fc.assert(
      fc.property(
        eventsArb.chain((events) => fc.tuple(fc.constant(events), shuffledWithDuplicates(events))),
        timeoutArb,
        ([events, variant], timeoutMs) => {
          expect(computeDurations(variant, { timeoutMs })).toEqual(computeDurations(events, { timeoutMs }));
        },
      ),
      RUNS,
    );
  });

  it('intervals are non-empty, sorted, disjoint per tool and merged where they touch with equal dims', () => {
    fc.assert(
      fc.property(eventsArb, timeoutArb, (events, timeoutMs) => {
        const intervals = computeDurations(events, { timeoutMs });
        for (let i = 1; i < intervals.length; i++) {
          expect(intervals[i]!.startMs).toBeGreaterThanOrEqual(intervals[i - 1]!.startMs);
        }
        const tools = new Set(events.map((e) => e.dims.tool));
        for (const tool of tools) {
          const own = intervals.filter((i) => i.dims.tool === tool);
          for (const [index, interval] of own.entries()) {
            expect(interval.endMs).toBeGreaterThan(interval.startMs);
            expect(interval.eventCount).toBeGreaterThanOrEqual(1);
            const next = own[index + 1];
            if (!next) continue;
            expect(next.startMs).toBeGreaterThanOrEqual(interval.endMs);
            if (next.startMs === interval.endMs) expect(sameDimensions(next.dims, interval.dims)).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it("every event's own duration is covered, and nothing lies before the first event of a tool", () => {
    fc.assert(
      fc.property(toolEventsArb, timeoutArb, (events, timeoutMs) => {
        const intervals = computeToolDurations(events, { timeoutMs });
        const covered = unionLength(intervals);
        const withOwnSpans = unionLength([
          ...intervals,
          ...events.map((e) => ({ startMs: e.timeMs, endMs: e.timeMs + e.durationMs })),
        ]);
        expect(withOwnSpans).toBe(covered);
        const firstMs = Math.min(...events.map((e) => e.timeMs));
        for (const interval of intervals) expect(interval.startMs).toBeGreaterThanOrEqual(firstMs);
        // Counts never exceed the distinct events.
        const counted = intervals.reduce((sum, i) => sum + i.eventCount, 0);
        expect(counted).toBeLessThanOrEqual(canonical(events).length);
      }),
      RUNS,
    );
  });

  it('a longer timeout never yields less time', () => {
    fc.assert(
      fc.property(toolEventsArb, timeoutArb, timeoutArb, (events, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        const short = totalMs(computeToolDurations(events, { timeoutMs: shorter }));
        expect(totalMs(computeToolDurations(events, { timeoutMs: longer }))).toBeGreaterThanOrEqual(short);
      }),
      RUNS,
    );
  });

  it('a window recomputed with followingEventMs/priorCoverEndMs equals the full recompute', () => {
    fc.assert(
      fc.property(
        toolEventsArb
          .map(canonical)
          .chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length }))),
        timeoutArb,
        ([events, k], timeoutMs) => {
          const full = computeToolDurations(events, { timeoutMs });
          const stitched = windowed(events, k, timeoutMs);
          expect(msPerDims(stitched)).toEqual(msPerDims(full));
          const shape = (list: DurationInterval[]) => list.map(({ eventCount: _, ...rest }) => rest);
          expect(shape(stitched)).toEqual(shape(full));
        },
      ),
      RUNS,
    );
  });

  it('split at a time boundary before an event that earns time, even event counts match', () => {
    fc.assert(
      fc.property(
        toolEventsArb
          .map(canonical)
          .chain((events) => fc.tuple(fc.constant(events), fc.nat({ max: events.length }))),
        timeoutArb,
        ([events, k], timeoutMs) => {
          const splitsTime = k === 0 || k === events.length || events[k - 1]!.timeMs < events[k]!.timeMs;
          fc.pre(splitsTime && (k === events.length || events[k]!.durationMs > 0));
          expect(windowed(events, k, timeoutMs)).toEqual(computeToolDurations(events, { timeoutMs }));
        },
      ),
      RUNS,
    );
  });
});
