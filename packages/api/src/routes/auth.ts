import { randomBytes } from 'node:crypto';
import { isValidTimeZone } from '@devtime/core';
import { createTokenRequestSchema, loginRequestSchema, signupRequestSchema } from '@devtime/protocol';
import type { UserRecord } from '@devtime/storage';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createAccount, issueApiKey, keySummary } from '../accounts.ts';
import { ApiError, validationError } from '../api-error.ts';
import { hashSessionToken } from '../auth/authenticator.ts';
import { SESSION_COOKIE } from '../auth/credentials.ts';
import { requireAuth } from '../auth/middleware.ts';
import { verifyPassword } from '../auth/password.ts';
import { type ApiDeps, type AppEnv, clientAddress, readJson } from '../context.ts';

export function authRoutes(deps: ApiDeps) {
  const routes = new Hono<AppEnv>();
  const write = requireAuth(deps, { write: true });
  const read = requireAuth(deps, { write: false });

  /** Password checks are slow on purpose and limited per address against guessing. */
  function limitAttempts(c: Context) {
    const wait = deps.authAttemptLimiter.take(
      `ip:${clientAddress(c, deps.config.trustProxy)}`,
      deps.clock.nowMs(),
    );
    if (wait > 0) {
      throw new ApiError(429, 'rate_limited', `too many attempts; retry in ${wait} s`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
  }

  async function checkPassword(c: Context, username: string, password: string): Promise<UserRecord> {
    limitAttempts(c);
    const user = await deps.store.getUserByUsername(username);
    const ok = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
    if (!user || !ok) throw new ApiError(401, 'unauthorized', 'wrong username or password');
    return user;
  }

  // A key from a session or key, or from username + password (how a client logs in the first time).
  routes.post('/auth/token', async (c) => {
    const body = await readJson(c);
    const parsed = createTokenRequestSchema.safeParse(body ?? {});
    if (!parsed.success) throw validationError(parsed.error, 'token request');
    const { name, read_only: readOnly, username, password } = parsed.data;
    const nowMs = deps.clock.nowMs();
    if (username !== undefined || password !== undefined) {
      const user = await checkPassword(c, username ?? '', password ?? '');
      return c.json(await issueApiKey(deps.store, { userId: user.id, name, readOnly, nowMs }), 201);
    }
    await write(c, async () => {}); // authenticates (or throws) and sets the principal
    const userId = c.get('principal').user.id;
    return c.json(await issueApiKey(deps.store, { userId, name, readOnly, nowMs }), 201);
  });

  routes.get('/auth/tokens', read, async (c) => {
    const keys = await deps.store.listApiKeys(c.get('principal').user.id);
    return c.json({ keys: keys.filter((k) => k.revokedAtMs === null).map(keySummary) });
  });

  routes.delete('/auth/tokens/:id', write, async (c) => {
    const user = c.get('principal').user;
    const revoked = await deps.store.revokeApiKey(user.id, c.req.param('id'));
    if (!revoked) throw new ApiError(404, 'not_found', 'no such API key');
    deps.authenticator.forgetUser(user.id);
    return c.json({ ok: true });
  });

  routes.post('/auth/login', async (c) => {
    const parsed = loginRequestSchema.safeParse(await readJson(c));
    if (!parsed.success) throw validationError(parsed.error, 'login');
    let user: UserRecord;
    if (parsed.data.api_key) {
      limitAttempts(c);
      const principal = await deps.authenticator.authenticate({ kind: 'key', key: parsed.data.api_key });
      if (!principal || principal.readOnly)
        throw new ApiError(401, 'unauthorized', 'invalid, revoked or read-only key');
      user = principal.user;
    } else if (parsed.data.username && parsed.data.password) {
      user = await checkPassword(c, parsed.data.username, parsed.data.password);
    } else {
      throw new ApiError(400, 'validation_failed', 'send username and password, or api_key');
    }
    const token = randomBytes(32).toString('base64url');
    const nowMs = deps.clock.nowMs();
    await deps.store.createWebSession({
      idHash: hashSessionToken(token),
      userId: user.id,
      createdAtMs: nowMs,
      expiresAtMs: nowMs + deps.config.webSessionTtlMs,
    });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      maxAge: Math.floor(deps.config.webSessionTtlMs / 1000),
    });
    return c.json({ ok: true, user: publicUser(user) });
  });

  routes.post('/auth/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deps.store.deleteWebSession(hashSessionToken(token));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  routes.post('/auth/signup', async (c) => {
    if (!deps.config.allowSignup) {
      throw new ApiError(
        403,
        'forbidden',
        'signup is disabled on this server; ask its admin (devtime user add)',
      );
    }
    limitAttempts(c);
    const parsed = signupRequestSchema.safeParse(await readJson(c));
    if (!parsed.success) throw validationError(parsed.error, 'signup');
    const timeZone = parsed.data.timezone ?? 'UTC';
    if (!isValidTimeZone(timeZone))
      throw new ApiError(400, 'validation_failed', `unknown timezone "${timeZone}"`);
    if (await deps.store.getUserByUsername(parsed.data.username)) {
      throw new ApiError(409, 'conflict', 'that username is taken');
    }
    const { user, key } = await createAccount(deps.store, {
      username: parsed.data.username,
      password: parsed.data.password,
      timeZone,
      isAdmin: false,
      keyName: 'default',
      nowMs: deps.clock.nowMs(),
    });
    return c.json({ user: publicUser(user), key }, 201);
  });

  return routes;
}

export function publicUser(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    timezone: user.timeZone,
    timeout_minutes: user.timeoutMs / 60_000,
    is_admin: user.isAdmin,
  };
}

function isHttps(c: Context): boolean {
  return c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
}
