import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from './activity.ts';
import { computeDurations } from './durations.ts';
import { BASE_MS, dims, eventAt } from './test-support.ts';

const m = (minutes: number) => BASE_MS + minutes * MINUTE_MS;
const VSCODE = { tool: 'vscode' };
const CLAUDE = { tool: 'claude-code', category: 'ai coding' };

describe('computeDurations', () => {
  it('joins each tool on its own and sorts by start, then tool', () => {
    const events = [
      eventAt(0, 0, VSCODE),
      eventAt(5, 0, VSCODE),
      eventAt(2, 3, CLAUDE),
      eventAt(0, 1, CLAUDE),
    ];
    expect(computeDurations(events, { timeoutMs: 15 * MINUTE_MS })).toEqual([
      { startMs: m(0), endMs: m(5), eventCount: 2, dims: dims(CLAUDE) },
      { startMs: m(0), endMs: m(5), eventCount: 2, dims: dims(VSCODE) },
    ]);
  });

  it("never fills one tool's gap with another tool's events", () => {
    const events = [eventAt(0, 0, VSCODE), eventAt(20, 0, VSCODE), eventAt(10, 2, CLAUDE)];
    expect(computeDurations(events, { timeoutMs: 15 * MINUTE_MS })).toEqual([
      { startMs: m(10), endMs: m(12), eventCount: 1, dims: dims(CLAUDE) },
    ]);
  });

  it('returns nothing for no events', () => {
    expect(computeDurations([], { timeoutMs: 15 * MINUTE_MS })).toEqual([]);
  });
});
