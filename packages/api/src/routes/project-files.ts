import { LIMITS } from '@devtime/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, validationError } from '../api-error.ts';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import type { ProjectFilesResponse } from '../dashboard-api.ts';
import { narrowAllTime, rangeBody } from '../stats/build-stats.ts';
import { resolveStatsQuery } from '../stats/resolve-query.ts';

const MAX_FILES = 500;

/** What the route takes besides the range (`range` or `start`/`end`, `tz`, as for /api/stats). */
const filesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_FILES).default(50),
});

/**
 * `GET /api/projects/:project/files?range=|start=&end=&tz=&limit=`: the project's files as editors saw
 * them (heartbeat and save counts, first and last seen), most heartbeats first. Agents' files come from
 * their rollups (`/api/agent/activity`); durations carry no file, so this reads heartbeats.
 */
export function projectFileRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/projects/:project/files', requireAuth(deps, { write: false }), async (c) => {
    const project = c.req.param('project');
    if (project.trim() === '' || project.length > LIMITS.nameLength) {
      throw new ApiError(
        400,
        'validation_failed',
        `project must be 1–${LIMITS.nameLength} characters (URL-encoded in the path)`,
      );
    }
    const { limit: rawLimit, range, start, end, tz } = c.req.query();
    const parsed = filesQuerySchema.safeParse({ limit: rawLimit });
    if (!parsed.success) throw validationError(parsed.error, 'query');
    const user = c.get('principal').user;
    // Only the range parameters: a tool, project or timeout in the query would not narrow this read.
    const rangeQuery = Object.fromEntries(
      Object.entries({ range, start, end, tz }).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
    const query = resolveStatsQuery(rangeQuery, user, deps.clock.nowMs());
    const files = await deps.store.listHeartbeatFiles(user.id, {
      fromMs: query.fromMs,
      toMs: query.toMs,
      project,
      limit: parsed.data.limit,
    });
    const firstMs = files.reduce((first, file) => Math.min(first, file.firstMs), Infinity);
    const response: ProjectFilesResponse = {
      range: rangeBody(narrowAllTime(query, Number.isFinite(firstMs) ? firstMs : undefined)),
      project,
      files: files.map((file) => ({
        path: file.path,
        language: file.language,
        heartbeats: file.heartbeats,
        writes: file.writes,
        first_seen_ms: file.firstMs,
        last_seen_ms: file.lastMs,
      })),
    };
    return c.json(response);
  });
  return routes;
}
