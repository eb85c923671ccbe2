import { createHash } from 'node:crypto';
import {
  type AgentSessionUploadResponse,
  agentSessionRollupSchema,
  agentSessionUploadSchema,
} from '@devtime/protocol';
import { Hono } from 'hono';
import { ApiError, describeZodError, validationError } from '../api-error.ts';
import { requireAuth } from '../auth/middleware.ts';
import { type ApiDeps, type AppEnv, readJson } from '../context.ts';
import { checkTimestamp } from '../ingest/time-window.ts';
import { resolveStatsQuery } from '../stats/resolve-query.ts';

type Result = AgentSessionUploadResponse['results'][number];

export function agentSessionRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  // Per route, not routes.use(): a sub-app's middleware would also guard every other /api route.
  const write = requireAuth(deps, { write: true });
  const read = requireAuth(deps, { write: false });

  /**
   * The stored agent sessions in a range (same `range`/`start`/`end`/`project` parameters as /api/stats),
   * with `?agent=` to filter and `?include=models` for each session's token totals — what
   * `devtime backfill verify` compares local history against.
   */
  routes.get('/agent/sessions', read, async (c) => {
    const user = c.get('principal').user;
    const query = resolveStatsQuery(c.req.query(), user, deps.clock.nowMs());
    const agent = c.req.query('agent');
    const withModels = c.req.query('include') === 'models';
    const summaries = (await deps.store.listAgentSessions(user.id, query)).filter(
      (summary) => !agent || summary.agent === agent,
    );
    const sessions = [];
    for (const summary of summaries) {
      const rollup = withModels
        ? await deps.store.getAgentSession(user.id, summary.agent, summary.sessionId)
        : null;
      sessions.push({
        agent: summary.agent,
        session_id: summary.sessionId,
        project: summary.project,
        branch: summary.branch,
        machine_id: summary.machineId,
        started_at: summary.startedAtMs,
        ended_at: summary.endedAtMs,
        turns: summary.turns,
        prompts: summary.prompts,
        ...(rollup ? { models: rollup.models, tools: rollup.tools } : {}),
      });
    }
    return c.json({ sessions });
  });

  /** One session's full rollup, as last uploaded. */
  routes.get('/agent/sessions/:agent/:sessionId', read, async (c) => {
    const user = c.get('principal').user;
    const rollup = await deps.store.getAgentSession(user.id, c.req.param('agent'), c.req.param('sessionId'));
    if (!rollup) throw new ApiError(404, 'not_found', 'no such agent session');
    return c.json(rollup);
  });

  /** One rollup, or `{ sessions: [...] }`; each is validated and stored on its own. */
  routes.post('/agent/sessions', write, async (c) => {
    const body = await readJson(c);
    const isEnvelope = typeof body === 'object' && body !== null && 'sessions' in body;
    const envelope = agentSessionUploadSchema.safeParse(isEnvelope ? body : { sessions: [body] });
    if (!envelope.success) throw validationError(envelope.error, 'upload');
    const userId = c.get('principal').user.id;
    const nowMs = deps.clock.nowMs();
    const results: Result[] = [];
    for (const [index, item] of envelope.data.sessions.entries()) {
      const parsed = agentSessionRollupSchema.safeParse(item);
      if (!parsed.success) {
        results.push(rejected(index, describeZodError(parsed.error)));
        continue;
      }
      const rollup = parsed.data;
      const badTime = [
        checkTimestamp(rollup.started_at, nowMs, deps.config, 'started_at'),
        checkTimestamp(rollup.ended_at, nowMs, deps.config, 'ended_at'),
      ].find((check) => !check.ok);
      if (badTime && !badTime.ok) {
        results.push(rejected(index, badTime.reason));
        continue;
      }
      const contentHash = createHash('sha256').update(JSON.stringify(rollup)).digest('hex');
      const status = await deps.store.upsertAgentSession(userId, rollup, contentHash, nowMs);
      if (status !== 'unchanged') deps.flusher.schedule();
      results.push({ index, session_id: rollup.session_id, status });
    }
    const [only] = results;
    if (!isEnvelope && only && 'error' in only) {
      throw new ApiError(400, 'validation_failed', `session rollup is invalid: ${only.error.message}`);
    }
    const response: AgentSessionUploadResponse = { results };
    return c.json(response, 200);
  });

  return routes;
}

function rejected(index: number, message: string): Result {
  return { index, status: 'rejected', error: { code: 'validation_failed', message } };
}
