import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Dimensions, type DurationInterval, MINUTE_MS } from './activity.ts';
import { dayBuckets } from './day-buckets.ts';
import { computeDurations } from './durations.ts';
import { type Summary, summarize, UNKNOWN_KEY } from './summarize.ts';
import {
  BASE_MS,
  dimsArb,
  eventArb,
  shuffledWithDuplicates,
  timeoutArb,
  unionLength,
} from './test-support.ts';

const RUNS = { numRuns: 300 };

// Start points just before DST changes in the zones below, so ranges often contain 23/24.5/25-hour days.
const ANCHORS_MS = [
  Date.parse('2026-03-27T20:00:00Z'),
  Date.parse('2026-10-23T20:00:00Z'),
  Date.parse('2026-03-06T20:00:00Z'),
  Date.parse('2026-04-03T10:00:00Z'),
];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];

interface Scenario {
  intervals: DurationInterval[];
  fromMs: number;
  toMs: number;
  timeZone: string;
}

const intervalArb = (anchorMs: number): fc.Arbitrary<DurationInterval> =>
  fc
    .record({
      startMin: fc.integer({ min: -120, max: 4 * 24 * 60 }),
      lengthMin: fc.integer({ min: 0, max: 30 * 60 }),
      eventCount: fc.integer({ min: 1, max: 5 }),
      dims: dimsArb,
    })
    .map(({ startMin, lengthMin, eventCount, dims }) => ({
      startMs: anchorMs + startMin * MINUTE_MS,
      endMs: anchorMs + (startMin + lengthMin) * MINUTE_MS,
      eventCount,
      dims,
    }));

const scenarioArb: fc.Arbitrary<Scenario> = fc.constantFrom(...ANCHORS_MS).chain((anchorMs) =>
  fc.record({
    intervals: fc.array(intervalArb(anchorMs), { maxLength: 30, size: 'medium' }),
    fromMs: fc.integer({ min: 0, max: 24 * 60 }).map((min) => anchorMs + min * MINUTE_MS),
    toMs: fc.integer({ min: 24 * 60 + 1, max: 4 * 24 * 60 }).map((min) => anchorMs + min * MINUTE_MS),
    timeZone: fc.constantFrom(...ZONES),
  }),
);

type KeyOf = (dims: Dimensions) => string;
const KEYS: Record<'byTool' | 'byProject' | 'byLanguage' | 'byCategory' | 'byBranch' | 'byMachine', KeyOf> = {
  byTool: (d) => d.tool,
  byProject: (d) => d.project ?? UNKNOWN_KEY,
  byLanguage: (d) => d.language ?? UNKNOWN_KEY,
  byCategory: (d) => d.category,
  byBranch: (d) => d.branch ?? UNKNOWN_KEY,
  byMachine: (d) => d.machine ?? UNKNOWN_KEY,
};

/** The obvious, slow reference: clip, group, sort-and-merge per key. */
function reference({ intervals, fromMs, toMs, timeZone }: Scenario): Summary {
  const clip = (list: readonly DurationInterval[], a: number, b: number) =>
    list.map((i) => ({ startMs: Math.max(i.startMs, a), endMs: Math.min(i.endMs, b) }));
  const perKey = (list: readonly DurationInterval[], keyOf: KeyOf, a: number, b: number) => {
    const out: Record<string, number> = {};
    for (const key of new Set(list.map((i) => keyOf(i.dims)))) {
      const ms = unionLength(
        clip(
          list.filter((i) => keyOf(i.dims) === key),
          a,
          b,
        ),
      );
      if (ms > 0) out[key] = ms;
    }
    return out;
  };
  const totalMs = unionLength(clip(intervals, fromMs, toMs));
  const byTool = perKey(intervals, KEYS.byTool, fromMs, toMs);
  return {
    totalMs,
    parallelMs: Object.values(byTool).reduce((a, b) => a + b, 0) - totalMs,
    byTool,
    byProject: perKey(intervals, KEYS.byProject, fromMs, toMs),
    byLanguage: perKey(intervals, KEYS.byLanguage, fromMs, toMs),
    byCategory: perKey(intervals, KEYS.byCategory, fromMs, toMs),
    byBranch: perKey(intervals, KEYS.byBranch, fromMs, toMs),
    byMachine: perKey(intervals, KEYS.byMachine, fromMs, toMs),
    byDay: dayBuckets(fromMs, toMs, timeZone).map((day) => ({
      date: day.date,
      totalMs: unionLength(clip(intervals, day.startMs, day.endMs)),
      byTool: perKey(intervals, KEYS.byTool, day.startMs, day.endMs),
      byProject: perKey(intervals, KEYS.byProject, day.startMs, day.endMs),
    })),
  };
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

describe('summarize properties', () => {
  it('equals a brute-force reference', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        expect(summarize(scenario.intervals, scenario)).toEqual(reference(scenario));
      }),
      RUNS,
    );
  });

  it('shuffling and repeating intervals changes nothing', () => {
    fc.assert(
      fc.property(
        scenarioArb.chain((s) => fc.tuple(fc.constant(s), shuffledWithDuplicates(s.intervals))),
        ([scenario, variant]) => {
          expect(summarize(variant, scenario)).toEqual(summarize(scenario.intervals, scenario));
        },
      ),
      RUNS,
    );
  });

  it('the union total lies between the largest tool and the sum of tools; days add up to the total', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const summary = summarize(scenario.intervals, scenario);
        const tools = Object.values(summary.byTool);
        expect(summary.totalMs).toBeLessThanOrEqual(sum(summary.byTool));
        expect(summary.totalMs).toBeGreaterThanOrEqual(Math.max(0, ...tools));
        expect(summary.parallelMs).toBe(sum(summary.byTool) - summary.totalMs);
        expect(summary.parallelMs).toBeGreaterThanOrEqual(0);
        expect(summary.byDay.reduce((a, day) => a + day.totalMs, 0)).toBe(summary.totalMs);
        for (const key of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
          for (const ms of Object.values(summary[key])) {
            expect(ms).toBeGreaterThan(0);
            expect(ms).toBeLessThanOrEqual(summary.totalMs);
          }
        }
        for (const [tool, ms] of Object.entries(summary.byTool)) {
          expect(summary.byDay.reduce((a, day) => a + (day.byTool[tool] ?? 0), 0)).toBe(ms);
        }
        for (const [project, ms] of Object.entries(summary.byProject)) {
          expect(summary.byDay.reduce((a, day) => a + (day.byProject[project] ?? 0), 0)).toBe(ms);
        }
      }),
      RUNS,
    );
  });

  it('events → durations → summary ignores event order and repeated events', () => {
    // Events lie within 4 h of BASE_MS; ranges may cut through them.
    const rangeArb = fc.record({
      fromMs: fc.integer({ min: -60, max: 120 }).map((min) => BASE_MS + min * MINUTE_MS),
      lengthMs: fc.integer({ min: 1, max: 48 * 60 }).map((min) => min * MINUTE_MS),
      timeZone: fc.constantFrom(...ZONES),
    });
    fc.assert(
      fc.property(
        fc
          .array(eventArb(), { maxLength: 40, size: 'medium' })
          .chain((events) => fc.tuple(fc.constant(events), shuffledWithDuplicates(events))),
        timeoutArb,
        rangeArb,
        ([events, variant], timeoutMs, { fromMs, lengthMs, timeZone }) => {
          const range = { fromMs, toMs: fromMs + lengthMs, timeZone };
          const expected = summarize(computeDurations(events, { timeoutMs }), range);
          expect(summarize(computeDurations(variant, { timeoutMs }), range)).toEqual(expected);
        },
      ),
      RUNS,
    );
  });
});
