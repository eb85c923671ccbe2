import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from './format-time.ts';

describe('formatLocalDateTime', () => {
  it("shows the moment in the given zone, DST included, whatever the browser's zone", () => {
    const winter = Date.parse('2026-03-09T08:04:30Z');
    expect(formatLocalDateTime(winter, 'Europe/Berlin')).toBe('2026-03-09 09:04');
    expect(formatLocalDateTime(winter, 'America/New_York')).toBe('2026-03-09 04:04');
    expect(formatLocalDateTime(Date.parse('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toBe('2026-07-02 00:30');
  });
});
