import type { AgentSessionRollupInput } from '@devtime/protocol';
import { compareText } from '../common/compare-text.ts';
import { kindOfPath, languageOfPath } from '../common/file-language.ts';
import { hashCwd, projectOfCwd } from '../common/project-path.ts';
import { ROLLUP_SCHEMA_VERSION } from '../common/schema-version.ts';
import { UsageTally } from '../common/usage-tally.ts';
import type { CodexSessionState } from './codex-session-state.ts';
import type { UsageSum } from './codex-usage.ts';

function counts(sum: UsageSum) {
  // Codex reports no cache writes: cached input is only ever read.
  return {
    calls: sum.calls,
    input: sum.input,
    output: sum.output,
    cacheWrite: 0,
    cacheRead: sum.cached,
    reasoning: sum.reasoning,
  };
}

/**
 * The session rollup (schema v1) from the fold state. Session model totals are the sums of the turns'
 * usage, so the two agree exactly, as the schema requires. Null until the session has a time and a turn
 * or a tool call.
 */
export function buildRollup(state: CodexSessionState): AgentSessionRollupInput | null {
  if (state.startMs === null || state.endMs === null) return null;
  // A thread opened and left without a prompt or a call has nothing to show.
  if (state.turns.length === 0 && Object.keys(state.tools).length === 0) return null;
  const session = new UsageTally();
  const turns = state.turns.map((turn) => {
    const usage = new UsageTally();
    for (const [model, sum] of Object.entries(turn.models)) {
      usage.add(model, counts(sum));
      session.add(model, counts(sum));
    }
    return {
      started_at: turn.start,
      ended_at: turn.end,
      prompt_chars: turn.chars,
      models: usage.toModelUsage(state.provider),
    };
  });
  return {
    schema_version: ROLLUP_SCHEMA_VERSION,
    agent: 'codex',
    session_id: state.id,
    project: projectOfCwd(state.cwd),
    cwd_hash: hashCwd(state.cwd),
    branch: state.branch,
    agent_version: state.version,
    started_at: state.startMs,
    ended_at: state.endMs,
    turns,
    models: session.toModelUsage(state.provider),
    tools: Object.entries(state.tools)
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, tool]) => ({
        name,
        calls: tool.calls,
        failures: tool.failures,
        duration_ms: Math.round(tool.durationMs),
      })),
    files: Object.entries(state.files)
      .sort(([a], [b]) => compareText(a, b))
      .map(([path, file]) => ({
        path,
        language: languageOfPath(path),
        kind: kindOfPath(path),
        reads: 0,
        writes: file.writes,
        lines_added: file.added,
        lines_removed: file.removed,
      })),
  };
}
