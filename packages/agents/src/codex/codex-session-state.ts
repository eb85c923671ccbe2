import type { CodexUsage, UsageSum } from './codex-usage.ts';

/**
 * Everything the fold keeps about one Codex thread, as plain JSON so the engine can persist it between
 * syncs (`exportState`) and hand it back (`SessionStateStore.load`) when only new lines are fed.
 * Metadata only: counts, names, relative paths and times, never text.
 */
export interface CodexSessionState {
  v: 1;
  id: string;
  /** session_meta cwd: the project. */
  cwd: string | null;
  /** The latest turn_context cwd, which patch paths are relative to. */
  turnCwd: string | null;
  branch: string | null;
  version: string | null;
  provider: string | null;
  /** The latest turn_context model: token events carry no model in current Codex. */
  model: string | null;
  /** When the file's own session_meta was written: a fork's copied lines carry older times. */
  metaMs: number | null;
  startMs: number | null;
  endMs: number | null;
  /** When the current task started, so usage before its prompt lands in a turn that starts there. */
  taskStartMs: number | null;
  /** The previous cumulative total, for total-only events and to skip repeats (only rate limits changed). */
  lastTotal: CodexUsage | null;
  turns: TurnState[];
  tools: Record<string, ToolSum>;
  /** Recent tool calls by call id, to attach exit codes, durations and file changes that arrive later. */
  calls: Record<string, CallState>;
  /** By path relative to the project (as given when outside it). */
  files: Record<string, FileSum>;
  /** Per rollout file (by basename, so an archived copy of the same file is recognised). */
  sources: Record<string, SourceState>;
}

export interface TurnState {
  start: number;
  end: number;
  /** Prompt length, or null for a turn opened by usage without a prompt. */
  chars: number | null;
  /** Which record carried the prompt, to drop the same prompt echoed by both record kinds. */
  via: 'event' | 'item' | null;
  closed: boolean;
  models: Record<string, UsageSum>;
}

export interface ToolSum {
  calls: number;
  failures: number;
  durationMs: number;
}

export interface CallState {
  name: string;
  failed: boolean;
  timed: boolean;
  /** True once the call's file changes were counted (or known not to have happened). */
  filesDone: boolean;
  /** Counts parsed from the patch text, used only when no structured change arrives for the call. */
  patch: Array<{ path: string; added: number; removed: number }> | null;
}

export interface FileSum {
  writes: number;
  added: number;
  removed: number;
}

export interface SourceState {
  /** Byte offset of the last line folded from this file: lines at or before it were already counted. */
  offset: number;
  /** Set at the file's first turn_context/task_started: a subagent replays its parent's history before. */
  started: boolean;
}

export function newSessionState(id: string): CodexSessionState {
  return {
    v: 1,
    id,
    cwd: null,
    turnCwd: null,
    branch: null,
    version: null,
    provider: null,
    model: null,
    metaMs: null,
    startMs: null,
    endMs: null,
    taskStartMs: null,
    lastTotal: null,
    turns: [],
    tools: {},
    calls: {},
    files: {},
    sources: {},
  };
}

/** Accepts persisted state back; anything that is not our shape (another version, corrupt) starts afresh. */
export function reviveSessionState(id: string, stored: unknown): CodexSessionState | null {
  if (!stored || typeof stored !== 'object') return null;
  const state = stored as Partial<CodexSessionState>;
  if (state.v !== 1 || state.id !== id) return null;
  if (!Array.isArray(state.turns) || typeof state.sources !== 'object' || state.sources === null) return null;
  // A deep copy, so the fold never mutates the object the store handed over.
  return JSON.parse(JSON.stringify({ ...newSessionState(id), ...state })) as CodexSessionState;
}
