import type { DurationInterval } from '@devtime/core';
import { mergeTouchingIntervals, toIsoInZone } from '@devtime/core';
import { Hono } from 'hono';
import { ApiError } from '../api-error.ts';
import { requireAuth } from '../auth/middleware.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import { narrowAllTime, rangeBody } from '../stats/build-stats.ts';
import { readIntervals } from '../stats/read-intervals.ts';
import { readRollups } from '../stats/read-rollups.ts';
import { resolveStatsQuery } from '../stats/resolve-query.ts';
import { publicUser } from './auth.ts';
import { csvCell } from './csv-cell.ts';
import { heartbeatExportStream } from './export-heartbeats.ts';

const EXPORT_CSV_COLUMNS = [
  'start',
  'end',
  'seconds',
  'tool',
  'project',
  'language',
  'category',
  'branch',
  'machine',
  'events',
] as const;

/**
 * `GET /api/export?format=json|csv&what=durations|heartbeats` (default json and durations, range default
 * all_time; same query as /api/stats). `durations`: the user's time as intervals clipped to the range,
 * one row per stretch of one tool with the same dimensions, and with JSON also every agent session rollup
 * as uploaded. `heartbeats`: the raw heartbeats in the range, streamed as NDJSON or CSV. Sent as a download.
 */
export function exportRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  routes.get('/export', requireAuth(deps, { write: false }), async (c) => {
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') {
      throw new ApiError(400, 'validation_failed', 'format must be json or csv');
    }
    const what = c.req.query('what') ?? 'durations';
    if (what !== 'durations' && what !== 'heartbeats') {
      throw new ApiError(400, 'validation_failed', 'what must be durations or heartbeats');
    }
    // The stats query schema ignores format and what.
    const raw = c.req.query();
    const hasRange = raw.range !== undefined || raw.start !== undefined;
    const user = c.get('principal').user;
    const query = resolveStatsQuery(hasRange ? raw : { ...raw, range: 'all_time' }, user, deps.clock.nowMs());
    const stamp = new Date(deps.clock.nowMs()).toISOString().slice(0, 10);
    c.header('cache-control', 'no-store');
    if (what === 'heartbeats') {
      const extension = format === 'csv' ? 'csv' : 'ndjson';
      c.header('content-disposition', `attachment; filename="devtime-heartbeats-${stamp}.${extension}"`);
      c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      return c.body(heartbeatExportStream(deps, user.id, query, format));
    }
    const intervals = exportIntervals(await readIntervals(deps, user.id, query), query.fromMs, query.toMs);
    const range = narrowAllTime(query, intervals[0]?.startMs);
    c.header('content-disposition', `attachment; filename="devtime-export-${stamp}.${format}"`);
    if (format === 'csv') {
      c.header('content-type', 'text/csv; charset=utf-8');
      const lines = [EXPORT_CSV_COLUMNS.join(',')];
      for (const row of intervals) lines.push(csvRow(row, range.timeZone));
      return c.body(`${lines.join('\r\n')}\r\n`);
    }
    const rollups = await readRollups(deps, user.id, await deps.store.listAgentSessions(user.id, range));
    return c.json({
      exported_at: new Date(deps.clock.nowMs()).toISOString(),
      user: publicUser(user),
      range: rangeBody(range),
      durations: intervals.map((i) => ({
        start: toIsoInZone(i.startMs, range.timeZone),
        end: toIsoInZone(i.endMs, range.timeZone),
        seconds: (i.endMs - i.startMs) / 1000,
        ...i.dims,
        events: i.eventCount,
      })),
      agent_sessions: rollups,
    });
  });
  return routes;
}

/**
 * Clipped to the range and joined across the UTC-midnight splits storage keeps, tool by tool (parallel
 * tools interleave in start order, so touching rows of one tool are only neighbours within that tool).
 */
function exportIntervals(intervals: DurationInterval[], fromMs: number, toMs: number): DurationInterval[] {
  const clipped = intervals
    .map((i) => ({ ...i, startMs: Math.max(i.startMs, fromMs), endMs: Math.min(i.endMs, toMs) }))
    .filter((i) => i.endMs > i.startMs)
    .sort((a, b) => a.dims.tool.localeCompare(b.dims.tool) || a.startMs - b.startMs);
  return mergeTouchingIntervals(clipped).sort(
    (a, b) => a.startMs - b.startMs || a.dims.tool.localeCompare(b.dims.tool),
  );
}

function csvRow(i: DurationInterval, timeZone: string): string {
  const { tool, project, language, category, branch, machine } = i.dims;
  const cells = [
    toIsoInZone(i.startMs, timeZone),
    toIsoInZone(i.endMs, timeZone),
    String((i.endMs - i.startMs) / 1000),
    tool,
    project,
    language,
    category,
    branch,
    machine,
    String(i.eventCount),
  ];
  return cells.map(csvCell).join(',');
}
