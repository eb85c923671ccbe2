import { buildSessions, toIsoInZone } from '@devtime/core';
import type { ActivitySessionBody, SessionsResponse } from '@devtime/protocol';
import type { UserRecord } from '@devtime/storage';
import type { ApiDeps } from '../context.ts';
import { rangeBody } from './build-stats.ts';
import { readIntervals } from './read-intervals.ts';
import type { ResolvedQuery } from './resolve-query.ts';

/** Sessions (one tool + project joined under the timeout), with the agent sessions inside each. */
export async function buildSessionsResponse(
  deps: ApiDeps,
  user: UserRecord,
  query: ResolvedQuery,
): Promise<SessionsResponse> {
  const [intervals, agentSessions] = await Promise.all([
    readIntervals(deps, user.id, query),
    deps.store.listAgentSessions(user.id, query),
  ]);
  const clipped = intervals
    .map((i) => ({ ...i, startMs: Math.max(i.startMs, query.fromMs), endMs: Math.min(i.endMs, query.toMs) }))
    .filter((i) => i.endMs > i.startMs);
  const sessions: ActivitySessionBody[] = buildSessions(clipped, { timeoutMs: query.timeoutMs }).map((s) => ({
    tool: s.tool,
    project: s.project,
    start: toIsoInZone(s.startMs, query.timeZone),
    end: toIsoInZone(s.endMs, query.timeZone),
    duration_seconds: Math.round(s.durationMs) / 1000,
    event_count: s.eventCount,
    agent_session_ids: agentSessions
      .filter(
        (a) =>
          a.agent === s.tool &&
          a.project === s.project &&
          a.startedAtMs < s.endMs &&
          a.endedAtMs >= s.startMs,
      )
      .map((a) => a.sessionId),
  }));
  return { range: rangeBody(query), timeout_minutes: query.timeoutMs / 60_000, sessions };
}
