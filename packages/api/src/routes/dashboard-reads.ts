import type { PriceTable } from '@devtime/core';
import { Hono } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import type { AgentActivityResponse, HourWeekdayResponse } from '../dashboard-api.ts';
import { buildAgentActivity } from '../stats/agent-activity.ts';
import { narrowAllTime, rangeBody, seconds } from '../stats/build-stats.ts';
import { hourWeekdayMatrix } from '../stats/hour-weekday.ts';
import { readIntervals } from '../stats/read-intervals.ts';
import { readRollups } from '../stats/read-rollups.ts';
import { resolveStatsQuery } from '../stats/resolve-query.ts';

/**
 * Reads the dashboard needs beyond `/api/stats`: the hour × weekday heatmap and agent activity over time.
 * Both take the stats query (`range` or `start`/`end`, `tz`, `tool`, `project`, `timeout`). `prices` is
 * the app's price table, read once at startup (createApp), so costs match `/api/stats` exactly.
 */
export function dashboardReadRoutes(deps: ApiDeps, prices: PriceTable) {
  const routes = new Hono<AppEnv>();
  const read = requireAuth(deps, { write: false });

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
    const rollups = await readRollups(deps, user.id, sessions);
    const range = narrowAllTime(
      query,
      Math.min(usage[0]?.atMs ?? Infinity, sessions[0]?.startedAtMs ?? Infinity),
    );
    const response: AgentActivityResponse = {
      range: rangeBody(range),
      ...buildAgentActivity({ ...range, usage, rollups, prices }),
    };
    return c.json(response);
  });

  return routes;
}
