import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration.ts';

describe('formatDuration', () => {
  it('writes hours and minutes like WakaTime, seconds under a minute', () => {
    expect(formatDuration(0)).toBe('0 secs');
    expect(formatDuration(1)).toBe('1 sec');
    expect(formatDuration(59.9)).toBe('59 secs');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(3_600)).toBe('1 hr');
    expect(formatDuration(3 * 3_600 + 12 * 60 + 5)).toBe('3 hrs 12 mins');
    expect(formatDuration(-5)).toBe('0 secs');
  });
});
