import type { DurationInterval } from '@devtime/core';
import { describe, expect, it } from 'vitest';
import { hourWeekdayMatrix, unionPieces } from './hour-weekday.ts';

const dims = (tool: string) => ({
  tool,
  project: 'p',
  language: null,
  category: 'coding',
  branch: null,
  machine: null,
});
const interval = (start: string, end: string, tool = 'vscode'): DurationInterval => ({
  startMs: Date.parse(start),
  endMs: Date.parse(end),
  eventCount: 1,
  dims: dims(tool),
});
const MIN = 60_000;
const sum = (matrix: number[][]) => matrix.flat().reduce((a, b) => a + b, 0);

describe('hourWeekdayMatrix', () => {
  it('cuts at local hours and counts parallel tools once', () => {
    // Tuesday 2026-03-10, Berlin is UTC+1: 08:30–10:15 UTC is 09:30–11:15 local.
    const matrix = hourWeekdayMatrix(
      [
        interval('2026-03-10T08:30:00Z', '2026-03-10T10:15:00Z'),
        interval('2026-03-10T09:00:00Z', '2026-03-10T09:45:00Z', 'claude-code'),
      ],
      { fromMs: 0, toMs: Date.parse('2027-01-01T00:00:00Z'), timeZone: 'Europe/Berlin' },
    );
    expect(matrix[1]![9]).toBe(30 * MIN);
    expect(matrix[1]![10]).toBe(60 * MIN);
    expect(matrix[1]![11]).toBe(15 * MIN);
    expect(sum(matrix)).toBe(105 * MIN);
  });

  it('clips to the range and puts late evenings on the local weekday', () => {
    // Sunday 2026-03-15 23:30 in New York (UTC-4 after the March DST change) is Monday 03:30 UTC.
    const matrix = hourWeekdayMatrix([interval('2026-03-16T03:30:00Z', '2026-03-16T05:00:00Z')], {
      fromMs: Date.parse('2026-03-16T03:00:00Z'),
      toMs: Date.parse('2026-03-16T04:30:00Z'),
      timeZone: 'America/New_York',
    });
    expect(matrix[6]![23]).toBe(30 * MIN); // Sunday
    expect(matrix[0]![0]).toBe(30 * MIN); // Monday 00:00–00:30
    expect(sum(matrix)).toBe(60 * MIN);
  });

  it('counts both 02:00 hours of the night the clocks go back', () => {
    // Berlin 2026-10-25: 02:00–03:00 CEST (00:00Z) is followed by 02:00–03:00 CET (01:00Z).
    const matrix = hourWeekdayMatrix([interval('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z')], {
      fromMs: 0,
      toMs: Date.parse('2027-01-01T00:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(matrix[6]![2]).toBe(120 * MIN);
    expect(sum(matrix)).toBe(120 * MIN);
  });

  it('handles zones with half-hour offsets', () => {
    // Kolkata is UTC+5:30: 03:00–04:00Z is 08:30–09:30 local on Tuesday.
    const matrix = hourWeekdayMatrix([interval('2026-03-10T03:00:00Z', '2026-03-10T04:00:00Z')], {
      fromMs: 0,
      toMs: Date.parse('2027-01-01T00:00:00Z'),
      timeZone: 'Asia/Kolkata',
    });
    expect(matrix[1]![8]).toBe(30 * MIN);
    expect(matrix[1]![9]).toBe(30 * MIN);
  });
});

describe('unionPieces', () => {
  it('merges overlapping and touching intervals in any order', () => {
    const pieces = unionPieces(
      [
        interval('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z'),
        interval('2026-03-10T08:00:00Z', '2026-03-10T09:00:00Z'),
        interval('2026-03-10T09:00:00Z', '2026-03-10T09:30:00Z'),
      ],
      0,
      Number.MAX_SAFE_INTEGER,
    );
    expect(pieces).toEqual([
      [Date.parse('2026-03-10T08:00:00Z'), Date.parse('2026-03-10T09:30:00Z')],
      [Date.parse('2026-03-10T10:00:00Z'), Date.parse('2026-03-10T11:00:00Z')],
    ]);
  });
});
