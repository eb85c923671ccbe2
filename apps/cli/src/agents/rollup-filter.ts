import type { AgentSessionRollupInput } from '@devtime/protocol';

/** `--since`, `--until` and `--project` of the backfill commands. */
export interface RollupFilter {
  sinceMs?: number | undefined;
  untilMs?: number | undefined;
  project?: string | undefined;
}

/** A session is in range when it overlaps [since, until]; the project matches by name. */
export function matchesFilter(rollup: AgentSessionRollupInput, filter: RollupFilter): boolean {
  if (filter.sinceMs !== undefined && rollup.ended_at < filter.sinceMs) return false;
  if (filter.untilMs !== undefined && rollup.started_at > filter.untilMs) return false;
  if (filter.project !== undefined && rollup.project !== filter.project) return false;
  return true;
}

/** `2026-03-01`, an ISO timestamp, or a number of days back (`30d`). */
export function parseDateFlag(
  value: string | undefined,
  nowMs: number,
  endOfDay = false,
): number | undefined {
  if (value === undefined) return undefined;
  const days = /^(\d+)d$/.exec(value);
  if (days) return nowMs - Number(days[1]) * 86_400_000;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}` : value);
  if (!Number.isFinite(ms)) throw new Error(`"${value}" is not a date (use 2026-03-01, an ISO time, or 30d)`);
  return ms;
}
