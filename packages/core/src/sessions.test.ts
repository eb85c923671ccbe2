import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Dimensions, type DurationInterval, MINUTE_MS } from './activity.ts';
import { computeDurations } from './durations.ts';
import { type ActivitySession, buildSessions } from './sessions.ts';
import { BASE_MS, dimsArb, eventArb, eventAt, intervalOf, timeoutArb, unionLength } from './test-support.ts';

const m = (minutes: number) => BASE_MS + minutes * MINUTE_MS;
const TIMEOUT_MS = 15 * MINUTE_MS;
const CLAUDE: Partial<Dimensions> = { tool: 'claude-code' };

/** [startMin, endMin, overrides, eventCount] */
type Row = [number, number, Partial<Dimensions>?, number?];
/** [tool, project, startMin, endMin, durationMin, eventCount] */
type Expected = [string, string | null, number, number, number, number];

const interval = ([startMin, endMin, overrides = {}, count = 1]: Row): DurationInterval =>
  intervalOf(m(startMin), m(endMin), overrides, count);
const session = ([tool, project, startMin, endMin, durationMin, eventCount]: Expected): ActivitySession => ({
  tool,
  project,
  startMs: m(startMin),
  endMs: m(endMin),
  durationMs: durationMin * MINUTE_MS,
  eventCount,
});

describe('buildSessions', () => {
  it.each<[string, Row[], Expected[]]>([
    [
      'joins intervals of one tool + project across a gap within the timeout; duration excludes the gap',
      [
        [0, 10, {}, 3],
        [20, 30, {}, 2],
      ],
      [['vscode', 'devtime', 0, 30, 20, 5]],
    ],
    [
      'a gap exactly equal to the timeout joins',
      [
        [0, 10],
        [25, 30],
      ],
      [['vscode', 'devtime', 0, 30, 15, 2]],
    ],
    [
      'a gap longer than the timeout splits',
      [
        [0, 10],
        [26, 30],
      ],
      [
        ['vscode', 'devtime', 0, 10, 10, 1],
        ['vscode', 'devtime', 26, 30, 4, 1],
      ],
    ],
    [
      'other dimensions (language) do not split a session',
      [
        [0, 10, { language: 'Go' }],
        [10, 20, { language: 'TypeScript' }],
      ],
      [['vscode', 'devtime', 0, 20, 20, 2]],
    ],
    [
      'tools get separate sessions even when interleaved',
      [
        [0, 10],
        [5, 15, CLAUDE],
        [20, 30],
        [28, 35, CLAUDE],
      ],
      [
        ['vscode', 'devtime', 0, 30, 20, 2],
        ['claude-code', 'devtime', 5, 35, 17, 2],
      ],
    ],
    [
      'projects get separate sessions; a null project is its own group',
      [
        [0, 10, { project: 'site' }],
        [0, 10, { project: null }],
        [12, 20, { project: 'site' }],
      ],
      [
        ['vscode', null, 0, 10, 10, 1],
        ['vscode', 'site', 0, 20, 18, 2],
      ],
    ],
    [
      'overlapping intervals count once, and the gap is measured from the furthest end',
      [
        [0, 30, { language: 'Go' }],
        [5, 10],
        [40, 50],
      ],
      [['vscode', 'devtime', 0, 50, 40, 3]],
    ],
    ['no intervals, no sessions', [], []],
  ])('%s', (_name, rows, expected) => {
    const intervals = rows.map(interval);
    expect(buildSessions(intervals, { timeoutMs: TIMEOUT_MS })).toEqual(expected.map(session));
    expect(buildSessions([...intervals].reverse(), { timeoutMs: TIMEOUT_MS })).toEqual(expected.map(session));
  });

  it('builds sessions from computed durations', () => {
    const events = [
      eventAt(0),
      eventAt(5),
      eventAt(12, 0, { language: 'Go' }),
      eventAt(60),
      eventAt(62),
      eventAt(3, 4, CLAUDE),
    ];
    expect(
      buildSessions(computeDurations(events, { timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS }),
    ).toEqual([
      session(['vscode', 'devtime', 0, 12, 12, 3]),
      session(['claude-code', 'devtime', 3, 7, 4, 1]),
      session(['vscode', 'devtime', 60, 62, 2, 2]),
    ]);
  });

  it('per tool + project, session durations add up to the union and sessions are over a timeout apart (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .record({
              startMin: fc.integer({ min: 0, max: 600 }),
              lengthMin: fc.integer({ min: 0, max: 60 }),
              dims: dimsArb,
            })
            .map(({ startMin, lengthMin, dims }) => ({
              startMs: m(startMin),
              endMs: m(startMin + lengthMin),
              eventCount: 1,
              dims,
            })),
          { maxLength: 40, size: 'medium' },
        ),
        timeoutArb,
        (intervals, timeoutMs) => {
          const sessions = buildSessions(intervals, { timeoutMs });
          for (let i = 1; i < sessions.length; i++) {
            expect(sessions[i]!.startMs).toBeGreaterThanOrEqual(sessions[i - 1]!.startMs);
          }
          const groups = new Set(intervals.map((i) => JSON.stringify([i.dims.tool, i.dims.project])));
          for (const group of groups) {
            const [tool, project] = JSON.parse(group) as [string, string | null];
            const own = intervals.filter((i) => i.dims.tool === tool && i.dims.project === project);
            const ownSessions = sessions.filter((s) => s.tool === tool && s.project === project);
            expect(ownSessions.reduce((a, s) => a + s.durationMs, 0)).toBe(unionLength(own));
            expect(ownSessions.reduce((a, s) => a + s.eventCount, 0)).toBe(own.length);
            for (let i = 1; i < ownSessions.length; i++) {
              expect(ownSessions[i]!.startMs - ownSessions[i - 1]!.endMs).toBeGreaterThan(timeoutMs);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('events → durations → sessions keep every counted event (property)', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb(), { maxLength: 40, size: 'medium' }),
        timeoutArb,
        (events, timeoutMs) => {
          const intervals = computeDurations(events, { timeoutMs });
          const sessions = buildSessions(intervals, { timeoutMs });
          expect(sessions.reduce((a, s) => a + s.eventCount, 0)).toBe(
            intervals.reduce((a, i) => a + i.eventCount, 0),
          );
          expect(sessions.reduce((a, s) => a + s.durationMs, 0)).toBe(
            intervals.reduce((a, i) => a + i.endMs - i.startMs, 0),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
