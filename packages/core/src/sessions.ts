import type { DurationInterval } from './activity.ts';

/** A maximal run of one tool + project in which no gap exceeds the keystroke timeout. */
export interface ActivitySession {
  tool: string;
  project: string | null;
  startMs: number;
  endMs: number;
  /** Union length of the session's intervals: idle gaps inside the session do not count. */
  durationMs: number;
  eventCount: number;
}

/**
 * Groups intervals into sessions per tool + project (a null project is its own group). An interval joins
 * the open session of its group when it starts at most `timeoutMs` after the furthest end seen in it.
 * Sorted by startMs, then tool, then project (null first).
 */
export function buildSessions(
  intervals: readonly DurationInterval[],
  options: { timeoutMs: number },
): ActivitySession[] {
  const sorted = intervals
    .filter((interval) => interval.endMs >= interval.startMs)
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
  const open = new Map<string, ActivitySession>();
  const sessions: ActivitySession[] = [];

  for (const interval of sorted) {
    const { tool, project } = interval.dims;
    const key = JSON.stringify([tool, project]);
    const session = open.get(key);
    if (session && interval.startMs - session.endMs <= options.timeoutMs) {
      session.durationMs += Math.max(0, interval.endMs - Math.max(interval.startMs, session.endMs));
      session.endMs = Math.max(session.endMs, interval.endMs);
      session.eventCount += interval.eventCount;
      continue;
    }
    const fresh: ActivitySession = {
      tool,
      project,
      startMs: interval.startMs,
      endMs: interval.endMs,
      durationMs: interval.endMs - interval.startMs,
      eventCount: interval.eventCount,
    };
    open.set(key, fresh);
    sessions.push(fresh);
  }
  return sessions.sort(compareSessions);
}

function compareSessions(a: ActivitySession, b: ActivitySession): number {
  if (a.startMs !== b.startMs) return a.startMs - b.startMs;
  if (a.tool !== b.tool) return a.tool < b.tool ? -1 : 1;
  if (a.project === b.project) return 0;
  if (a.project === null) return -1;
  if (b.project === null) return 1;
  return a.project < b.project ? -1 : 1;
}
