import { describe, expect, it } from 'vitest';
import {
  formatLocalDate,
  isValidTimeZone,
  nextLocalMidnight,
  startOfLocalDay,
  toIsoInZone,
} from './time-zone.ts';

const at = (iso: string) => Date.parse(iso);

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Asia/Kolkata', true],
    ['Australia/Lord_Howe', true],
    ['UTC', true],
    ['+05:30', true],
    ['', false],
    ['Mars/Olympus', false],
    ['Berlin', false],
    ['Foo+05', false],
    ['Europe/Berlin ', false],
  ])('%j → %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe('formatLocalDate', () => {
  it.each([
    ['2026-03-28T23:30:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-03-28T23:30:00Z', 'UTC', '2026-03-28'],
    ['2026-03-28T23:30:00Z', 'America/Los_Angeles', '2026-03-28'],
    ['2026-03-28T18:29:59.999Z', 'Asia/Kolkata', '2026-03-28'],
    ['2026-03-28T18:30:00Z', 'Asia/Kolkata', '2026-03-29'],
    ['2026-04-04T12:59:59.999Z', 'Australia/Lord_Howe', '2026-04-04'],
    ['2026-04-04T13:00:00Z', 'Australia/Lord_Howe', '2026-04-05'],
  ])('%s in %s is %s', (iso, zone, date) => {
    expect(formatLocalDate(at(iso), zone)).toBe(date);
  });

  it('throws for an invalid zone', () => {
    expect(() => formatLocalDate(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('toIsoInZone', () => {
  it.each([
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29T00:00:00+01:00'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '2026-03-29T03:00:00+02:00'],
    ['2026-03-29T01:00:00.250Z', 'Europe/Berlin', '2026-03-29T03:00:00.250+02:00'],
    ['2026-03-28T18:30:00Z', 'Asia/Kolkata', '2026-03-29T00:00:00+05:30'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01T01:30:00-04:00'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01T01:30:00-05:00'],
    ['1970-01-01T00:00:00Z', 'UTC', '1970-01-01T00:00:00Z'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(toIsoInZone(at(iso), zone)).toBe(expected);
    expect(Date.parse(expected)).toBe(at(iso));
  });
});

describe('startOfLocalDay / nextLocalMidnight', () => {
  it.each([
    ['2026-03-29T12:00:00Z', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'],
    ['2026-10-25T12:00:00Z', 'Europe/Berlin', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z'],
    // Santiago skips midnight when DST starts: that day begins at 01:00.
    ['2026-09-06T15:00:00Z', 'America/Santiago', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z'],
  ])('%s in %s: day [%s, %s)', (iso, zone, start, next) => {
    expect(startOfLocalDay(at(iso), zone)).toBe(at(start));
    expect(nextLocalMidnight(at(iso), zone)).toBe(at(next));
  });
});
