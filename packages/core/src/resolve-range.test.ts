import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayBuckets } from './day-buckets.ts';
import { type RangeInput, resolveRange } from './resolve-range.ts';
import { startOfLocalDay } from './time-zone.ts';

const at = (iso: string) => Date.parse(iso);
/** Wednesday 2026-03-11: 16:30 in Berlin (UTC+1), 11:30 in New York (already on EDT, UTC−4). */
const NOW_MS = at('2026-03-11T15:30:00Z');

describe('resolveRange: named ranges', () => {
  it.each([
    // zone, range, from, to
    ['Europe/Berlin', 'today', '2026-03-10T23:00:00Z', '2026-03-11T23:00:00Z'],
    ['Europe/Berlin', 'yesterday', '2026-03-09T23:00:00Z', '2026-03-10T23:00:00Z'],
    ['Europe/Berlin', 'week', '2026-03-08T23:00:00Z', '2026-03-15T23:00:00Z'],
    // March ends after the switch to summer time: April 1st starts at 22:00Z.
    ['Europe/Berlin', 'month', '2026-02-28T23:00:00Z', '2026-03-31T22:00:00Z'],
    ['Europe/Berlin', 'year', '2025-12-31T23:00:00Z', '2026-12-31T23:00:00Z'],
    ['Europe/Berlin', 'last_7_days', '2026-03-04T23:00:00Z', '2026-03-11T23:00:00Z'],
    ['Europe/Berlin', 'last_30_days', '2026-02-09T23:00:00Z', '2026-03-11T23:00:00Z'],
    ['Europe/Berlin', 'all_time', '1970-01-01T00:00:00Z', '2026-03-11T23:00:00Z'],
    ['America/New_York', 'today', '2026-03-11T04:00:00Z', '2026-03-12T04:00:00Z'],
    ['America/New_York', 'yesterday', '2026-03-10T04:00:00Z', '2026-03-11T04:00:00Z'],
    ['America/New_York', 'week', '2026-03-09T04:00:00Z', '2026-03-16T04:00:00Z'],
    // March 1st is still EST (−5), April 1st EDT (−4).
    ['America/New_York', 'month', '2026-03-01T05:00:00Z', '2026-04-01T04:00:00Z'],
    ['America/New_York', 'year', '2026-01-01T05:00:00Z', '2027-01-01T05:00:00Z'],
    // Seven local days across the DST switch of March 8th: 167 hours.
    ['America/New_York', 'last_7_days', '2026-03-05T05:00:00Z', '2026-03-12T04:00:00Z'],
    ['America/New_York', 'last_30_days', '2026-02-10T05:00:00Z', '2026-03-12T04:00:00Z'],
    ['America/New_York', 'all_time', '1970-01-01T00:00:00Z', '2026-03-12T04:00:00Z'],
  ])('%s %s is [%s, %s)', (timeZone, range, from, to) => {
    expect(resolveRange({ range }, { nowMs: NOW_MS, timeZone })).toEqual({
      ok: true,
      value: { name: range, fromMs: at(from), toMs: at(to) },
    });
  });

  it.each([
    ['Europe/Berlin', '2026-03-07T23:00:00Z', '2026-03-14T23:00:00Z'],
    ['America/New_York', '2026-03-08T05:00:00Z', '2026-03-15T04:00:00Z'],
  ])('%s week starting Sunday is [%s, %s)', (timeZone, from, to) => {
    expect(resolveRange({ range: 'week' }, { nowMs: NOW_MS, timeZone, weekStartsOn: 0 })).toEqual({
      ok: true,
      value: { name: 'week', fromMs: at(from), toMs: at(to) },
    });
  });

  it.each([
    // 23:30Z is already tomorrow in Berlin and Kolkata, still today in New York.
    ['Europe/Berlin', '2026-03-11T23:00:00Z', '2026-03-12T23:00:00Z'],
    ['Asia/Kolkata', '2026-03-11T18:30:00Z', '2026-03-12T18:30:00Z'],
    ['America/New_York', '2026-03-11T04:00:00Z', '2026-03-12T04:00:00Z'],
  ])('today at 23:30Z in %s is [%s, %s)', (timeZone, from, to) => {
    const result = resolveRange({}, { nowMs: at('2026-03-11T23:30:00Z'), timeZone });
    expect(result).toEqual({ ok: true, value: { name: 'today', fromMs: at(from), toMs: at(to) } });
  });

  it('defaults to today when neither range nor start is given', () => {
    expect(resolveRange({}, { nowMs: NOW_MS, timeZone: 'Europe/Berlin' })).toEqual(
      resolveRange({ range: 'today' }, { nowMs: NOW_MS, timeZone: 'Europe/Berlin' }),
    );
  });
});

describe('resolveRange: start and end', () => {
  it.each<[string, RangeInput, string, string]>([
    [
      'Europe/Berlin',
      { start: '2026-03-01', end: '2026-03-31' },
      '2026-02-28T23:00:00Z',
      '2026-03-31T22:00:00Z',
    ],
    [
      'Europe/Berlin',
      { start: '2026-03-29', end: '2026-03-29' },
      '2026-03-28T23:00:00Z',
      '2026-03-29T22:00:00Z',
    ],
    ['Europe/Berlin', { start: '2026-03-10' }, '2026-03-09T23:00:00Z', '2026-03-11T23:00:00Z'],
    [
      'Europe/Berlin',
      { start: '2026-03-10T08:00:00+02:00', end: '2026-03-10T09:30:00Z' },
      '2026-03-10T06:00:00Z',
      '2026-03-10T09:30:00Z',
    ],
    ['Europe/Berlin', { start: '2026-03-10T08:00Z' }, '2026-03-10T08:00:00Z', '2026-03-11T23:00:00Z'],
    [
      'Europe/Berlin',
      { start: '2026-03-10', end: '2026-03-10T12:00:00.5+01:00' },
      '2026-03-09T23:00:00Z',
      '2026-03-10T11:00:00.500Z',
    ],
    [
      'America/New_York',
      { start: '2026-03-08', end: '2026-03-08' },
      '2026-03-08T05:00:00Z',
      '2026-03-09T04:00:00Z',
    ],
    // A day whose midnight DST skips starts at 01:00.
    [
      'America/Santiago',
      { start: '2026-09-06', end: '2026-09-06' },
      '2026-09-06T04:00:00Z',
      '2026-09-07T03:00:00Z',
    ],
  ])('%s %j is [%s, %s)', (timeZone, input, from, to) => {
    expect(resolveRange(input, { nowMs: NOW_MS, timeZone })).toEqual({
      ok: true,
      value: { name: null, fromMs: at(from), toMs: at(to) },
    });
  });
});

describe('resolveRange: bad input', () => {
  it.each<[RangeInput, string]>([
    [{ range: 'today', start: '2026-03-01' }, 'not both'],
    [{ range: 'today', end: '2026-03-01' }, 'not both'],
    [{ end: '2026-03-01' }, 'end needs a start'],
    [{ range: 'fortnight' }, 'unknown range'],
    [{ range: 'last_6_months' }, 'unknown range'],
    [{ range: 'toString' }, 'unknown range'],
    [{ range: '__proto__' }, 'unknown range'],
    [{ start: '2026-02-30' }, 'not a calendar date'],
    [{ start: '2026-13-01' }, 'not a calendar date'],
    [{ start: '2026-3-1' }, 'must be YYYY-MM-DD'],
    [{ start: '' }, 'must be YYYY-MM-DD'],
    [{ start: 'yesterday' }, 'must be YYYY-MM-DD'],
    [{ start: '2026-03-10T08:00:00' }, 'must be YYYY-MM-DD'],
    [{ start: '2026-03-10 08:00:00Z' }, 'must be YYYY-MM-DD'],
    [{ start: '2026-03-10T25:00:00Z' }, 'not a valid timestamp'],
    [{ start: '2026-03-01', end: '2026-02-30' }, 'not a calendar date'],
    [{ start: '2026-03-12', end: '2026-03-11' }, 'end must be after start'],
    [{ start: '2026-03-10T10:00:00Z', end: '2026-03-10T10:00:00Z' }, 'end must be after start'],
    // Without an end the range runs to tonight's midnight, which is before this start.
    [{ start: '2026-03-13' }, 'end must be after start'],
  ])('%j → error containing %j', (input, message) => {
    const result = resolveRange(input, { nowMs: NOW_MS, timeZone: 'Europe/Berlin' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it.each(['Mars/Olympus', '', 'Berlin'])('an invalid zone %j is an error', (timeZone) => {
    expect(resolveRange({ range: 'today' }, { nowMs: NOW_MS, timeZone })).toEqual({
      ok: false,
      error: `unknown time zone ${JSON.stringify(timeZone)}`,
    });
  });

  it('an invalid now is an error', () => {
    expect(resolveRange({}, { nowMs: Number.NaN, timeZone: 'UTC' }).ok).toBe(false);
  });

  it('never throws, and every resolved range is non-empty (property)', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '2026-03-10',
        '2026-02-29',
        '2024-02-29',
        '2026-03-10T08:00:00Z',
        '2026-03-10T08:00+05:30',
      ),
    );
    fc.assert(
      fc.property(
        fc.record({
          range: fc.option(fc.string(), { nil: undefined }),
          start: fc.option(text, { nil: undefined }),
        }),
        fc.option(text, { nil: undefined }),
        fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Chatham', 'nowhere'),
        (input, end, timeZone) => {
          const result = resolveRange({ ...input, end }, { nowMs: NOW_MS, timeZone });
          if (result.ok) expect(result.value.toMs).toBeGreaterThan(result.value.fromMs);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('resolveRange: named ranges at any instant (property)', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'America/Santiago',
  ];
  const days: [string, number][] = [
    ['today', 1],
    ['yesterday', 1],
    ['last_7_days', 7],
    ['last_30_days', 30],
  ];

  it('day ranges start at a local midnight and span whole local days; today and the calendar ranges hold now', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') }),
        (timeZone, nowMs) => {
          for (const [range, dayCount] of days) {
            const result = resolveRange({ range }, { nowMs, timeZone });
            if (!result.ok) throw new Error(result.error);
            const { fromMs, toMs } = result.value;
            expect(startOfLocalDay(fromMs, timeZone)).toBe(fromMs);
            expect(dayBuckets(fromMs, toMs, timeZone)).toHaveLength(dayCount);
            if (range !== 'yesterday')
              expect(nowMs < toMs && nowMs >= startOfLocalDay(nowMs, timeZone)).toBe(true);
          }
          for (const range of ['week', 'month', 'year']) {
            const result = resolveRange({ range }, { nowMs, timeZone });
            if (!result.ok) throw new Error(result.error);
            expect(result.value.fromMs).toBeLessThanOrEqual(nowMs);
            expect(result.value.toMs).toBeGreaterThan(nowMs);
            expect(startOfLocalDay(result.value.toMs, timeZone)).toBe(result.value.toMs);
          }
          const week = resolveRange({ range: 'week' }, { nowMs, timeZone });
          if (week.ok) expect(dayBuckets(week.value.fromMs, week.value.toMs, timeZone)).toHaveLength(7);
        },
      ),
      { numRuns: 200 },
    );
  });
});
