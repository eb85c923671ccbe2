import { Hono } from 'hono';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import { buildSessionsResponse } from '../stats/build-sessions.ts';
import { buildStats } from '../stats/build-stats.ts';
import { resolveStatsQuery } from '../stats/resolve-query.ts';

export function statsRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  routes.use(requireAuth(deps, { write: false }));

  routes.get('/stats', async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    return c.json(await buildStats(deps, user, query));
  });

  routes.get('/sessions', async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    return c.json(await buildSessionsResponse(deps, user, query));
  });

  return routes;
}
