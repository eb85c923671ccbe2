import { describe, expect, it } from 'vitest';
import { formatDuration, formatHoursAxis } from './format-duration.ts';
import { formatShare, formatTokens, formatUsd } from './format-number.ts';

describe('formatDuration', () => {
  it('floors to whole minutes and pads them under hours', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(59.9)).toBe('59s');
    expect(formatDuration(60)).toBe('1m');
    expect(formatDuration(3599)).toBe('59m');
    expect(formatDuration(3600)).toBe('1h 00m');
    expect(formatDuration(3 * 3600 + 5 * 60 + 59)).toBe('3h 05m');
    expect(formatDuration(250 * 3600)).toBe('250h 00m');
    expect(formatDuration(-5)).toBe('0s');
  });
  it('labels axes in hours', () => {
    expect(formatHoursAxis(0)).toBe('0');
    expect(formatHoursAxis(2.25)).toBe('2.3h');
    expect(formatHoursAxis(12.4)).toBe('12h');
  });
});

describe('number formats', () => {
  it('compacts tokens and prices null as unpriced', () => {
    expect(formatTokens(950)).toBe('950');
    expect(formatTokens(12_345)).toBe('12.3K');
    expect(formatTokens(4_100_000)).toBe('4.1M');
    expect(formatUsd(null)).toBe('unpriced');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(0.004)).toBe('$0.0040');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
  });
  it('never shows a non-zero share as 0%', () => {
    expect(formatShare(1, 1000)).toBe('<1%');
    expect(formatShare(0, 1000)).toBe('0%');
    expect(formatShare(1, 3)).toBe('33%');
    expect(formatShare(5, 0)).toBe('0%');
  });
});
