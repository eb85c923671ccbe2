import { expect, it } from 'vitest';
import { isoMsAt, parseIsoMs } from './line-fields.ts';

it('reads ISO timestamps exactly like Date.parse', () => {
  for (const value of [
    '2026-03-02T09:14:00.775Z',
    '2026-03-02T09:14:00Z',
    '2026-03-02T09:14:00.7Z',
    '2026-03-02T10:14:00.775+01:00',
  ]) {
    expect(parseIsoMs(value)).toBe(Date.parse(value));
  }
  expect(parseIsoMs('not a time')).toBeNull();
  expect(parseIsoMs(null)).toBeNull();
});

it('reads ISO timestamps from bytes exactly like Date.parse', () => {
  for (const value of [
    '2026-03-02T09:14:00.775Z',
    '2026-12-31T23:59:59.999Z',
    '2026-03-02T09:14:00Z',
    '2026-03-02T10:14:00+01:00',
  ]) {
    const line = Buffer.from(`{"timestamp":"${value}","x":1}`);
    expect(isoMsAt(line, 14)).toBe(Date.parse(value));
  }
});
