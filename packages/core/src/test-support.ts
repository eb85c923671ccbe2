// Shared helpers for this package's tests (not exported from the package).
import fc from 'fast-check';
import { type ActivityEvent, type Dimensions, type DurationInterval, MINUTE_MS } from './activity.ts';

/** 2026-03-27T00:00:00Z: a few days before the EU switch to summer time. */
export const BASE_MS = Date.UTC(2026, 2, 27);

export function dims(overrides: Partial<Dimensions> = {}): Dimensions {
  return {
    tool: 'vscode',
    project: 'devtime',
    language: 'TypeScript',
    category: 'coding',
    branch: 'main',
    machine: 'laptop',
    ...overrides,
  };
}

/** An event `atMin` minutes after BASE_MS lasting `durationMin` minutes. */
export function eventAt(atMin: number, durationMin = 0, overrides: Partial<Dimensions> = {}): ActivityEvent {
  return { timeMs: BASE_MS + atMin * MINUTE_MS, durationMs: durationMin * MINUTE_MS, dims: dims(overrides) };
}

export function intervalOf(
  startMs: number,
  endMs: number,
  overrides: Partial<Dimensions> = {},
  eventCount = 1,
): DurationInterval {
  return { startMs, endMs, eventCount, dims: dims(overrides) };
}

export function totalMs(intervals: readonly DurationInterval[]): number {
  return intervals.reduce((sum, interval) => sum + interval.endMs - interval.startMs, 0);
}

/** Length of the union of [start, end) ranges, computed the obvious way (sort and merge). */
export function unionLength(ranges: readonly { startMs: number; endMs: number }[]): number {
  const sorted = ranges.filter((r) => r.endMs > r.startMs).sort((a, b) => a.startMs - b.startMs);
  let sum = 0;
  let runStart = Number.NEGATIVE_INFINITY;
  let runEnd = Number.NEGATIVE_INFINITY;
  for (const r of sorted) {
    if (r.startMs > runEnd) {
      if (runEnd > runStart) sum += runEnd - runStart;
      runStart = r.startMs;
      runEnd = r.endMs;
    } else {
      runEnd = Math.max(runEnd, r.endMs);
    }
  }
  if (runEnd > runStart) sum += runEnd - runStart;
  return sum;
}

export const dimsArb: fc.Arbitrary<Dimensions> = fc.record({
  tool: fc.constantFrom('vscode', 'claude-code', 'codex'),
  project: fc.constantFrom('devtime', 'site', null),
  language: fc.constantFrom('TypeScript', 'Go', null),
  category: fc.constantFrom('coding', 'debugging'),
  branch: fc.constantFrom('main', null),
  machine: fc.constantFrom('laptop', null),
});

/** Few distinct values, so equal neighbours (merging) and switches both happen often. */
export const toolDimsArb = (tool: string): fc.Arbitrary<Dimensions> =>
  fc.record({
    tool: fc.constant(tool),
    project: fc.constantFrom('devtime', null),
    language: fc.constantFrom('TypeScript', 'Go'),
    category: fc.constant('coding'),
    branch: fc.constant('main'),
    machine: fc.constant('laptop'),
  });

/**
 * Times within ~4 hours of BASE_MS on a minute grid, on a crowded half-hour minute grid (so events at
 * the same instant are common), or on a second grid.
 */
export const timeArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 0, max: 240 }).map((minute) => BASE_MS + minute * MINUTE_MS),
  fc.integer({ min: 0, max: 30 }).map((minute) => BASE_MS + minute * MINUTE_MS),
  fc.integer({ min: 0, max: 240 * 60 }).map((second) => BASE_MS + second * 1000),
);

/** Mostly heartbeats (0), sometimes a tool call or turn with a duration. */
export const durationArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 * 60 }).map((second) => second * 1000) },
);

export const eventArb = (dimensions: fc.Arbitrary<Dimensions> = dimsArb): fc.Arbitrary<ActivityEvent> =>
  fc.record({ timeMs: timeArb, durationMs: durationArb, dims: dimensions });

export const timeoutArb: fc.Arbitrary<number> = fc.constantFrom(0, MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS);

/** The input with some items repeated (as re-sent heartbeats would be), in a random order. */
export function shuffledWithDuplicates<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  if (items.length === 0) return fc.constant([]);
  return fc.array(fc.nat({ max: items.length - 1 }), { maxLength: items.length }).chain((repeats) => {
    const all = [...items, ...repeats.map((index) => items[index]!)];
    return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
  });
}
