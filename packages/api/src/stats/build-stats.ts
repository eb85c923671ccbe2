import { type PriceTable, startOfLocalDay, summarize, toIsoInZone } from '@devtime/core';
import type { StatsResponse } from '@devtime/protocol';
import type { UserRecord } from '@devtime/storage';
import type { ApiDeps } from '../context.ts';
import { aggregateUsage } from './aggregate-usage.ts';
import { readIntervals } from './read-intervals.ts';
import type { ResolvedQuery } from './resolve-query.ts';

/** ms → the seconds every response carries (to the millisecond). */
export const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * core's records are already ordered largest first, the order every client renders. A null-prototype
 * object keeps a project literally named "__proto__" as an ordinary key.
 */
function toSeconds(map: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const key in map) out[key] = seconds(map[key]!);
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

/**
 * all_time starts at the first activity's day (today without any), not in 1970: per-day lists would
 * otherwise hold ~20,000 empty days. Every read that answers a `range` narrows it the same way.
 */
export function narrowAllTime(query: ResolvedQuery, firstMs: number | undefined): ResolvedQuery {
  if (query.name !== 'all_time') return query;
  const first = Math.min(firstMs ?? Infinity, query.toMs - 1);
  return { ...query, fromMs: Math.max(query.fromMs, startOfLocalDay(first, query.timeZone)) };
}

export async function buildStats(
  deps: ApiDeps,
  user: UserRecord,
  query: ResolvedQuery,
  prices: PriceTable,
): Promise<StatsResponse> {
  const [intervals, usage, agentSessions] = await Promise.all([
    readIntervals(deps, user.id, query),
    deps.store.readAgentUsage(user.id, query),
    deps.store.listAgentSessions(user.id, query),
  ]);
  const range = narrowAllTime(
    query,
    intervals.reduce((min, interval) => Math.min(min, interval.startMs), Infinity),
  );
  const summary = summarize(intervals, { fromMs: range.fromMs, toMs: range.toMs, timeZone: range.timeZone });
  return {
    range: rangeBody(range),
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
    agents: aggregateUsage(
      usage,
      {
        sessions: agentSessions.length,
        prompts: agentSessions.reduce((sum, session) => sum + session.prompts, 0),
      },
      prices,
    ),
  };
}
