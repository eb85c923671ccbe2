import { isValidTimeZone, MINUTE_MS } from '@devtime/core';
import {
  type DeleteMachineResponse,
  MACHINE_ID_PATTERN,
  type MachineListResponse,
  type MachineSummary,
  type RenameMachineResponse,
  renameMachineRequestSchema,
  userSettingsSchema,
} from '@devtime/protocol';
import type { MachineRecord } from '@devtime/storage';
import { Hono } from 'hono';
import { ApiError, validationError } from '../api-error.ts';
import { requireAuth } from '../auth/middleware.ts';
import { type ApiDeps, type AppEnv, readJson } from '../context.ts';
import { publicUser } from './auth.ts';

export function accountRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();

  routes.get('/me', requireAuth(deps, { write: false }), (c) =>
    c.json({ user: publicUser(c.get('principal').user) }),
  );

  routes.patch('/me/settings', requireAuth(deps, { write: true }), async (c) => {
    const parsed = userSettingsSchema.safeParse(await readJson(c));
    if (!parsed.success) throw validationError(parsed.error, 'settings');
    const user = c.get('principal').user;
    const { timezone, timeout_minutes: timeoutMinutes } = parsed.data;
    if (timezone !== undefined && !isValidTimeZone(timezone)) {
      throw new ApiError(400, 'validation_failed', `unknown timezone "${timezone}"`);
    }
    const timeoutMs = timeoutMinutes === undefined ? undefined : timeoutMinutes * MINUTE_MS;
    const updated = await deps.store.updateUser(user.id, {
      ...(timezone !== undefined ? { timeZone: timezone } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    if (!updated) throw new ApiError(404, 'not_found', 'user no longer exists');
    deps.authenticator.forgetUser(user.id);
    // The materialised durations embody the timeout, so a new timeout recomputes them.
    if (timeoutMs !== undefined && timeoutMs !== user.timeoutMs) await deps.store.rebuildDurations(user.id);
    return c.json({ user: publicUser(updated) });
  });

  routes.get('/machines', requireAuth(deps, { write: false }), async (c) => {
    const machines = await deps.store.listMachines(c.get('principal').user.id);
    const response: MachineListResponse = { machines: machines.map(machineSummary) };
    return c.json(response);
  });

  /** Sets the display name (null clears it); the machine's own X-Machine-Name only updates `hostname`. */
  routes.patch('/machines/:id', requireAuth(deps, { write: true }), async (c) => {
    const parsed = renameMachineRequestSchema.safeParse(await readJson(c));
    if (!parsed.success) throw validationError(parsed.error, 'rename');
    const machine = await deps.store.renameMachine(
      c.get('principal').user.id,
      machineIdParam(c.req.param('id')),
      parsed.data.name,
    );
    if (!machine) throw new ApiError(404, 'not_found', 'no such machine');
    const response: RenameMachineResponse = { machine: machineSummary(machine) };
    return c.json(response);
  });

  /**
   * Forgets a machine; `?purge=true` also deletes the agent sessions uploaded from it. Heartbeats keep
   * their machine id, and a machine that reports again is listed again.
   */
  routes.delete('/machines/:id', requireAuth(deps, { write: true }), async (c) => {
    const purgeParam = c.req.query('purge');
    if (purgeParam !== undefined && !['true', 'false', '1', '0', ''].includes(purgeParam)) {
      throw new ApiError(400, 'bad_request', 'purge must be true or false');
    }
    const purge = purgeParam === 'true' || purgeParam === '1' || purgeParam === '';
    const deleted = await deps.store.deleteMachine(
      c.get('principal').user.id,
      machineIdParam(c.req.param('id')),
      { purgeAgentSessions: purge },
    );
    if (!deleted.machine && deleted.agentSessions === 0) {
      throw new ApiError(404, 'not_found', 'no such machine');
    }
    if (deleted.agentSessions > 0) deps.flusher.schedule();
    const response: DeleteMachineResponse = {
      ok: true,
      machine_deleted: deleted.machine,
      purged_agent_sessions: deleted.agentSessions,
    };
    return c.json(response);
  });

  return routes;
}

function machineSummary(m: MachineRecord): MachineSummary {
  return {
    id: m.id,
    name: m.name,
    hostname: m.hostname,
    os: m.os,
    first_seen: new Date(m.firstSeenMs).toISOString(),
    last_seen: new Date(m.lastSeenMs).toISOString(),
  };
}

/** Ingest stores UUID machine ids in lower case, so an id typed in upper case still matches. */
function machineIdParam(id: string): string {
  const lower = id.trim().toLowerCase();
  return MACHINE_ID_PATTERN.test(lower) ? lower : id;
}
