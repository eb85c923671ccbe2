import type { AgentSessionRollupInput } from '@devtime/protocol';
import type { FoldOptions, HistoryFold, LineSource } from '../adapter.ts';
import { isoMsAt, keyPattern, parseIsoMs, stringAfterKey } from '../common/line-fields.ts';
import { fieldTable, scanTopLevel, TopLevelFields } from '../common/top-level-fields.ts';
import { type ClaudeLineKind, claudeLineKind, locate } from './claude-line-kind.ts';
import { buildClaudeRollup } from './claude-rollup.ts';
import { type ClaudeSessionState, emptyClaudeSession, reviveClaudeSession } from './claude-session-state.ts';

const COMPACT_BOUNDARY = Buffer.from('"subtype":"compact_boundary"');
const COMPACT_BOUNDARY_VALUE = Buffer.from('compact_boundary');
const ASSISTANT_VALUE = Buffer.from('assistant');
const USER_VALUE = Buffer.from('user');
const SYSTEM_VALUE = Buffer.from('system');
const COST_STATE_VALUE = Buffer.from('cost-state');
const QUOTE = 0x22;
const MESSAGE_KEY_BYTES = '"message":'.length;
/** A result row's message starts `{"role":"user","content":[{"tool_use_id":"…`. */
const TOOL_USE_ID_WINDOW = 256;

/** The top-level fields the walks look for, by id. */
const F = {
  type: 0,
  sessionId: 1,
  timestamp: 2,
  cwd: 3,
  gitBranch: 4,
  version: 5,
  isSidechain: 6,
  message: 7,
  attachment: 8,
  subtype: 9,
  requestId: 10,
} as const;
const ROW_FIELDS = fieldTable(Object.keys(F));
const IS_ERROR_TRUE = Buffer.from('"is_error":true');
const TIMESTAMP = keyPattern('timestamp');
const SESSION_ID_KEY = Buffer.from('"sessionId"');
const TOOL_USE_ID = keyPattern('tool_use_id');

/** Tools whose `file_path` input is a file the agent wrote or read. */
const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
const READ_TOOLS = new Set(['Read', 'NotebookRead']);

/** User rows that wrap local slash commands and their output rather than a typed prompt. */
const COMMAND_PREFIX = /^\s*<command-(name|message|args)>/;
const NOT_A_PROMPT_PREFIX = /^\s*<(local-command-|bash-|user-memory-input|system-reminder)/;

/** The string value of `"key":"…"`, found through the head and tail windows first. */
function fieldAt(line: Buffer, keyPattern: Buffer): string | null {
  return stringAfterKey(line, locate(line, keyPattern), keyPattern);
}

/**
 * The Claude Code transcript fold. Lines are classified by byte patterns first, and only the few kinds
 * that carry what DevTime keeps (assistant rows with usage, typed prompts, edit results, cost-state) are
 * decoded and parsed; tool results — most of a history's bytes — are read for three small fields only.
 */
export function createClaudeFold(options: FoldOptions): HistoryFold {
  const sessions = new Map<string, ClaudeSessionState>();
  const touched = new Set<string>();
  let skippedLines = 0;
  /** The walked fields of the line being fed (reused: feeding is synchronous). */
  const row = new TopLevelFields(ROW_FIELDS);
  /** Where the current line's timestamp was found by searching, or -1. */
  let timeAt = -1;

  /** The session's state from this fold, or persisted by an earlier sync run; null when unknown. */
  function loaded(sessionId: string): ClaudeSessionState | null {
    const known = sessions.get(sessionId);
    if (known) return known;
    const persisted = options.states?.load(sessionId);
    const revived =
      persisted === undefined || persisted === null ? null : reviveClaudeSession(persisted, sessionId);
    if (revived) sessions.set(sessionId, revived);
    return revived;
  }

  function session(sessionId: string): ClaudeSessionState {
    let state = loaded(sessionId);
    if (!state) {
      state = emptyClaudeSession(sessionId);
      sessions.set(sessionId, state);
    }
    touched.add(sessionId);
    return state;
  }

  function parse(line: Buffer): Record<string, unknown> | null {
    try {
      const value: unknown = JSON.parse(line.toString('utf8'));
      if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
    } catch {
      // fall through: a torn or foreign line is skipped, its neighbours are kept
    }
    skippedLines += 1;
    return null;
  }

  function feedLine(bytes: Buffer, start: number, end: number, _source: LineSource): void {
    const line = bytes.subarray(start, end);
    scanTopLevel(line, 0, line.length, row);
    const sessionId = row.string(line, F.sessionId);
    if (!sessionId) {
      feedLineParsed(line);
      return;
    }
    const timeMs = rowTimeMs(line);
    switch (rowKind(line)) {
      case 'assistant': {
        const message = messageOf(line);
        if (message) {
          onAssistant(session(sessionId), rowContext(line, message), timeMs);
          return;
        }
        const parsed = parse(line);
        if (parsed?.type === 'assistant') onAssistant(session(sessionId), parsed, timeMs);
        return;
      }
      case 'user': {
        const toolUseId = toolUseIdOf(line);
        if (toolUseId === null) {
          const parsed = parse(line);
          if (parsed?.type === 'user') onUserRow(session(sessionId), parsed, timeMs);
          return;
        }
        onToolResultRow(line, session(sessionId), toolUseId, timeMs);
        return;
      }
      case 'cost-state': {
        const parsed = parse(line);
        if (parsed?.type === 'cost-state') onCostState(session(sessionId), parsed);
        return;
      }
      case 'system': {
        if (timeMs === null) return;
        const isCompaction = row.has(F.subtype)
          ? row.isString(line, F.subtype, COMPACT_BOUNDARY_VALUE)
          : locate(line, COMPACT_BOUNDARY) !== -1;
        onOtherRow(session(sessionId), timeMs, true, isCompaction);
        return;
      }
      default:
        if (timeMs !== null) onOtherRow(session(sessionId), timeMs, false, false);
    }
  }

  /** The row's time: a top-level field the walks found, else searched for in the part they skipped. */
  function rowTimeMs(line: Buffer): number | null {
    timeAt = -1;
    if (row.has(F.timestamp)) {
      return line[row.valueStart[F.timestamp] as number] === QUOTE
        ? isoMsAt(line, (row.valueStart[F.timestamp] as number) + 1)
        : null;
    }
    if (row.complete) return null;
    // Message rows keep it between their two big values (`message`, `toolUseResult` / `attachment`,
    // `rendered`); searching the skipped middle only, from the start, finds the top-level one first.
    const at = line.subarray(0, row.middleEnd).indexOf(TIMESTAMP, row.middleStart);
    timeAt = at;
    return at === -1 ? null : isoMsAt(line, at + TIMESTAMP.length);
  }

  function rowKind(line: Buffer): ClaudeLineKind {
    if (!row.has(F.type)) return row.valueStart[F.attachment] !== -1 ? 'other' : claudeLineKind(line);
    if (row.isString(line, F.type, ASSISTANT_VALUE)) return 'assistant';
    if (row.isString(line, F.type, USER_VALUE)) return 'user';
    if (row.isString(line, F.type, SYSTEM_VALUE)) return 'system';
    return row.isString(line, F.type, COST_STATE_VALUE) ? 'cost-state' : 'other';
  }

  /**
   * The `message` of an assistant row, parsed alone: it is the one nested value the walks stop at, so it
   * spans the whole skipped middle. Null when the row is laid out otherwise (the caller parses it all).
   */
  function messageOf(line: Buffer): Record<string, unknown> | null {
    const messageAt = row.valueStart[F.message] as number;
    if (messageAt === -1 || row.middleStart !== messageAt - MESSAGE_KEY_BYTES) return null;
    try {
      const value: unknown = JSON.parse(line.toString('utf8', messageAt, row.middleEnd));
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  /** What `onAssistant` and `noteContext` read of a row, from the walked fields and the parsed message. */
  function rowContext(line: Buffer, message: Record<string, unknown>): Record<string, unknown> {
    return {
      message,
      isSidechain: row.isTrue(line, F.isSidechain),
      cwd: row.string(line, F.cwd),
      gitBranch: row.string(line, F.gitBranch),
      version: row.string(line, F.version),
      requestId: row.string(line, F.requestId),
    };
  }

  /** The first tool_result's id, which Claude Code writes at the start of a result row's message. */
  function toolUseIdOf(line: Buffer): string | null {
    const messageAt = row.valueStart[F.message] as number;
    if (messageAt !== -1 && row.valueEnd[F.message] === -1) {
      const head = line.subarray(messageAt, Math.min(line.length, messageAt + TOOL_USE_ID_WINDOW));
      const at = head.indexOf(TOOL_USE_ID);
      if (at !== -1) return stringAfterKey(line, messageAt + at, TOOL_USE_ID);
    }
    return fieldAt(line, TOOL_USE_ID);
  }

  function onToolResultRow(
    line: Buffer,
    state: ClaudeSessionState,
    toolUseId: string,
    timeMs: number | null,
  ) {
    noteTime(state, timeMs, true);
    // Only the results of tools that write files are decoded (for lines changed); every other result
    // — file reads, command output, most of a history's bytes — is read for two flags.
    const tool = state.tools[toolUseId];
    if (tool && WRITE_TOOLS.has(tool[0])) {
      const parsed = parse(line);
      if (parsed?.type === 'user') onToolResults(state, parsed, timeMs);
      return;
    }
    // The error flag sits in the message, before the row's timestamp when that was searched for.
    const messageAt = row.valueStart[F.message] as number;
    const failed =
      messageAt !== -1 && timeAt > messageAt
        ? line.subarray(messageAt, timeAt).includes(IS_ERROR_TRUE)
        : line.includes(IS_ERROR_TRUE);
    settleTool(state, toolUseId, failed, timeMs);
  }

  /**
   * A line the walks could not place (no top-level `sessionId` found): a row laid out unusually, or not
   * compact JSON, takes the full parse.
   */
  function feedLineParsed(line: Buffer): void {
    // Claude Code writes compact JSON; a line with a sessionId that is not compact (a re-serialised
    // or hand-edited history) takes the slow path instead of being lost.
    if (line.includes(SESSION_ID_KEY)) feedParsed(parse(line));
  }

  /** The same dispatch on an already parsed row. */
  function feedParsed(row: Record<string, unknown> | null): void {
    if (!row || typeof row.sessionId !== 'string' || row.sessionId === '') return;
    const state = session(row.sessionId);
    const timeMs = parseIsoMs(typeof row.timestamp === 'string' ? row.timestamp : null);
    const content = (row.message as { content?: unknown } | undefined)?.content;
    const isToolResult =
      Array.isArray(content) &&
      content.some((block) => (block as { type?: unknown })?.type === 'tool_result');
    if (row.type === 'assistant') onAssistant(state, row, timeMs);
    else if (row.type === 'user' && isToolResult) {
      noteTime(state, timeMs, true);
      onToolResults(state, row, timeMs);
    } else if (row.type === 'user') onUserRow(state, row, timeMs);
    else if (row.type === 'cost-state') onCostState(state, row);
    else if (timeMs !== null)
      onOtherRow(state, timeMs, row.type === 'system', row.subtype === 'compact_boundary');
  }

  function onOtherRow(
    state: ClaudeSessionState,
    timeMs: number,
    isSystem: boolean,
    isCompaction: boolean,
  ): void {
    // Queue operations, attachments and snapshots are bookkeeping around a prompt (often written before
    // it, or when the next process starts): they bound the session but do not extend a turn.
    noteTime(state, timeMs, isSystem);
    if (isCompaction && !state.compactions.includes(timeMs)) state.compactions.push(timeMs);
  }

  function onAssistant(state: ClaudeSessionState, row: Record<string, unknown>, timeMs: number | null): void {
    noteContext(state, row);
    noteTime(state, timeMs, true);
    const message = row.message as Record<string, unknown> | undefined;
    if (!message || typeof message !== 'object') return;
    const model = typeof message.model === 'string' ? message.model : null;
    const usage = message.usage as Record<string, unknown> | undefined;
    const key = messageKey(message, row);
    if (model && usage && key) recordUsage(state, key, model, usageCounts(usage), timeMs);
    const content = Array.isArray(message.content) ? message.content : [];
    for (const block of content) {
      if (!block || typeof block !== 'object') continue;
      const item = block as Record<string, unknown>;
      if (item.type !== 'tool_use' || typeof item.id !== 'string' || typeof item.name !== 'string') continue;
      if (state.tools[item.id] || !options.dedupe.claim(`t:${item.id}`, state.sessionId)) continue;
      const input = (item.input ?? {}) as Record<string, unknown>;
      const filePath =
        (WRITE_TOOLS.has(item.name) || READ_TOOLS.has(item.name)) && typeof input.file_path === 'string'
          ? input.file_path
          : typeof input.notebook_path === 'string'
            ? input.notebook_path
            : null;
      state.tools[item.id] = [item.name, timeMs ?? state.lastMs, 0, 0, filePath];
    }
  }

  function recordUsage(
    state: ClaudeSessionState,
    key: string,
    model: string,
    counts: readonly [number, number, number, number],
    timeMs: number | null,
  ): void {
    if (model === '<synthetic>') return;
    const known = state.messages[key];
    if (known) {
      // One response is written as several rows with growing output: keep the largest, never add.
      const grew =
        counts[1] > known[3] ||
        (counts[1] === known[3] && counts[0] + counts[2] + counts[3] > known[2] + known[4] + known[5]);
      if (grew) {
        state.messages[key] = [model, known[1], ...counts];
      }
    } else if (options.dedupe.claim(`m:${key}`, state.sessionId)) {
      state.messages[key] = [model, timeMs ?? state.lastMs, ...counts];
    }
  }

  function onUserRow(state: ClaudeSessionState, row: Record<string, unknown>, timeMs: number | null): void {
    noteContext(state, row);
    const message = row.message as Record<string, unknown> | undefined;
    const text = promptText(message?.content);
    const uuid = typeof row.uuid === 'string' ? row.uuid : null;
    const isPromptCandidate =
      text !== null &&
      timeMs !== null &&
      uuid !== null &&
      row.isMeta !== true &&
      row.isSidechain !== true &&
      row.isCompactSummary !== true &&
      !NOT_A_PROMPT_PREFIX.test(text);
    if (!isPromptCandidate) {
      noteTime(state, timeMs, true);
      return;
    }
    noteTime(state, timeMs, false);
    if (state.turns.some((turn) => turn[2] === uuid) || !options.dedupe.claim(`p:${uuid}`, state.sessionId))
      return;
    const chars = COMMAND_PREFIX.test(text) ? null : text.length;
    state.turns.push([timeMs, chars, uuid]);
  }

  function onToolResults(
    state: ClaudeSessionState,
    row: Record<string, unknown>,
    timeMs: number | null,
  ): void {
    const message = row.message as Record<string, unknown> | undefined;
    const content = Array.isArray(message?.content) ? message.content : [];
    const result = row.toolUseResult as Record<string, unknown> | undefined;
    for (const block of content) {
      if (!block || typeof block !== 'object') continue;
      const item = block as Record<string, unknown>;
      if (item.type !== 'tool_result' || typeof item.tool_use_id !== 'string') continue;
      settleTool(state, item.tool_use_id, item.is_error === true, timeMs);
      if (result && typeof result === 'object' && !state.edits[item.tool_use_id]) {
        const lines = changedLines(result);
        if (lines) state.edits[item.tool_use_id] = lines;
      }
    }
  }

  function settleTool(state: ClaudeSessionState, toolUseId: string, failed: boolean, timeMs: number | null) {
    const tool = state.tools[toolUseId];
    if (!tool) return;
    if (failed) tool[2] = 1;
    if (timeMs !== null && tool[3] === 0) tool[3] = Math.max(0, timeMs - tool[1]);
  }

  function onCostState(state: ClaudeSessionState, row: Record<string, unknown>): void {
    const modelUsage = row.modelUsage as Record<string, Record<string, unknown>> | undefined;
    if (!modelUsage || typeof modelUsage !== 'object') return;
    const costState: NonNullable<ClaudeSessionState['costState']> = {};
    for (const [model, usage] of Object.entries(modelUsage)) {
      if (!usage || typeof usage !== 'object') continue;
      costState[model] = [
        count(usage.inputTokens),
        count(usage.outputTokens),
        count(usage.cacheCreationInputTokens),
        count(usage.cacheReadInputTokens),
      ];
    }
    // Cumulative for the session: the latest one wins.
    state.costState = costState;
  }

  return {
    feedLine,
    takeTouched() {
      const keys = [...touched];
      touched.clear();
      return keys;
    },
    rollup(sessionKey: string): AgentSessionRollupInput | null {
      const state = loaded(sessionKey);
      return state ? buildClaudeRollup(state) : null;
    },
    exportState(sessionKey: string): unknown {
      return loaded(sessionKey);
    },
    release(sessionKey: string): void {
      sessions.delete(sessionKey);
    },
    get skippedLines() {
      return skippedLines;
    },
  };
}

function noteTime(state: ClaudeSessionState, timeMs: number | null, isActivity: boolean): void {
  if (timeMs === null) return;
  if (timeMs < state.firstMs) state.firstMs = timeMs;
  if (timeMs > state.lastMs) state.lastMs = timeMs;
  if (isActivity) state.activity.push(timeMs);
}

function noteContext(state: ClaudeSessionState, row: Record<string, unknown>): void {
  if (row.isSidechain === true) return;
  if (typeof row.cwd === 'string' && row.cwd !== '' && state.cwd === null) state.cwd = row.cwd;
  if (typeof row.gitBranch === 'string' && row.gitBranch !== '') state.branch = row.gitBranch;
  if (typeof row.version === 'string' && row.version !== '') state.version = row.version;
}

/**
 * One API response is keyed by its message id: rows of one streamed reply share it, and a sidechain
 * replay (same id, new requestId) is the same response again. Without an id, the request id.
 */
function messageKey(message: Record<string, unknown>, row: Record<string, unknown>): string | null {
  if (typeof message.id === 'string' && message.id !== '') return message.id;
  if (typeof row.requestId === 'string' && row.requestId !== '') return `req:${row.requestId}`;
  return null;
}

/** The prompt as typed: a string, or the text blocks of a content array (never tool results). */
function promptText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  let text: string | null = null;
  for (const block of content) {
    if (!block || typeof block !== 'object') continue;
    const item = block as Record<string, unknown>;
    if (item.type === 'tool_result') return null;
    if (item.type === 'text' && typeof item.text === 'string') text = (text ?? '') + item.text;
  }
  return text;
}

/** Lines added and removed by a Write/Edit result; a new file counts all its lines. */
function changedLines(result: Record<string, unknown>): [string, number, number] | null {
  const filePath = typeof result.filePath === 'string' ? result.filePath : null;
  if (!filePath) return null;
  let added = 0;
  let removed = 0;
  const patch = Array.isArray(result.structuredPatch) ? result.structuredPatch : [];
  for (const hunk of patch) {
    const lines = hunk && typeof hunk === 'object' ? (hunk as { lines?: unknown }).lines : null;
    if (!Array.isArray(lines)) continue;
    for (const line of lines) {
      if (typeof line !== 'string') continue;
      if (line.startsWith('+')) added += 1;
      else if (line.startsWith('-')) removed += 1;
    }
  }
  if (patch.length === 0 && result.type === 'create' && typeof result.content === 'string') {
    added = countLines(result.content);
  }
  return [filePath, added, removed];
}

/** Lines in a text, not counting the empty string after a trailing newline. */
export function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines += 1;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function usageCounts(usage: Record<string, unknown>): readonly [number, number, number, number] {
  return [
    count(usage.input_tokens),
    count(usage.output_tokens),
    count(usage.cache_creation_input_tokens),
    count(usage.cache_read_input_tokens),
  ];
}
