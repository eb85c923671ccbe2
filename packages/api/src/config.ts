/** Server behaviour that an operator can tune; the CLI fills it from flags, env and config.toml. */
export interface ApiConfig {
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** Per-key token bucket: sustained requests per second and burst size. 0 disables. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Per-IP limit for password and signup attempts, per minute. */
  authAttemptsPerMinute: number;
  /** Believe X-Forwarded-For for per-address limits (only when behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** Whether `POST /api/auth/signup` may create users. */
  allowSignup: boolean;
  /** Heartbeats and agent turns older than this are rejected (backfill of years must fit). */
  maxPastMs: number;
  /** Clock skew tolerated for timestamps in the future. */
  maxFutureMs: number;
  /** Dashboard session lifetime. */
  webSessionTtlMs: number;
  /** Delay before materialising durations after ingest; batches the work of bursts of requests. */
  durationFlushDelayMs: number;
  /** How long an API key lookup is cached in process (revocation through this server is immediate). */
  keyCacheTtlMs: number;
  /**
   * A JSON file of model prices merged over the bundled price table (format: core's `loadPriceOverrides`),
   * read once when the app is created; an unreadable or invalid file fails startup. Unset: bundled only.
   */
  pricesFile?: string | undefined;
}

const DAY_MS = 86_400_000;

export const DEFAULT_API_CONFIG: ApiConfig = {
  bodyLimitBytes: 5 * 1024 * 1024,
  rateLimitPerSecond: 100,
  rateLimitBurst: 2_000,
  authAttemptsPerMinute: 20,
  trustProxy: false,
  allowSignup: false,
  maxPastMs: 20 * 365 * DAY_MS,
  maxFutureMs: 15 * 60_000,
  webSessionTtlMs: 30 * DAY_MS,
  durationFlushDelayMs: 25,
  keyCacheTtlMs: 5_000,
};
