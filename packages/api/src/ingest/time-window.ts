import type { ApiConfig } from '../config.ts';

export type TimeCheck = { ok: true } | { ok: false; reason: string };

/** Rejects timestamps a clock bug or a unit mix-up (seconds sent as ms) would produce. */
export function checkTimestamp(
  timeMs: number,
  nowMs: number,
  config: Pick<ApiConfig, 'maxPastMs' | 'maxFutureMs'>,
  field = 'timestamp',
): TimeCheck {
  if (timeMs > nowMs + config.maxFutureMs) {
    return {
      ok: false,
      reason: `${field} ${new Date(timeMs).toISOString()} is in the future (more than ${Math.round(config.maxFutureMs / 60_000)} min ahead of the server clock)`,
    };
  }
  if (timeMs < nowMs - config.maxPastMs) {
    const hint = timeMs < 1e11 ? '; timestamps are Unix milliseconds, not seconds' : '';
    return {
      ok: false,
      reason: `${field} ${new Date(timeMs).toISOString()} is too far in the past${hint}`,
    };
  }
  return { ok: true };
}
