import { describe, expect, it } from 'vitest';
import { type ActivityEvent, type Dimensions, MINUTE_MS } from './activity.ts';
import { BASE_MS, dims, eventAt, totalMs } from './test-support.ts';
import { computeToolDurations } from './tool-durations.ts';

const A: Partial<Dimensions> = { language: 'TypeScript' };
const B: Partial<Dimensions> = { language: 'Go' };
const m = (minutes: number) => BASE_MS + minutes * MINUTE_MS;

/** Expected interval: [startMin, endMin, eventCount, dims overrides]. */
type Expected = [startMin: number, endMin: number, eventCount: number, overrides?: Partial<Dimensions>];

interface Case {
  name: string;
  events: ActivityEvent[];
  timeoutMin: number;
  expected: Expected[];
  followingEventMs?: number | null;
  priorCoverEndMs?: number | null;
}

const cases: Case[] = [
  {
    name: "WakaTime's example, 10-minute timeout: the 13-minute break counts nothing",
    events: [eventAt(0), eventAt(1), eventAt(2), eventAt(15), eventAt(16)],
    timeoutMin: 10,
    expected: [
      [0, 2, 3],
      [15, 16, 2],
    ],
  },
  {
    name: "WakaTime's example, 15-minute timeout: the break counts in full",
    events: [eventAt(0), eventAt(1), eventAt(2), eventAt(15), eventAt(16)],
    timeoutMin: 15,
    expected: [[0, 16, 5]],
  },
  {
    name: 'a gap exactly equal to the timeout counts',
    events: [eventAt(0), eventAt(15)],
    timeoutMin: 15,
    expected: [[0, 15, 2]],
  },
  {
    name: 'a single heartbeat counts nothing',
    events: [eventAt(0)],
    timeoutMin: 15,
    expected: [],
  },
  {
    name: 'an event with a 12-minute duration alone counts 12 minutes',
    events: [eventAt(0, 12)],
    timeoutMin: 15,
    expected: [[0, 12, 1]],
  },
  {
    name: 'a duration longer than the timeout still counts in full',
    events: [eventAt(0, 40)],
    timeoutMin: 15,
    expected: [[0, 40, 1]],
  },
  {
    name: 'overlapping events with durations count their overlap once',
    events: [eventAt(0, 10), eventAt(5, 15)],
    timeoutMin: 15,
    expected: [[0, 20, 2]],
  },
  {
    name: 'an event nested inside a longer one adds nothing',
    events: [eventAt(0, 30), eventAt(10, 5)],
    timeoutMin: 15,
    expected: [[0, 30, 2]],
  },
  {
    name: 'heartbeats inside a long tool call take over from their start, up to the call end',
    events: [eventAt(0, 30, A), eventAt(5, 0, B), eventAt(10, 0, B)],
    timeoutMin: 15,
    expected: [
      [0, 5, 1, A],
      [5, 30, 2, B],
    ],
  },
  {
    name: 'a heartbeat within the timeout after a tool call ends joins it',
    events: [eventAt(0, 10), eventAt(25)],
    timeoutMin: 15,
    expected: [[0, 25, 2]],
  },
  {
    name: 'a heartbeat past the timeout after a tool call ends does not',
    events: [eventAt(0, 10), eventAt(26)],
    timeoutMin: 15,
    expected: [[0, 10, 1]],
  },
  {
    name: 'the gap is measured from the furthest end so far, not from the previous event',
    events: [eventAt(0, 30, A), eventAt(5, 0, B), eventAt(44)],
    timeoutMin: 15,
    expected: [
      [0, 5, 1, A],
      [5, 44, 2, B],
    ],
  },
  {
    name: 'switching file A → B attributes the gap to the earlier event',
    events: [eventAt(0, 0, A), eventAt(2, 0, A), eventAt(5, 0, B), eventAt(7, 0, B)],
    timeoutMin: 15,
    expected: [
      [0, 5, 2, A],
      [5, 7, 2, B],
    ],
  },
  {
    name: 'switching back and forth keeps separate intervals',
    events: [eventAt(0, 0, A), eventAt(3, 0, B), eventAt(6, 0, A), eventAt(9, 0, A)],
    timeoutMin: 15,
    expected: [
      [0, 3, 1, A],
      [3, 6, 1, B],
      [6, 9, 2, A],
    ],
  },
  {
    name: 'exact duplicates count once',
    events: [eventAt(0), eventAt(0), eventAt(5), eventAt(5)],
    timeoutMin: 15,
    expected: [[0, 5, 2]],
  },
  {
    name: 'events at the same instant: the canonically later one owns the time, both are counted',
    // Canonical order compares dimension keys; "Go" sorts before "TypeScript".
    events: [eventAt(0, 0, A), eventAt(0, 0, B), eventAt(5, 0, A)],
    timeoutMin: 15,
    expected: [[0, 5, 3, A]],
  },
  {
    name: 'events at the same instant with different durations are distinct; the longer one counts',
    events: [eventAt(0, 5), eventAt(0, 0)],
    timeoutMin: 15,
    expected: [[0, 5, 2]],
  },
  {
    name: 'a zero timeout counts only durations',
    events: [eventAt(0), eventAt(1, 2), eventAt(3), eventAt(10)],
    timeoutMin: 0,
    expected: [[1, 3, 2]],
  },
  {
    name: 'a negative duration counts as a heartbeat',
    events: [{ ...eventAt(0), durationMs: -5 * MINUTE_MS }, eventAt(4)],
    timeoutMin: 15,
    expected: [[0, 4, 2]],
  },
  {
    name: 'the last event of a window reaches the following event within the timeout',
    events: [eventAt(0)],
    timeoutMin: 15,
    followingEventMs: m(10),
    expected: [[0, 10, 1]],
  },
  {
    name: 'but not a following event past the timeout',
    events: [eventAt(0)],
    timeoutMin: 15,
    followingEventMs: m(20),
    expected: [],
  },
  {
    name: 'a window inside an earlier long event runs to that event end',
    events: [eventAt(10)],
    timeoutMin: 15,
    priorCoverEndMs: m(30),
    expected: [[10, 30, 1]],
  },
  {
    name: 'a prior cover end within the timeout before the next event is joined',
    events: [eventAt(10), eventAt(40)],
    timeoutMin: 15,
    priorCoverEndMs: m(30),
    expected: [[10, 40, 2]],
  },
];

describe('computeToolDurations', () => {
  it.each(cases)('$name', ({ events, timeoutMin, expected, followingEventMs, priorCoverEndMs }) => {
    const actual = computeToolDurations(events, {
      timeoutMs: timeoutMin * MINUTE_MS,
      followingEventMs,
      priorCoverEndMs,
    });
    expect(actual).toEqual(
      expected.map(([startMin, endMin, eventCount, overrides]) => ({
        startMs: m(startMin),
        endMs: m(endMin),
        eventCount,
        dims: dims(overrides),
      })),
    );
  });

  it('gives the same result for any input order', () => {
    const events = [eventAt(0, 0, A), eventAt(3, 4, B), eventAt(3, 0, A), eventAt(9), eventAt(30, 2, B)];
    const expected = computeToolDurations(events, { timeoutMs: 15 * MINUTE_MS });
    expect(computeToolDurations([...events].reverse(), { timeoutMs: 15 * MINUTE_MS })).toEqual(expected);
  });

  it.each([
    [15 * MINUTE_MS, 15 * MINUTE_MS],
    [15 * MINUTE_MS + 1, 0],
  ])('a gap of %i ms with a 15-minute timeout counts %i ms', (gapMs, expectedMs) => {
    const events = [eventAt(0), { ...eventAt(0), timeMs: BASE_MS + gapMs }];
    expect(totalMs(computeToolDurations(events, { timeoutMs: 15 * MINUTE_MS }))).toBe(expectedMs);
  });

  it('an infinite timeout joins every gap but never extends past the last event', () => {
    const events = [eventAt(0), eventAt(600), eventAt(601, 2)];
    expect(computeToolDurations(events, { timeoutMs: Number.POSITIVE_INFINITY })).toEqual([
      { startMs: m(0), endMs: m(603), eventCount: 3, dims: dims() },
    ]);
  });

  it('ignores events with a non-finite time', () => {
    const events = [eventAt(0), { ...eventAt(1), timeMs: Number.NaN }, eventAt(2)];
    expect(computeToolDurations(events, { timeoutMs: 15 * MINUTE_MS })).toEqual([
      { startMs: m(0), endMs: m(2), eventCount: 2, dims: dims() },
    ]);
  });

  it('rejects a negative timeout', () => {
    expect(() => computeToolDurations([eventAt(0)], { timeoutMs: -1 })).toThrow(RangeError);
  });
});
