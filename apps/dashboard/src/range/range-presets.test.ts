import { describe, expect, it } from 'vitest';
import {
  customRangeError,
  includesToday,
  parseRangeQuery,
  rangeParams,
  rangeQueryString,
  selectionDates,
  yearWindow,
} from './range-presets.ts';

// Sunday 2026-03-15 23:30 in Berlin is already Monday 2026-03-16 in Tokyo.
const NOW = Date.parse('2026-03-15T22:30:00Z');

describe('range presets', () => {
  it('sends presets by name and custom ranges as dates', () => {
    expect(rangeParams({ kind: 'preset', id: 'week' })).toEqual({ range: 'week' });
    expect(rangeQueryString({ kind: 'custom', start: '2026-01-01', end: '2026-01-31' })).toBe(
      'start=2026-01-01&end=2026-01-31',
    );
  });

  it('reads the page query back, falling back to the last 7 days', () => {
    expect(parseRangeQuery({ range: 'month' })).toEqual({ kind: 'preset', id: 'month' });
    expect(parseRangeQuery({ start: '2026-01-01', end: '2026-01-31' })).toEqual({
      kind: 'custom',
      start: '2026-01-01',
      end: '2026-01-31',
    });
    expect(parseRangeQuery({ range: 'forever' })).toEqual({ kind: 'preset', id: 'last_7_days' });
    expect(parseRangeQuery({ start: '2026-02-01', end: '2026-01-01' })).toEqual({
      kind: 'preset',
      id: 'last_7_days',
    });
  });

  it('resolves local dates in the user zone, weeks from Monday', () => {
    const berlin = (id: 'today' | 'yesterday' | 'week' | 'last_7_days' | 'month' | 'last_30_days' | 'year') =>
      selectionDates({ kind: 'preset', id }, NOW, 'Europe/Berlin');
    expect(berlin('today')).toEqual({ start: '2026-03-15', end: '2026-03-15' });
    expect(berlin('yesterday')).toEqual({ start: '2026-03-14', end: '2026-03-14' });
    expect(berlin('week')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(berlin('last_7_days')).toEqual({ start: '2026-03-09', end: '2026-03-15' });
    expect(berlin('month')).toEqual({ start: '2026-03-01', end: '2026-03-31' });
    expect(berlin('last_30_days')).toEqual({ start: '2026-02-14', end: '2026-03-15' });
    expect(berlin('year')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(selectionDates({ kind: 'preset', id: 'week' }, NOW, 'Asia/Tokyo')).toEqual({
      start: '2026-03-16',
      end: '2026-03-22',
    });
  });

  it('knows when a range still grows (poll) and when it is history', () => {
    expect(includesToday({ kind: 'preset', id: 'today' }, NOW, 'Europe/Berlin')).toBe(true);
    expect(includesToday({ kind: 'preset', id: 'yesterday' }, NOW, 'Europe/Berlin')).toBe(false);
    expect(
      includesToday({ kind: 'custom', start: '2026-03-01', end: '2026-03-15' }, NOW, 'Europe/Berlin'),
    ).toBe(true);
    expect(includesToday({ kind: 'custom', start: '2026-03-01', end: '2026-03-15' }, NOW, 'Asia/Tokyo')).toBe(
      false,
    );
  });

  it('validates custom dates', () => {
    expect(customRangeError('2026-01-01', '2026-01-01')).toBeNull();
    expect(customRangeError('2026-1-1', '2026-01-02')).toMatch(/Start/);
    expect(customRangeError('2026-01-02', '2026-01-01')).toMatch(/before/);
  });

  it('ends the calendar with the current week and starts 52 weeks earlier on a Monday', () => {
    expect(yearWindow(NOW, 'Europe/Berlin')).toEqual({ start: '2025-03-10', end: '2026-03-15' });
  });
});
