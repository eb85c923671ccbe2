import { toIsoInZone } from '@devtime/core';
import { describe, expect, it } from 'vitest';
import { zonedIsoFormatter } from './zoned-iso.ts';

describe('zonedIsoFormatter', () => {
  it('formats exactly like toIsoInZone, across DST changes and odd offsets', () => {
    // Berlin and New York change by an hour, Lord Howe by half an hour at a half hour, Kathmandu is +05:45.
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    const from = Date.parse('2026-03-01T00:00:00Z');
    const to = Date.parse('2026-11-10T00:00:00Z');
    for (const zone of zones) {
      const format = zonedIsoFormatter(zone);
      // Every 7 min 13.5 s: whole and fractional seconds, ascending as the export reads them.
      for (let ms = from; ms < to; ms += 433_500) {
        const expected = toIsoInZone(ms, zone);
        if (format(ms) !== expected)
          expect(`${zone} ${ms}: ${format(ms)}`).toBe(`${zone} ${ms}: ${expected}`);
      }
    }
    // Out of order too (a new hour each call), and just either side of Berlin's spring change.
    const berlin = zonedIsoFormatter('Europe/Berlin');
    const change = Date.parse('2026-03-29T01:00:00Z');
    expect([change - 1, change, change - 1000].map(berlin)).toEqual([
      '2026-03-29T01:59:59.999+01:00',
      '2026-03-29T03:00:00+02:00',
      '2026-03-29T01:59:59+01:00',
    ]);
  });
});
