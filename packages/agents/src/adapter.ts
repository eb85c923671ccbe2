import type { AgentSessionRollupInput } from '@devtime/protocol';

/**
 * The adapter contract (see packages/agents/ADAPTERS.md): every agent DevTime reads is one
 * `AgentAdapter`. Adapters resolve their paths from an explicit `AgentContext` (never from the real
 * process environment directly) so tests and `--home` runs never touch a real home directory.
 */
export type AgentId = 'claude' | 'codex' | 'opencode' | 'pi' | 'amp' | 'gemini';

export interface AgentContext {
  /** The user's home directory (tests pass a temporary one). */
  homeDir: string;
  /** Environment used for overrides such as CLAUDE_CONFIG_DIR or CODEX_HOME. */
  env: Readonly<Record<string, string | undefined>>;
}

/** One history file (or database) an adapter reads. */
export interface SourceFile {
  agent: AgentId;
  path: string;
  sizeBytes: number;
  mtimeMs: number;
}

export type HookState = 'installed' | 'not-installed' | 'outdated' | 'unsupported';

export interface Detection {
  agent: AgentId;
  displayName: string;
  /** True when the agent's data directory or settings exist on this machine. */
  installed: boolean;
  /** The data roots that were looked at, after env overrides. */
  dataRoots: string[];
  /** Settings files our hooks live in. */
  settingsFiles: string[];
  hooks: HookState;
  /** Extra facts for the user, e.g. "Codex hooks must be trusted once". */
  notes: string[];
}

/** A change to one file: `after: null` deletes it. Applied atomically by the caller; printed on --dry-run. */
export interface FileEdit {
  path: string;
  before: string | null;
  after: string | null;
  description: string;
  /** Permission bits for a new file. */
  mode?: number;
}

export interface HookInstallOptions {
  /**
   * The command the agent should run for its hooks, already quoted for a shell, e.g.
   * `'/usr/bin/node' '/opt/devtime/apps/cli/bin/devtime.js' hook --agent claude`.
   * `commandArgv` is the same as an argv array (for agents that take one, like Codex `notify`).
   */
  command: string;
  commandArgv: string[];
  force: boolean;
}

export interface HookInstaller {
  /** Computes the edits that install our hooks; `[]` when already installed and not forced. */
  planInstall(ctx: AgentContext, options: HookInstallOptions): Promise<FileEdit[]>;
  /** Computes the edits that remove only our hooks, leaving the user's own hooks and settings alone. */
  planUninstall(ctx: AgentContext): Promise<FileEdit[]>;
  status(ctx: AgentContext, options: HookInstallOptions): Promise<HookState>;
  /** Printed after an install, e.g. that Codex hooks must be trusted once. */
  installNotes: string[];
}

/** Where a line came from: the fold uses the path to find the session and subagent of a line. */
export interface LineSource {
  file: SourceFile;
  /** Byte offset of the line's first byte in the file. */
  offset: number;
}

/**
 * Claims a cross-file dedupe key (a Claude message id, a Codex token event) for a session. Returns true
 * when the key is new or already owned by the same `sessionKey` (the fold's own per-session state then
 * decides whether it is a repeat), false when another session owns it: resumed and forked sessions copy
 * earlier rows into new files and those must be counted once. In-memory for a backfill, persisted for sync.
 */
export interface DedupeIndex {
  claim(key: string, sessionKey: string): boolean;
}

/** Persisted per-session fold state for incremental sync (plain JSON). */
export interface SessionStateStore {
  load(sessionKey: string): unknown;
}

/**
 * A history fold: pure logic (no I/O). The engine reads files from a watermark and feeds complete lines;
 * the fold updates per-session state. Malformed lines are counted and skipped, never thrown.
 */
export interface HistoryFold {
  feedLine(bytes: Buffer, start: number, end: number, source: LineSource): void;
  /** Session keys whose state changed since the last call; clears the set. */
  takeTouched(): string[];
  /**
   * Builds the rollup for a session, or null when it has nothing billable or timed yet. A session not fed
   * in this fold is loaded through `options.states` (a sync that crashed before uploading resumes so).
   */
  rollup(sessionKey: string): AgentSessionRollupInput | null;
  /** The session's state as plain JSON, for `SessionStateStore`. */
  exportState(sessionKey: string): unknown;
  /**
   * Drops the session's state from memory once it is persisted (a sync commits it): a later line of the
   * session reloads it through `options.states`, so a first sync of a large history does not hold every
   * session at once.
   */
  release(sessionKey: string): void;
  /** Lines skipped because they were not valid JSON or not understood. */
  readonly skippedLines: number;
}

export interface FoldOptions {
  dedupe: DedupeIndex;
  states?: SessionStateStore;
}

/**
 * What a hook told the background sync about the event it saw: which session changed, as identifiers
 * and paths only (the event's prompt or tool text is never kept). Written by `devtime hook`.
 */
export interface SyncHint {
  agent: AgentId;
  /** The session's history file, when the agent says (Claude Code and Codex hooks do). */
  transcriptPath?: string;
  /** The agent's session / thread id (Codex `notify` gives only this). */
  sessionId?: string;
}

export interface AgentAdapter {
  id: AgentId;
  displayName: string;
  /** What `backfill` and `sync` read: `jsonl` lines fed to the fold. */
  detect(ctx: AgentContext): Promise<Detection>;
  /** History files, oldest first (so copies in newer files dedupe against the original). */
  listSources(ctx: AgentContext): Promise<SourceFile[]>;
  /**
   * The history files a hook's hint points at — the session's file and what belongs to it (subagent
   * files) — so a sync after one turn reads a handful of files instead of listing the whole history.
   * Only files inside the agent's own roots are returned. Null when the hint cannot be resolved: the
   * caller then lists everything.
   */
  hintedSources?(ctx: AgentContext, hint: SyncHint): Promise<SourceFile[] | null>;
  createFold(options: FoldOptions): HistoryFold;
  hooks: HookInstaller | null;
}
