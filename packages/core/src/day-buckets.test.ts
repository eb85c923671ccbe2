import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayBuckets } from './day-buckets.ts';
import { formatLocalDate, nextLocalMidnight, startOfLocalDay } from './time-zone.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe('dayBuckets: one local day', () => {
  it.each([
    ['Europe/Berlin', '2026-03-28', '2026-03-27T23:00:00Z', '2026-03-28T23:00:00Z', 24],
    ['Europe/Berlin', '2026-03-29', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23],
    ['Europe/Berlin', '2026-10-25', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
    ['Asia/Kolkata', '2026-03-29', '2026-03-28T18:30:00Z', '2026-03-29T18:30:00Z', 24],
    ['Australia/Lord_Howe', '2026-04-05', '2026-04-04T13:00:00Z', '2026-04-05T13:30:00Z', 24.5],
    ['Australia/Lord_Howe', '2026-10-04', '2026-10-03T13:30:00Z', '2026-10-04T13:00:00Z', 23.5],
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z', 23],
    ['UTC', '2026-03-29', '2026-03-29T00:00:00Z', '2026-03-30T00:00:00Z', 24],
  ])('%s %s is [%s, %s), %s h', (zone, date, start, end, hours) => {
    // Ask for several days around it so the day is found by walking, not by clipping.
    const buckets = dayBuckets(at(start) - 3 * DAY_MS, at(end) + 3 * DAY_MS, zone);
    const bucket = buckets.find((b) => b.date === date);
    expect(bucket).toEqual({ date, startMs: at(start), endMs: at(end) });
    expect((bucket!.endMs - bucket!.startMs) / HOUR_MS).toBe(hours);
  });
});

describe('dayBuckets: ranges', () => {
  it('clips the first and last day to the range', () => {
    expect(dayBuckets(at('2026-03-28T20:00:00Z'), at('2026-03-30T05:00:00Z'), 'Europe/Berlin')).toEqual([
      { date: '2026-03-28', startMs: at('2026-03-28T20:00:00Z'), endMs: at('2026-03-28T23:00:00Z') },
      { date: '2026-03-29', startMs: at('2026-03-28T23:00:00Z'), endMs: at('2026-03-29T22:00:00Z') },
      { date: '2026-03-30', startMs: at('2026-03-29T22:00:00Z'), endMs: at('2026-03-30T05:00:00Z') },
    ]);
  });

  it('a range inside one day is one bucket', () => {
    expect(dayBuckets(at('2026-03-29T10:00:00Z'), at('2026-03-29T11:00:00Z'), 'Asia/Kolkata')).toEqual([
      { date: '2026-03-29', startMs: at('2026-03-29T10:00:00Z'), endMs: at('2026-03-29T11:00:00Z') },
    ]);
  });

  it('a range ending exactly at midnight has no empty bucket after it', () => {
    const buckets = dayBuckets(at('2026-03-27T23:00:00Z'), at('2026-03-29T22:00:00Z'), 'Europe/Berlin');
    expect(buckets.map((b) => b.date)).toEqual(['2026-03-28', '2026-03-29']);
  });

  it('is empty when the range is empty', () => {
    expect(dayBuckets(1000, 1000, 'UTC')).toEqual([]);
    expect(dayBuckets(2000, 1000, 'UTC')).toEqual([]);
  });

  it('throws for an invalid zone or non-finite bounds', () => {
    expect(() => dayBuckets(0, DAY_MS, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => dayBuckets(0, Number.POSITIVE_INFINITY, 'UTC')).toThrow(RangeError);
  });

  it('a year in Berlin has 365 days, one of 23 h and one of 25 h', () => {
    const buckets = dayBuckets(at('2025-12-31T23:00:00Z'), at('2026-12-31T23:00:00Z'), 'Europe/Berlin');
    expect(buckets).toHaveLength(365);
    const hours = buckets.map((b) => (b.endMs - b.startMs) / HOUR_MS);
    expect(hours.filter((h) => h === 23)).toHaveLength(1);
    expect(hours.filter((h) => h === 25)).toHaveLength(1);
    expect(buckets[0]!.date).toBe('2026-01-01');
    expect(buckets.at(-1)!.date).toBe('2026-12-31');
  });

  it('buckets tile the range and each starts at its local midnight (property)', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Pacific/Chatham',
    ];
    const startMs = at('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 365 * DAY_MS }),
        fc.integer({ min: 1, max: 40 * DAY_MS }),
        (zone, offsetMs, lengthMs) => {
          const fromMs = startMs + offsetMs;
          const toMs = fromMs + lengthMs;
          const buckets = dayBuckets(fromMs, toMs, zone);
          expect(buckets[0]!.startMs).toBe(fromMs);
          expect(buckets.at(-1)!.endMs).toBe(toMs);
          for (const [i, bucket] of buckets.entries()) {
            expect(bucket.endMs).toBeGreaterThan(bucket.startMs);
            expect(bucket.date).toBe(formatLocalDate(bucket.startMs, zone));
            if (i > 0) {
              expect(bucket.startMs).toBe(buckets[i - 1]!.endMs);
              expect(startOfLocalDay(bucket.startMs, zone)).toBe(bucket.startMs);
              expect(bucket.date > buckets[i - 1]!.date).toBe(true);
            }
            if (i < buckets.length - 1) expect(nextLocalMidnight(bucket.startMs, zone)).toBe(bucket.endMs);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
