import { isValidTimeZone, MINUTE_MS, resolveRange } from '@devtime/core';
import { type StatsQuery, statsQuerySchema } from '@devtime/protocol';
import type { UserRecord } from '@devtime/storage';
import { ApiError, validationError } from '../api-error.ts';

export interface ResolvedQuery {
  name: string | null;
  fromMs: number;
  toMs: number;
  timeZone: string;
  timeoutMs: number;
  /** The materialised durations only hold the user's own timeout; another one recomputes from events. */
  usesMaterialised: boolean;
  tool: string | undefined;
  project: string | undefined;
}

/** Query string → a validated range in the user's (or the query's) timezone. */
export function resolveStatsQuery(
  raw: Record<string, string>,
  user: UserRecord,
  nowMs: number,
): ResolvedQuery {
  const parsed = statsQuerySchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'query');
  const query: StatsQuery = parsed.data;
  const timeZone = query.tz ?? user.timeZone;
  if (!isValidTimeZone(timeZone)) {
    throw new ApiError(
      400,
      'validation_failed',
      `unknown timezone "${timeZone}"; use an IANA name such as Europe/Berlin`,
    );
  }
  const range = resolveRange({ range: query.range, start: query.start, end: query.end }, { nowMs, timeZone });
  if (!range.ok) throw new ApiError(400, 'validation_failed', range.error);
  const timeoutMs = query.timeout ? query.timeout * MINUTE_MS : user.timeoutMs;
  return {
    name: range.value.name,
    fromMs: range.value.fromMs,
    toMs: range.value.toMs,
    timeZone,
    timeoutMs,
    usesMaterialised: timeoutMs === user.timeoutMs,
    tool: query.tool,
    project: query.project,
  };
}
