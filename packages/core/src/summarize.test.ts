import { describe, expect, it } from 'vitest';
import { type Dimensions, MINUTE_MS } from './activity.ts';
import { summarize } from './summarize.ts';
import { intervalOf } from './test-support.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR_MS = 60 * MINUTE_MS;
const VSCODE: Partial<Dimensions> = { tool: 'vscode' };
const CLAUDE: Partial<Dimensions> = { tool: 'claude-code', language: null, category: 'ai coding' };
const UTC_DAY = { fromMs: at('2026-03-10T00:00:00Z'), toMs: at('2026-03-11T00:00:00Z'), timeZone: 'UTC' };

describe('summarize: parallel tools', () => {
  it('counts an hour of two tools at once once in the total and once per tool', () => {
    const summary = summarize(
      [
        intervalOf(at('2026-03-10T10:00:00Z'), at('2026-03-10T11:00:00Z'), VSCODE),
        intervalOf(at('2026-03-10T10:30:00Z'), at('2026-03-10T11:30:00Z'), CLAUDE),
      ],
      UTC_DAY,
    );
    expect(summary).toEqual({
      totalMs: 1.5 * HOUR_MS,
      parallelMs: 0.5 * HOUR_MS,
      byTool: { vscode: HOUR_MS, 'claude-code': HOUR_MS },
      byProject: { devtime: 1.5 * HOUR_MS },
      byLanguage: { TypeScript: HOUR_MS, unknown: HOUR_MS },
      byCategory: { coding: HOUR_MS, 'ai coding': HOUR_MS },
      byBranch: { main: 1.5 * HOUR_MS },
      byMachine: { laptop: 1.5 * HOUR_MS },
      byDay: [
        {
          date: '2026-03-10',
          totalMs: 1.5 * HOUR_MS,
          byTool: { vscode: HOUR_MS, 'claude-code': HOUR_MS },
          byProject: { devtime: 1.5 * HOUR_MS },
        },
      ],
    });
  });

  it('keeps projects apart when parallel tools work on different projects', () => {
    const summary = summarize(
      [
        intervalOf(at('2026-03-10T10:00:00Z'), at('2026-03-10T11:00:00Z'), { ...VSCODE, project: 'site' }),
        intervalOf(at('2026-03-10T10:30:00Z'), at('2026-03-10T11:30:00Z'), { ...CLAUDE, project: null }),
      ],
      UTC_DAY,
    );
    expect(summary.totalMs).toBe(1.5 * HOUR_MS);
    expect(summary.byProject).toEqual({ site: HOUR_MS, unknown: HOUR_MS });
  });

  it('counts overlapping intervals of one tool once', () => {
    const summary = summarize(
      [
        intervalOf(at('2026-03-10T10:00:00Z'), at('2026-03-10T11:00:00Z')),
        intervalOf(at('2026-03-10T10:15:00Z'), at('2026-03-10T10:45:00Z')),
        intervalOf(at('2026-03-10T10:50:00Z'), at('2026-03-10T11:10:00Z')),
      ],
      UTC_DAY,
    );
    expect(summary.totalMs).toBe(70 * MINUTE_MS);
    expect(summary.byTool).toEqual({ vscode: 70 * MINUTE_MS });
    expect(summary.parallelMs).toBe(0);
  });

  it('orders breakdowns by time, largest first', () => {
    const summary = summarize(
      [
        intervalOf(at('2026-03-10T01:00:00Z'), at('2026-03-10T02:00:00Z'), { project: 'b' }),
        intervalOf(at('2026-03-10T03:00:00Z'), at('2026-03-10T06:00:00Z'), { project: 'a' }),
        intervalOf(at('2026-03-10T07:00:00Z'), at('2026-03-10T08:00:00Z'), { project: 'c' }),
      ],
      UTC_DAY,
    );
    expect(Object.keys(summary.byProject)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a project named "__proto__" as an ordinary key', () => {
    const summary = summarize(
      [intervalOf(at('2026-03-10T01:00:00Z'), at('2026-03-10T02:00:00Z'), { project: '__proto__' })],
      UTC_DAY,
    );
    expect(Object.keys(summary.byProject)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(summary.byProject)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(summary.byDay[0]!.byProject))).toEqual(
      JSON.parse(`{"__proto__": ${HOUR_MS}}`),
    );
  });
});

describe('summarize: range and days', () => {
  it('clips intervals to the range', () => {
    const summary = summarize(
      [
        intervalOf(at('2026-03-09T23:00:00Z'), at('2026-03-10T01:00:00Z')),
        intervalOf(at('2026-03-10T23:30:00Z'), at('2026-03-11T02:00:00Z'), CLAUDE),
        intervalOf(at('2026-03-12T01:00:00Z'), at('2026-03-12T02:00:00Z')),
      ],
      UTC_DAY,
    );
    expect(summary.totalMs).toBe(1.5 * HOUR_MS);
    expect(summary.byTool).toEqual({ vscode: HOUR_MS, 'claude-code': 0.5 * HOUR_MS });
  });

  it('splits an interval over local midnight (Berlin 23:50–00:20)', () => {
    const summary = summarize([intervalOf(at('2026-03-10T22:50:00Z'), at('2026-03-10T23:20:00Z'))], {
      fromMs: at('2026-03-09T23:00:00Z'),
      toMs: at('2026-03-11T23:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
    expect(summary.byDay).toEqual([
      {
        date: '2026-03-10',
        totalMs: 10 * MINUTE_MS,
        byTool: { vscode: 10 * MINUTE_MS },
        byProject: { devtime: 10 * MINUTE_MS },
      },
      {
        date: '2026-03-11',
        totalMs: 20 * MINUTE_MS,
        byTool: { vscode: 20 * MINUTE_MS },
        byProject: { devtime: 20 * MINUTE_MS },
      },
    ]);
    expect(summary.totalMs).toBe(30 * MINUTE_MS);
  });

  it('lists every day of the range, including days without activity', () => {
    const summary = summarize([intervalOf(at('2026-03-11T10:00:00Z'), at('2026-03-11T11:00:00Z'))], {
      fromMs: at('2026-03-10T00:00:00Z'),
      toMs: at('2026-03-13T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(summary.byDay).toEqual([
      { date: '2026-03-10', totalMs: 0, byTool: {}, byProject: {} },
      { date: '2026-03-11', totalMs: HOUR_MS, byTool: { vscode: HOUR_MS }, byProject: { devtime: HOUR_MS } },
      { date: '2026-03-12', totalMs: 0, byTool: {}, byProject: {} },
    ]);
  });

  it.each([
    // Berlin springs forward at 02:00 on 2026-03-29: 23:30 → 03:30 local is 3 real hours.
    [
      'Europe/Berlin spring',
      '2026-03-28T22:30:00Z',
      '2026-03-29T01:30:00Z',
      [
        ['2026-03-28', 30],
        ['2026-03-29', 150],
      ],
    ],
    // Berlin falls back at 03:00 on 2026-10-25: the day is 25 h, an interval over the whole day counts 25 h.
    [
      'Europe/Berlin autumn',
      '2026-10-24T22:00:00Z',
      '2026-10-25T23:00:00Z',
      [
        ['2026-10-24', 0],
        ['2026-10-25', 25 * 60],
        ['2026-10-26', 0],
      ],
    ],
    // Lord Howe's 30-minute DST ends on 2026-04-05: the day is 24.5 h.
    [
      'Australia/Lord_Howe',
      '2026-04-04T12:00:00Z',
      '2026-04-05T14:00:00Z',
      [
        ['2026-04-04', 60],
        ['2026-04-05', 24.5 * 60],
        ['2026-04-06', 30],
      ],
    ],
    // Kolkata's midnight is 18:30Z.
    [
      'Asia/Kolkata',
      '2026-03-10T18:00:00Z',
      '2026-03-10T19:00:00Z',
      [
        ['2026-03-10', 30],
        ['2026-03-11', 30],
      ],
    ],
  ] as const)('%s: [%s, %s) splits into %j minutes per day', (label, start, end, expected) => {
    const timeZone = label.split(' ')[0]!;
    const summary = summarize([intervalOf(at(start), at(end))], {
      fromMs: at(start) - 3 * HOUR_MS,
      toMs: at(end) + HOUR_MS,
      timeZone,
    });
    const perDay = summary.byDay.map((day) => [day.date, day.totalMs / MINUTE_MS]);
    expect(perDay).toEqual(expected);
    expect(summary.totalMs).toBe(at(end) - at(start));
  });

  it('gives the same summary for unsorted input', () => {
    const intervals = [
      intervalOf(at('2026-03-10T10:00:00Z'), at('2026-03-10T11:00:00Z'), VSCODE),
      intervalOf(at('2026-03-10T10:30:00Z'), at('2026-03-10T11:30:00Z'), CLAUDE),
      intervalOf(at('2026-03-10T09:00:00Z'), at('2026-03-10T10:15:00Z'), { project: 'site' }),
    ];
    expect(summarize([...intervals].reverse(), UTC_DAY)).toEqual(summarize(intervals, UTC_DAY));
  });

  it('is all zeros for no intervals, and empty for an empty range', () => {
    const summary = summarize([], UTC_DAY);
    expect(summary.totalMs).toBe(0);
    expect(summary.byTool).toEqual({});
    expect(summary.byDay).toEqual([{ date: '2026-03-10', totalMs: 0, byTool: {}, byProject: {} }]);
    expect(summarize([], { ...UTC_DAY, toMs: UTC_DAY.fromMs }).byDay).toEqual([]);
  });

  it('handles very many projects over many days (sparse per-day table)', () => {
    const dayCount = 400;
    const fromMs = at('2026-01-01T00:00:00Z');
    const intervals = Array.from({ length: 3000 }, (_, i) => {
      const startMs = fromMs + (i % dayCount) * 24 * HOUR_MS + Math.floor(i / dayCount) * HOUR_MS;
      return intervalOf(startMs, startMs + HOUR_MS, { project: `p${String(i).padStart(4, '0')}` });
    });
    const summary = summarize(intervals, { fromMs, toMs: fromMs + dayCount * 24 * HOUR_MS, timeZone: 'UTC' });
    expect(summary.totalMs).toBe(3000 * HOUR_MS);
    expect(summary.byDay).toHaveLength(dayCount);
    for (const [day, { byProject, totalMs }] of summary.byDay.entries()) {
      const expected = intervals.filter((_, i) => i % dayCount === day).map((iv) => iv.dims.project!);
      expect(Object.keys(byProject)).toEqual(expected.sort());
      expect(Object.values(byProject).every((ms) => ms === HOUR_MS)).toBe(true);
      expect(totalMs).toBe(expected.length * HOUR_MS);
    }
  });

  it('throws for an invalid zone', () => {
    expect(() => summarize([], { ...UTC_DAY, timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});
