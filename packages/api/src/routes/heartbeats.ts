import type { HeartbeatBatchResponse, HeartbeatItemResult, HeartbeatResponse } from '@devtime/protocol';
import { heartbeatBatchSchema } from '@devtime/protocol';
import { Hono } from 'hono';
import { ApiError, validationError } from '../api-error.ts';
import { requireAuth } from '../auth/middleware.ts';
import { type ApiDeps, type AppContext, type AppEnv, readJson } from '../context.ts';
import { GroupCommit } from '../ingest/group-commit.ts';
import { prepareHeartbeats } from '../ingest/ingest-heartbeats.ts';
import { MachineTracker, machineFromHeaders } from '../ingest/machine-tracker.ts';

export function heartbeatRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  const machines = new MachineTracker(deps.store);
  const groupCommit = new GroupCommit(deps.store);
  // Per route, not routes.use(): a sub-app's middleware would also guard every other /api route.
  const write = requireAuth(deps, { write: true });

  async function ingest(c: AppContext, items: readonly unknown[]) {
    const nowMs = deps.clock.nowMs();
    const userId = c.get('principal').user.id;
    const machine = machineFromHeaders({
      id: c.req.header('x-machine-id'),
      hostname: c.req.header('x-machine-name') ?? c.req.header('x-machine-hostname'),
      os: c.req.header('x-machine-os'),
    });
    if (machine) await machines.note(userId, machine, nowMs);
    const batch = prepareHeartbeats(items, { machineId: machine?.id ?? null, nowMs, config: deps.config });
    const fresh = batch.rows.length > 0 ? await groupCommit.insert(userId, batch.rows) : [];
    if (fresh.some(Boolean)) deps.flusher.schedule();
    const results: HeartbeatItemResult[] = [...batch.rejected];
    batch.rowIndexes.forEach((index, position) => {
      results.push({ index, status: fresh[position] ? 'created' : 'duplicate' });
    });
    results.sort((a, b) => a.index - b.index);
    return results;
  }

  routes.post('/heartbeat', write, async (c) => {
    const body = await readJson(c);
    if (Array.isArray(body)) {
      throw new ApiError(
        400,
        'bad_request',
        'expected one heartbeat object; send arrays to /api/heartbeat/batch',
      );
    }
    const [result] = await ingest(c, [body]);
    if (!result || result.status === 'rejected') {
      const message = result && 'error' in result ? result.error.message : 'invalid heartbeat';
      throw new ApiError(400, 'validation_failed', `heartbeat is invalid: ${message}`);
    }
    const response: HeartbeatResponse = { ok: true, status: result.status };
    return c.json(response, result.status === 'created' ? 201 : 200);
  });

  routes.post('/heartbeat/batch', write, async (c) => {
    const body = await readJson(c);
    const envelope = heartbeatBatchSchema.safeParse(Array.isArray(body) ? { heartbeats: body } : body);
    if (!envelope.success) throw validationError(envelope.error, 'batch');
    const results = await ingest(c, envelope.data.heartbeats);
    const count = (status: HeartbeatItemResult['status']) =>
      results.filter((r) => r.status === status).length;
    const response: HeartbeatBatchResponse = {
      accepted: count('created'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
    return c.json(response, 200);
  });

  return routes;
}
