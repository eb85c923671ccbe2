import type { AgentSessionRollupInput } from '@devtime/protocol';
import { compareText } from '../common/compare-text.ts';
import { kindOfPath, languageOfPath } from '../common/file-language.ts';
import { hashCwd, pathInProject, projectOfCwd } from '../common/project-path.ts';
import { ROLLUP_SCHEMA_VERSION } from '../common/schema-version.ts';
import { UsageTally } from '../common/usage-tally.ts';
import type { ClaudeSessionState } from './claude-session-state.ts';

const READ_TOOLS = new Set(['Read', 'NotebookRead']);

interface TurnDraft {
  startedMs: number;
  endedMs: number;
  promptChars: number | null;
  usage: UsageTally;
}

/** Turns a session's fold state into the rollup DevTime uploads; null while it has nothing to show. */
export function buildClaudeRollup(state: ClaudeSessionState): AgentSessionRollupInput | null {
  const messages = Object.values(state.messages);
  if (!Number.isFinite(state.firstMs) || (messages.length === 0 && state.turns.length === 0)) return null;

  const turns: TurnDraft[] = [...state.turns]
    .sort((a, b) => a[0] - b[0])
    .map(([startedMs, promptChars]) => ({
      startedMs,
      endedMs: startedMs,
      promptChars,
      usage: new UsageTally(),
    }));
  if (turns.length === 0) {
    turns.push({
      startedMs: state.firstMs,
      endedMs: state.lastMs,
      promptChars: null,
      usage: new UsageTally(),
    });
  }
  // A turn lasts from its prompt to the last thing that happened before the next prompt.
  for (const timeMs of state.activity) {
    const turn = turns[turnIndexAt(turns, timeMs)];
    if (turn && timeMs >= turn.startedMs && timeMs > turn.endedMs) turn.endedMs = timeMs;
  }

  const session = new UsageTally();
  for (const [model, firstSeenMs, input, output, cacheWrite, cacheRead] of messages) {
    const usage = { calls: 1, input, output, cacheWrite, cacheRead };
    session.add(model, usage);
    turns[Math.max(0, turnIndexAt(turns, firstSeenMs))]?.usage.add(model, usage);
  }
  addCompactionResidual(state, session, turns);

  const kept = turns.filter((turn) => turn.promptChars !== null || !turn.usage.isEmpty());
  return {
    schema_version: ROLLUP_SCHEMA_VERSION,
    agent: 'claude',
    session_id: state.sessionId,
    project: projectOfCwd(state.cwd),
    cwd_hash: hashCwd(state.cwd),
    branch: state.branch,
    agent_version: state.version,
    started_at: state.firstMs,
    ended_at: Math.max(state.lastMs, state.firstMs),
    turns: kept.map((turn) => ({
      started_at: turn.startedMs,
      ended_at: turn.endedMs,
      prompt_chars: turn.promptChars,
      models: turn.usage.toModelUsage('anthropic'),
    })),
    models: session.toModelUsage('anthropic'),
    tools: toolUsage(state),
    files: fileActivity(state),
  };
}

/**
 * `/compact` summarises the conversation with an API call that writes no assistant row. Claude Code's
 * own cumulative `cost-state` includes it, so the part of cost-state that no assistant row explains is
 * that call's usage. Applied only when the session compacted, so a cost-state that (in some version)
 * also counted another session's rows can never inflate an ordinary session.
 */
function addCompactionResidual(state: ClaudeSessionState, session: UsageTally, turns: TurnDraft[]): void {
  if (!state.costState || state.compactions.length === 0) return;
  const lastCompactionMs = Math.max(...state.compactions);
  const turn = turns[Math.max(0, turnIndexAt(turns, lastCompactionMs))];
  for (const [model, [input, output, cacheWrite, cacheRead]] of Object.entries(state.costState)) {
    const seen = session.get(model);
    const residual = {
      calls: 0,
      input: Math.max(0, input - seen.input),
      output: Math.max(0, output - seen.output),
      cacheWrite: Math.max(0, cacheWrite - seen.cacheWrite),
      cacheRead: Math.max(0, cacheRead - seen.cacheRead),
    };
    if (residual.input + residual.output + residual.cacheWrite + residual.cacheRead === 0) continue;
    residual.calls = state.compactions.length;
    session.add(model, residual);
    turn?.usage.add(model, residual);
  }
}

/** Index of the last turn starting at or before `timeMs`; -1 when it precedes every turn. */
function turnIndexAt(turns: TurnDraft[], timeMs: number): number {
  let low = 0;
  let high = turns.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((turns[mid]?.startedMs ?? 0) <= timeMs) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function toolUsage(state: ClaudeSessionState): NonNullable<AgentSessionRollupInput['tools']> {
  const byName = new Map<string, { name: string; calls: number; failures: number; duration_ms: number }>();
  for (const [name, , failed, durationMs] of Object.values(state.tools)) {
    const tool = byName.get(name) ?? { name, calls: 0, failures: 0, duration_ms: 0 };
    tool.calls += 1;
    tool.failures += failed;
    tool.duration_ms += durationMs;
    byName.set(name, tool);
  }
  return [...byName.values()].sort((a, b) => b.calls - a.calls || compareText(a.name, b.name));
}

function fileActivity(state: ClaudeSessionState): NonNullable<AgentSessionRollupInput['files']> {
  const byPath = new Map<string, { reads: number; writes: number; added: number; removed: number }>();
  const entry = (absolute: string) => {
    const path = pathInProject(absolute, state.cwd);
    let file = byPath.get(path);
    if (!file) {
      file = { reads: 0, writes: 0, added: 0, removed: 0 };
      byPath.set(path, file);
    }
    return file;
  };
  for (const [toolUseId, [name, , , , filePath]] of Object.entries(state.tools)) {
    if (!filePath) continue;
    const file = entry(filePath);
    if (READ_TOOLS.has(name)) file.reads += 1;
    else if (!state.edits[toolUseId]) file.writes += 1;
  }
  for (const [filePath, added, removed] of Object.values(state.edits)) {
    const file = entry(filePath);
    file.writes += 1;
    file.added += added;
    file.removed += removed;
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([path, file]) => ({
      path,
      language: languageOfPath(path),
      kind: kindOfPath(path),
      reads: file.reads,
      writes: file.writes,
      lines_added: file.added,
      lines_removed: file.removed,
    }));
}
