import type { Store } from '@devtime/storage';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api-error.ts';
import { Authenticator } from './auth/authenticator.ts';
import { RateLimiter } from './auth/rate-limiter.ts';
import { type Clock, type Logger, silentLogger, systemClock } from './clock.ts';
import { type ApiConfig, DEFAULT_API_CONFIG } from './config.ts';
import type { ApiDeps, AppEnv } from './context.ts';
import { DurationFlusher } from './duration-flusher.ts';
import { accountRoutes } from './routes/account.ts';
import { agentSessionRoutes } from './routes/agent-sessions.ts';
import { authRoutes } from './routes/auth.ts';
import { dashboardReadRoutes } from './routes/dashboard-reads.ts';
import { exportRoutes } from './routes/export.ts';
import { heartbeatRoutes } from './routes/heartbeats.ts';
import { projectFileRoutes } from './routes/project-files.ts';
import { statsRoutes } from './routes/stats.ts';
import { readPriceTable } from './stats/price-table.ts';

export interface CreateAppOptions {
  store: Store;
  clock?: Clock;
  log?: Logger;
  config?: Partial<ApiConfig>;
  version?: string;
}

export interface DevtimeApi {
  app: Hono<AppEnv>;
  deps: ApiDeps;
  /** Flushes pending duration work; call before closing the store. */
  shutdown(): Promise<void>;
}

export function createApp(options: CreateAppOptions): DevtimeApi {
  const config: ApiConfig = { ...DEFAULT_API_CONFIG, ...options.config };
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const deps: ApiDeps = {
    store: options.store,
    clock,
    log,
    config,
    authenticator: new Authenticator(options.store, clock, config.keyCacheTtlMs),
    flusher: new DurationFlusher(options.store, log, config.durationFlushDelayMs),
    requestLimiter: new RateLimiter(config.rateLimitPerSecond, config.rateLimitBurst),
    authAttemptLimiter: new RateLimiter(config.authAttemptsPerMinute / 60, config.authAttemptsPerMinute),
  };

  const app = new Hono<AppEnv>();
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `request body exceeds ${config.bodyLimitBytes} bytes`);
      },
    }),
  );

  app.get('/api/health', (c) =>
    c.json({ status: 'ok', version: options.version ?? '0.0.0', database: options.store.dialect }),
  );
  // Once per app, for every route that prices usage: a bad prices file stops startup instead of
  // mispricing every request.
  const prices = readPriceTable(config.pricesFile);
  if (!prices.ok) throw new Error(prices.error);

  const api = new Hono<AppEnv>();
  api.route('/', authRoutes(deps));
  api.route('/', accountRoutes(deps));
  api.route('/', heartbeatRoutes(deps));
  api.route('/', agentSessionRoutes(deps));
  api.route('/', statsRoutes(deps, prices.value));
  api.route('/', dashboardReadRoutes(deps, prices.value));
  api.route('/', exportRoutes(deps));
  api.route('/', projectFileRoutes(deps));
  app.route('/api', api);

  app.notFound((c) => {
    if (!c.req.path.startsWith('/api/')) return c.text('Not found', 404);
    return c.json(new ApiError(404, 'not_found', `no route for ${c.req.method} ${c.req.path}`).toBody(), 404);
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status);
    }
    log.error('unhandled error', { path: c.req.path, error: error.stack ?? String(error) });
    return c.json(new ApiError(500, 'internal', 'internal server error').toBody(), 500);
  });

  return { app, deps, shutdown: () => deps.flusher.close() };
}
