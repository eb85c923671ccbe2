import type { Store } from '@devtime/storage';
import type { Context } from 'hono';
import { ApiError } from './api-error.ts';
import type { Authenticator } from './auth/authenticator.ts';
import type { Principal } from './auth/principal.ts';
import type { RateLimiter } from './auth/rate-limiter.ts';
import type { Clock, Logger } from './clock.ts';
import type { ApiConfig } from './config.ts';
import type { DurationFlusher } from './duration-flusher.ts';

/** What every route needs; built once by createApp. */
export interface ApiDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  config: ApiConfig;
  authenticator: Authenticator;
  flusher: DurationFlusher;
  requestLimiter: RateLimiter;
  authAttemptLimiter: RateLimiter;
}

export type AppEnv = { Variables: { principal: Principal } };
export type AppContext = Context<AppEnv>;

/** Parses a JSON body, turning a syntax error into a 400 the client can act on. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') throw new ApiError(400, 'bad_request', 'request body is empty; expected JSON');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, 'bad_request', `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The caller's address for per-address limits. X-Forwarded-For is believed only behind a proxy the
 * operator declared (`trustProxy`): otherwise any client could send a fresh value with every password
 * guess and never hit the limit.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress || 'unknown';
}
