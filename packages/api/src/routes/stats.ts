import type { PriceTable } from '@devtime/core';
import { Hono } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import { buildSessionsResponse } from '../stats/build-sessions.ts';
import { buildStats } from '../stats/build-stats.ts';
import { resolveStatsQuery } from '../stats/resolve-query.ts';

/** `prices`: the app's price table, read once at startup (createApp). */
export function statsRoutes(deps: ApiDeps, prices: PriceTable) {
  const routes = new Hono<AppEnv>();
  // Per route, not routes.use(): a sub-app's middleware would also guard every other /api route.
  const read = requireAuth(deps, { write: false });

  routes.get('/stats', read, async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    return c.json(await buildStats(deps, user, query, prices));
  });

  routes.get('/sessions', read, async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    return c.json(await buildSessionsResponse(deps, user, query));
  });

  return routes;
}
