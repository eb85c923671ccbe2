import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../api-error.ts';
import type { ApiDeps, AppEnv } from '../context.ts';
import { readCredential, SESSION_COOKIE } from './credentials.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates the request and applies the per-key rate limit. `write` routes refuse read-only keys.
 * Cookie-authenticated writes must come from the same origin (the cookie is SameSite=Lax, and this
 * check closes the remaining cross-site form-post gap).
 */
export function requireAuth(deps: ApiDeps, options: { write: boolean }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const credential = readCredential(
      c.req.header('authorization'),
      c.req.query('api_key'),
      getCookie(c, SESSION_COOKIE),
    );
    if (credential.kind === 'none') {
      throw new ApiError(401, 'unauthorized', 'missing credentials: send "Authorization: Bearer <api key>"', {
        headers: { 'WWW-Authenticate': 'Bearer realm="devtime"' },
      });
    }
    const principal = await deps.authenticator.authenticate(credential);
    if (!principal) {
      throw new ApiError(
        401,
        'unauthorized',
        credential.kind === 'key' ? 'invalid or revoked API key' : 'session expired; log in again',
        { headers: { 'WWW-Authenticate': 'Bearer realm="devtime"' } },
      );
    }
    if (options.write && principal.readOnly) {
      throw new ApiError(403, 'forbidden', 'this API key is read-only');
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(c.req.method) && !isSameOrigin(c.req.raw)) {
      throw new ApiError(403, 'forbidden', 'cross-site request refused');
    }
    const waitSeconds = deps.requestLimiter.take(
      principal.keyId ?? `user:${principal.user.id}`,
      deps.clock.nowMs(),
    );
    if (waitSeconds > 0) {
      throw new ApiError(429, 'rate_limited', `rate limit exceeded; retry in ${waitSeconds} s`, {
        headers: { 'Retry-After': String(waitSeconds) },
      });
    }
    c.set('principal', principal);
    await next();
  });
}

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin') ?? request.headers.get('referer');
  if (!origin) return false;
  try {
    const host = request.headers.get('host');
    return new URL(origin).host === (host ?? new URL(request.url).host);
  } catch {
    return false;
  }
}
