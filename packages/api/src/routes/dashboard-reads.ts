import { startOfLocalDay } from '@devtime/core';
import { Hono } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import type { AgentActivityResponse, HourWeekdayResponse } from '../dashboard-api.ts';
import { buildAgentActivity } from '../stats/agent-activity.ts';
import { rangeBody } from '../stats/build-stats.ts';
import { hourWeekdayMatrix } from '../stats/hour-weekday.ts';
import { readPriceTable } from '../stats/price-table.ts';
import { readIntervals } from '../stats/read-intervals.ts';
import { type ResolvedQuery, resolveStatsQuery } from '../stats/resolve-query.ts';

const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * all_time starts at the first activity's day (today without any), as in /api/stats: from the epoch,
 * per-day lists would hold ~20,000 empty days.
 */
export function narrowAllTime(query: ResolvedQuery, firstMs: number | undefined): ResolvedQuery {
  if (query.name !== 'all_time') return query;
  const first = Math.min(firstMs ?? Infinity, query.toMs - 1);
  return { ...query, fromMs: Math.max(query.fromMs, startOfLocalDay(first, query.timeZone)) };
}

/**
 * Reads the dashboard needs beyond `/api/stats`: the hour × weekday heatmap and agent activity over time.
 * Both take the stats query (`range` or `start`/`end`, `tz`, `tool`, `project`, `timeout`).
 */
export function dashboardReadRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  const read = requireAuth(deps, { write: false });
  const prices = readPriceTable(deps.config.pricesFile);
  if (!prices.ok) throw new Error(prices.error);

  routes.get('/stats/hours', read, async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    const intervals = await readIntervals(deps, user.id, query);
    const range = narrowAllTime(query, intervals[0]?.startMs);
    const matrix = hourWeekdayMatrix(intervals, range);
    const response: HourWeekdayResponse = {
      range: rangeBody(range),
      seconds: matrix.map((row) => row.map(seconds)),
      total_seconds: seconds(matrix.flat().reduce((sum, ms) => sum + ms, 0)),
    };
    return c.json(response);
  });

  routes.get('/agent/activity', read, async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    const [usage, sessions] = await Promise.all([
      deps.store.readAgentUsage(user.id, query),
      deps.store.listAgentSessions(user.id, query),
    ]);
    const rollups = [];
    for (const session of sessions) {
      const rollup = await deps.store.getAgentSession(user.id, session.agent, session.sessionId);
      if (rollup) rollups.push(rollup);
    }
    const range = narrowAllTime(
      query,
      Math.min(usage[0]?.atMs ?? Infinity, sessions[0]?.startedAtMs ?? Infinity),
    );
    const response: AgentActivityResponse = {
      range: rangeBody(range),
      ...buildAgentActivity({ ...range, usage, rollups, prices: prices.value }),
    };
    return c.json(response);
  });

  return routes;
}
