import { summarize, toIsoInZone } from '@devtime/core';
import type { StatsResponse } from '@devtime/protocol';
import type { UserRecord } from '@devtime/storage';
import type { ApiDeps } from '../context.ts';
import { aggregateUsage } from './aggregate-usage.ts';
import { readIntervals } from './read-intervals.ts';
import type { ResolvedQuery } from './resolve-query.ts';

const seconds = (ms: number) => Math.round(ms) / 1000;

function toSeconds(map: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  // Largest first: the order every client wants to render.
  for (const [key, ms] of Object.entries(map).sort((a, b) => b[1] - a[1])) out[key] = seconds(ms);
  return out;
}

export function rangeBody(query: ResolvedQuery): StatsResponse['range'] {
  return {
    name: query.name,
    start: toIsoInZone(query.fromMs, query.timeZone),
    end: toIsoInZone(query.toMs, query.timeZone),
    timezone: query.timeZone,
  };
}

export async function buildStats(
  deps: ApiDeps,
  user: UserRecord,
  query: ResolvedQuery,
): Promise<StatsResponse> {
  const [intervals, usage, agentSessions] = await Promise.all([
    readIntervals(deps, user.id, query),
    deps.store.readAgentUsage(user.id, { ...query, tool: query.tool }),
    deps.store.listAgentSessions(user.id, { ...query, tool: query.tool }),
  ]);
  const summary = summarize(intervals, { fromMs: query.fromMs, toMs: query.toMs, timeZone: query.timeZone });
  return {
    range: rangeBody(query),
    timeout_minutes: query.timeoutMs / 60_000,
    total_seconds: seconds(summary.totalMs),
    parallel_seconds: seconds(summary.parallelMs),
    by_tool: toSeconds(summary.byTool),
    by_project: toSeconds(summary.byProject),
    by_language: toSeconds(summary.byLanguage),
    by_category: toSeconds(summary.byCategory),
    by_branch: toSeconds(summary.byBranch),
    by_machine: toSeconds(summary.byMachine),
    by_day: summary.byDay.map((day) => ({
      date: day.date,
      seconds: seconds(day.totalMs),
      by_tool: toSeconds(day.byTool),
      by_project: toSeconds(day.byProject),
    })),
    agents: aggregateUsage(usage, {
      sessions: agentSessions.length,
      prompts: agentSessions.reduce((sum, session) => sum + session.prompts, 0),
    }),
  };
}
