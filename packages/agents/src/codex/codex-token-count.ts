import type { CodexSessionState, SourceState } from './codex-session-state.ts';
import { addUsage } from './codex-turns.ts';
import { isZeroUsage, readUsage, sameUsage, tokenEventKey, usageSince } from './codex-usage.ts';

export type TokenCountResult = 'counted' | 'ignored' | 'malformed';

/**
 * Folds one `event_msg` `token_count`. Codex writes one after each model call, and again whenever only the
 * rate limits changed (same totals), and its info is null before the first call. The traps, in order:
 * null info; repeated totals; a subagent's replay of its parent's history before its own first turn;
 * copies of another file's events (forks), which the cross-file dedupe index rejects.
 */
export function foldTokenCount(
  state: CodexSessionState,
  source: SourceState,
  payload: Record<string, unknown>,
  ms: number | null,
  timestamp: string,
  claim: (key: string) => boolean,
): TokenCountResult {
  const info = payload.info;
  if (info === null || info === undefined) return 'ignored';
  if (typeof info !== 'object') return 'malformed';
  const record = info as Record<string, unknown>;
  const total = readUsage(record.total_token_usage);
  const last = readUsage(record.last_token_usage);
  if (!total && !last) return 'malformed';

  const previous = state.lastTotal;
  if (total) state.lastTotal = total;
  if (total && previous && sameUsage(total, previous)) return 'ignored';
  if (!source.started) return 'ignored';

  // last_token_usage is the call itself; only records without it need the difference of totals.
  const usage = last ?? usageSince(total!, previous);
  if (isZeroUsage(usage)) return 'ignored';
  if (!claim(tokenEventKey(total, last, timestamp))) return 'ignored';

  const model = typeof record.model === 'string' && record.model ? record.model : (state.model ?? 'unknown');
  addUsage(state, ms, model, usage);
  return 'counted';
}
