import { pathInProject } from '../common/project-path.ts';
import type { FileChangeCount } from './codex-patch.ts';
import type { CallState, CodexSessionState } from './codex-session-state.ts';
import { durationOfOutput, exitCodeOfOutput } from './codex-tool-results.ts';

/** Calls remembered for late results; older ones are dropped so persisted state stays small. */
const MAX_REMEMBERED_CALLS = 256;

/**
 * Tool calls by name, with failures and durations from whatever record reports them for the call id
 * (`item_completed` CommandExecution/FileChange, older `exec_command_end`/`patch_apply_end`, the call's
 * output). Each call counts once: its id is claimed in the cross-file index, so a fork's copy is not counted.
 */
export function registerCall(
  state: CodexSessionState,
  callId: string | null,
  name: string,
  patch: FileChangeCount[] | null,
  claim: (key: string) => boolean,
): void {
  if (callId !== null && (state.calls[callId] || !claim(`codex:call:${callId}`))) return;
  const tool = state.tools[name] ?? { calls: 0, failures: 0, durationMs: 0 };
  tool.calls += 1;
  state.tools[name] = tool;
  if (callId === null) return;
  state.calls[callId] = { name, failed: false, timed: false, filesDone: false, patch };
  const ids = Object.keys(state.calls);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_CALLS))) delete state.calls[id];
}

export interface ExecResult {
  exitCode: number | null;
  durationMs: number | null;
  failed: boolean;
}

export function foldExecResult(state: CodexSessionState, callId: string, result: ExecResult): void {
  const call = state.calls[callId];
  if (!call) return;
  if (result.failed || (result.exitCode !== null && result.exitCode !== 0)) markFailed(state, call);
  if (result.durationMs !== null) addDuration(state, call, result.durationMs);
}

/** Structured changes after apply_patch ran: the authoritative counts (they know a deleted file's size). */
export function foldPatchResult(
  state: CodexSessionState,
  callId: string,
  changes: FileChangeCount[],
  succeeded: boolean,
): void {
  const call = state.calls[callId];
  if (!call) return;
  if (!succeeded) markFailed(state, call);
  if (call.filesDone) return;
  call.filesDone = true;
  call.patch = null;
  if (succeeded) addFiles(state, changes);
}

/** The call's output: the last chance for an exit code, and for patch counts when no structured change came. */
export function foldCallOutput(state: CodexSessionState, callId: string, output: unknown): void {
  const call = state.calls[callId];
  if (!call) return;
  const exitCode = exitCodeOfOutput(output);
  if (exitCode !== null && exitCode !== 0) markFailed(state, call);
  const duration = durationOfOutput(output);
  if (duration !== null) addDuration(state, call, duration);
  if (call.filesDone) return;
  call.filesDone = true;
  // A patch that failed changed nothing, so its lines are not counted.
  if (call.patch && (exitCode === null || exitCode === 0)) addFiles(state, call.patch);
  call.patch = null;
}

function markFailed(state: CodexSessionState, call: CallState): void {
  if (call.failed) return;
  call.failed = true;
  const tool = state.tools[call.name];
  if (tool) tool.failures += 1;
}

function addDuration(state: CodexSessionState, call: CallState, ms: number): void {
  if (call.timed) return;
  call.timed = true;
  const tool = state.tools[call.name];
  if (tool) tool.durationMs += ms;
}

function addFiles(state: CodexSessionState, changes: FileChangeCount[]): void {
  const cwd = state.turnCwd ?? state.cwd;
  for (const change of changes) {
    // Structured changes name files absolutely, patch text relative to the cwd: both end up relative.
    const path = pathInProject(change.path, cwd);
    const file = state.files[path] ?? { writes: 0, added: 0, removed: 0 };
    file.writes += 1;
    file.added += change.added;
    file.removed += change.removed;
    state.files[path] = file;
  }
}
