import { describe, expect, it } from 'vitest';
import { breakdownRows } from './breakdown-rows.ts';
import { calendarGrid, levelOf } from './calendar-heatmap.ts';
import { hourWeekdayRows } from './hour-weekday-grid.ts';
import { type DayValues, OTHER_KEY, stackDays } from './stacked-series.ts';
import { timelineLanes, timelineTicks } from './timeline-lanes.ts';
import { splitTools } from './tool-kinds.ts';
import { mondayOf, weeklyBuckets } from './weekly-buckets.ts';

describe('stackDays', () => {
  const days: DayValues[] = [
    { date: '2026-03-09', values: { vscode: 3600, claude: 1800, zed: 60, vim: 30 } },
    { date: '2026-03-10', values: { vscode: 7200 } },
  ];
  const ranking = { vscode: 10_800, claude: 1800, zed: 60, vim: 30 };

  it('keeps the largest keys, folds the rest into other, and stacks bottom to top', () => {
    const stacked = stackDays(days, ranking, { maxSeries: 3, scale: 1 / 3600 });
    expect(stacked.dates).toEqual(['2026-03-09', '2026-03-10']);
    expect(stacked.series.map((s) => s.key)).toEqual(['vscode', 'claude', OTHER_KEY]);
    expect(stacked.series[2]!.values[0]).toBeCloseTo(90 / 3600);
    expect(stacked.series[1]!.cumulative).toEqual([1.5, 2]);
    expect(stacked.totals[0]).toBeCloseTo((3600 + 1800 + 90) / 3600);
    expect(stacked.totals[1]).toBe(2);
  });

  it('needs no other series when every key fits', () => {
    expect(stackDays(days, ranking).series.map((s) => s.key)).toEqual(['vscode', 'claude', 'zed', 'vim']);
  });
});

describe('calendarGrid', () => {
  it('lays consecutive days into Monday-first weeks with levels and month labels', () => {
    const dates = ['03-23', '03-24', '03-25', '03-26', '03-27', '03-28', '03-29', '03-30', '03-31', '04-01'];
    const days = dates.map((date, i) => ({ date: `2026-${date}`, seconds: i * 100 }));
    const grid = calendarGrid(days);
    expect(grid.weeks).toHaveLength(2);
    expect(grid.weeks[0]![0]).toEqual({ date: '2026-03-23', seconds: 0, level: 0 });
    expect(grid.weeks[1]![2]).toEqual({ date: '2026-04-01', seconds: 900, level: 4 });
    expect(grid.weeks[1]![3]).toBeNull();
    // March has only one column here: its label would collide with April's, so only April is named.
    expect(grid.months).toEqual([{ week: 1, label: 'Apr' }]);
    const fiveWeeks = Array.from({ length: 35 }, (_, i) => ({
      date: new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10),
      seconds: 0,
    }));
    expect(calendarGrid(fiveWeeks).months).toEqual([
      { week: 0, label: 'Mar' },
      { week: 4, label: 'Apr' },
    ]);
  });

  it('levels by quarters of the maximum', () => {
    expect([0, 1, 25, 26, 50, 75, 100].map((v) => levelOf(v, 100))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(levelOf(5, 0)).toBe(0);
  });
});

describe('hourWeekdayRows', () => {
  it('labels weekdays from Monday and levels each hour against the busiest', () => {
    const seconds = Array.from({ length: 7 }, () => new Array(24).fill(0));
    seconds[0]![9] = 3600;
    seconds[6]![23] = 900;
    const rows = hourWeekdayRows(seconds);
    expect(rows[0]).toMatchObject({ weekday: 'Mon', totalSeconds: 3600 });
    expect(rows[0]!.cells[9]).toEqual({ hour: 9, seconds: 3600, level: 4 });
    expect(rows[6]!.cells[23]!.level).toBe(1);
  });
});

describe('breakdownRows and splitTools', () => {
  it('keeps the API order and shares of the union total', () => {
    expect(breakdownRows({ go: 1800, rust: 900 }, 2700)).toEqual([
      { key: 'go', seconds: 1800, share: 1800 / 2700 },
      { key: 'rust', seconds: 900, share: 900 / 2700 },
    ]);
  });
  it('tells agents from editors, including agents only seen through usage', () => {
    expect(splitTools({ vscode: 10, claude: 5, newagent: 2 }, ['newagent'])).toEqual({
      editors: { vscode: 10 },
      agents: { claude: 5, newagent: 2 },
    });
  });
});

describe('timelineLanes', () => {
  const from = Date.parse('2026-03-10T00:00:00+01:00');
  const to = Date.parse('2026-03-11T00:00:00+01:00');
  const session = (tool: string, start: string, end: string, seconds: number) => ({
    tool,
    project: 'p',
    start,
    end,
    duration_seconds: seconds,
    event_count: 3,
    agent_session_ids: [],
  });

  it('puts sessions on one lane per tool, busiest lane first, positioned in the range', () => {
    const lanes = timelineLanes(
      [
        session('vscode', '2026-03-10T06:00:00+01:00', '2026-03-10T12:00:00+01:00', 21_600),
        session('claude', '2026-03-10T12:00:00+01:00', '2026-03-10T12:00:30+01:00', 30),
        session('vscode', '2026-03-09T23:00:00+01:00', '2026-03-10T01:00:00+01:00', 7200),
      ],
      from,
      to,
    );
    expect(lanes.map((l) => l.tool)).toEqual(['vscode', 'claude']);
    expect(lanes[0]!.items[0]).toMatchObject({ leftPercent: 25, widthPercent: 25 });
    // Clipped at the range start.
    expect(lanes[0]!.items[1]).toMatchObject({ leftPercent: 0 });
    expect(lanes[0]!.items[1]!.widthPercent).toBeCloseTo(100 / 24);
    // Too short to see: drawn at the minimum width.
    expect(lanes[1]!.items[0]).toMatchObject({ leftPercent: 50, widthPercent: 0.25 });
  });

  it('ticks evenly across the range', () => {
    expect(timelineTicks(from, to, 4).map((t) => t.percent)).toEqual([0, 25, 50, 75, 100]);
    expect(timelineTicks(from, from, 4)).toEqual([]);
  });
});

describe('weeklyBuckets', () => {
  it('sums days into Monday-first weeks labelled by their Monday', () => {
    expect(mondayOf('2026-03-15')).toBe('2026-03-09'); // a Sunday
    expect(mondayOf('2026-03-16')).toBe('2026-03-16');
    expect(mondayOf('2026-01-01')).toBe('2025-12-29'); // across a year boundary
    const weeks = weeklyBuckets([
      { date: '2026-03-14', values: { go: 60 } },
      { date: '2026-03-15', values: { go: 30, rust: 10 } },
      { date: '2026-03-16', values: { rust: 5 } },
    ]);
    expect(weeks).toEqual([
      { date: '2026-03-09', values: { go: 90, rust: 10 } },
      { date: '2026-03-16', values: { rust: 5 } },
    ]);
  });
});
