import { describe, expect, it } from 'vitest';
import type { DurationInterval } from './activity.ts';
import { mergeTouchingIntervals } from './merge-touching.ts';
import { dims } from './test-support.ts';

const interval = (startMs: number, endMs: number, project = 'a', eventCount = 1): DurationInterval => ({
  startMs,
  endMs,
  eventCount,
  dims: dims({ project }),
});

describe('mergeTouchingIntervals', () => {
  it('joins touching equal-dimension neighbours, summing counts, and keeps gaps and switches apart', () => {
    const merged = mergeTouchingIntervals([
      interval(0, 10),
      interval(10, 20, 'a', 2),
      interval(20, 30, 'b'),
      interval(31, 40, 'b'),
    ]);
    expect(merged).toEqual([interval(0, 20, 'a', 3), interval(20, 30, 'b'), interval(31, 40, 'b')]);
  });

  it('lets the caller veto a join and never mutates its input', () => {
    const input = [interval(0, 10), interval(10, 20)];
    expect(mergeTouchingIntervals(input, (_, later) => later.startMs % 20 !== 10)).toEqual(input);
    mergeTouchingIntervals(input);
    expect(input[0]).toEqual(interval(0, 10));
  });
});
