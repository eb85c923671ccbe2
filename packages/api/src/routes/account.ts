import { isValidTimeZone, MINUTE_MS } from '@devtime/core';
import { userSettingsSchema } from '@devtime/protocol';
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
    return c.json({
      machines: machines.map((m) => ({
        id: m.id,
        name: m.name,
        hostname: m.hostname,
        os: m.os,
        first_seen: new Date(m.firstSeenMs).toISOString(),
        last_seen: new Date(m.lastSeenMs).toISOString(),
      })),
    });
  });

  return routes;
}
