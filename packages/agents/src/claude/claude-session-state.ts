/**
 * Everything the Claude Code fold remembers about one session, as plain JSON so `devtime sync` can
 * persist it between runs and continue from a file's watermark instead of re-reading the history.
 * Arrays instead of objects keep the persisted form small.
 */
export interface ClaudeSessionState {
  v: 1;
  sessionId: string;
  cwd: string | null;
  branch: string | null;
  version: string | null;
  firstMs: number;
  lastMs: number;
  /** Turn starts: [timestampMs, promptChars | null (a slash command), row uuid]. */
  turns: Array<[number, number | null, string]>;
  /** Timestamps of every other timed row: turn ends are the last activity before the next turn. */
  activity: number[];
  /** API responses by message id: [model, firstSeenMs, input, output, cacheWrite, cacheRead]. */
  messages: Record<string, [string, number, number, number, number, number]>;
  /** Tool calls by tool_use id: [name, calledMs, failed 0|1, durationMs, file path | null]. */
  tools: Record<string, [string, number, number, number, string | null]>;
  /** Lines changed by a Write/Edit, by tool_use id: [file path, added, removed]. */
  edits: Record<string, [string, number, number]>;
  /** Claude Code's own cumulative usage per model (`cost-state`): [input, output, cacheWrite, cacheRead]. */
  costState: Record<string, [number, number, number, number]> | null;
  /** Timestamps of `compact_boundary` records: their summarisation call leaves no assistant row. */
  compactions: number[];
}

export function emptyClaudeSession(sessionId: string): ClaudeSessionState {
  return {
    v: 1,
    sessionId,
    cwd: null,
    branch: null,
    version: null,
    firstMs: Number.POSITIVE_INFINITY,
    lastMs: 0,
    turns: [],
    activity: [],
    messages: {},
    tools: {},
    edits: {},
    costState: null,
    compactions: [],
  };
}

/** Accepts a persisted state only when it has the shape this version writes; anything else starts over. */
export function reviveClaudeSession(value: unknown, sessionId: string): ClaudeSessionState | null {
  if (typeof value !== 'object' || value === null) return null;
  const state = value as Partial<ClaudeSessionState>;
  if (state.v !== 1 || state.sessionId !== sessionId) return null;
  if (!Array.isArray(state.turns) || !Array.isArray(state.activity) || typeof state.messages !== 'object') {
    return null;
  }
  // JSON has no Infinity: an untouched firstMs round-trips as null.
  return { ...(state as ClaudeSessionState), firstMs: state.firstMs ?? Number.POSITIVE_INFINITY };
}
