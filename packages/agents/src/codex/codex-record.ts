import { countStructuredChanges, patchOfCall } from './codex-patch.ts';
import { userItemChars, userMessageChars } from './codex-prompts.ts';
import type { CodexSessionState, SourceState } from './codex-session-state.ts';
import { foldTokenCount } from './codex-token-count.ts';
import { foldCallOutput, foldExecResult, foldPatchResult, registerCall } from './codex-tool-calls.ts';
import { durationMs, isFailedStatus } from './codex-tool-results.ts';
import { addPrompt, closeTurn, startTask, touchTime } from './codex-turns.ts';

/** One parsed rollout line: `{timestamp, type, payload}`. */
export interface CodexRecord {
  type: string;
  timestamp: string;
  ms: number | null;
  payload: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Applies one record to its session. Returns false when a record of a known kind is not understood.
 * Before the file's first turn_context/task_started nothing is counted (a subagent file replays its
 * parent's history there) and only the file's own session_meta dates the session.
 */
export function applyRecord(
  state: CodexSessionState,
  source: SourceState,
  record: CodexRecord,
  claim: (key: string) => boolean,
): boolean {
  const { payload, ms } = record;
  // Nothing in a thread happens before it was created: an older line is history copied into a fork.
  if (ms !== null && state.metaMs !== null && ms < state.metaMs) return true;
  let understood = true;
  let timed = source.started;
  switch (record.type) {
    case 'session_meta':
      timed = applyMeta(state, payload);
      if (timed && ms !== null && state.metaMs === null) state.metaMs = ms;
      break;
    case 'turn_context':
      source.started = true;
      timed = true;
      state.model = str(payload.model) ?? state.model;
      state.turnCwd = str(payload.cwd) ?? state.turnCwd;
      break;
    case 'event_msg':
      if (payload.type === 'task_started') {
        source.started = true;
        timed = true;
        startTask(state, ms);
      } else if (source.started) {
        understood = applyEvent(state, source, record, claim);
      }
      break;
    case 'response_item':
      if (source.started) understood = applyResponseItem(state, payload, claim);
      break;
  }
  if (timed && ms !== null) touchTime(state, ms);
  return understood;
}

function applyMeta(state: CodexSessionState, payload: Obj): boolean {
  // A fork can carry its parent's session_meta in the copied history: only the file's own counts.
  if ((str(payload.id) ?? state.id) !== state.id) return false;
  state.cwd = state.cwd ?? str(payload.cwd);
  state.branch = str(obj(payload.git)?.branch) ?? state.branch;
  state.version = str(payload.cli_version) ?? state.version;
  state.provider = str(payload.model_provider) ?? state.provider;
  return true;
}

function applyEvent(
  state: CodexSessionState,
  source: SourceState,
  record: CodexRecord,
  claim: (key: string) => boolean,
): boolean {
  const { payload, ms } = record;
  switch (payload.type) {
    case 'user_message': {
      const chars = userMessageChars(payload);
      if (chars !== null && ms !== null && claim(`codex:prompt:${record.timestamp}:${chars}`)) {
        addPrompt(state, ms, chars, 'event');
      }
      return true;
    }
    case 'item_completed':
      return applyItem(state, obj(payload.item), record, claim);
    case 'exec_command_end': {
      const callId = str(payload.call_id);
      if (callId) foldExecResult(state, callId, execResult(payload));
      return callId !== null;
    }
    case 'patch_apply_end': {
      const callId = str(payload.call_id);
      if (callId)
        foldPatchResult(state, callId, countStructuredChanges(payload.changes), payload.success !== false);
      return callId !== null;
    }
    case 'token_count':
      return foldTokenCount(state, source, payload, ms, record.timestamp, claim) !== 'malformed';
    case 'task_complete':
    case 'turn_aborted':
      closeTurn(state, ms);
      return true;
    default:
      return true;
  }
}

function execResult(payload: Obj) {
  return {
    exitCode: typeof payload.exit_code === 'number' ? payload.exit_code : null,
    durationMs: durationMs(payload.duration),
    failed: isFailedStatus(payload.status),
  };
}

/** Codex ≥ 0.1xx reports user prompts, commands and patches as completed items. */
function applyItem(
  state: CodexSessionState,
  item: Obj | null,
  record: CodexRecord,
  claim: (key: string) => boolean,
): boolean {
  if (!item) return false;
  const id = str(item.id);
  switch (item.type) {
    case 'UserMessage': {
      const chars = userItemChars(item);
      const key = `codex:prompt:${id ?? `${record.timestamp}:${chars}`}`;
      if (chars !== null && record.ms !== null && claim(key)) addPrompt(state, record.ms, chars, 'item');
      return true;
    }
    case 'CommandExecution':
      if (id) foldExecResult(state, id, execResult(item));
      return id !== null;
    case 'FileChange':
      if (id) foldPatchResult(state, id, countStructuredChanges(item.changes), !isFailedStatus(item.status));
      return id !== null;
    default:
      return true;
  }
}

function applyResponseItem(state: CodexSessionState, payload: Obj, claim: (key: string) => boolean): boolean {
  const callId = str(payload.call_id);
  switch (payload.type) {
    case 'function_call':
    case 'custom_tool_call': {
      const name = str(payload.name);
      if (!name) return false;
      registerCall(state, callId, name, patchOfCall(name, payload), claim);
      return true;
    }
    case 'local_shell_call':
      registerCall(state, callId ?? str(payload.id), 'local_shell', null, claim);
      return true;
    case 'web_search_call':
      registerCall(state, str(payload.id), 'web_search', null, claim);
      return true;
    case 'function_call_output':
    case 'custom_tool_call_output':
      if (callId) foldCallOutput(state, callId, payload.output);
      return true;
    default:
      return true;
  }
}
