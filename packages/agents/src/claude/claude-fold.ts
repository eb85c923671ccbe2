import type { AgentSessionRollupInput } from '@devtime/protocol';
import type { FoldOptions, HistoryFold, LineSource } from '../adapter.ts';
import { isoMsAt, keyPattern, parseIsoMs, stringAfterKey } from '../common/line-fields.ts';
import { claudeLineKind, inWindows, locate, locateTailFirst, startsWithType } from './claude-line-kind.ts';
import { buildClaudeRollup } from './claude-rollup.ts';
import { type ClaudeSessionState, emptyClaudeSession, reviveClaudeSession } from './claude-session-state.ts';

const COMPACT_BOUNDARY = Buffer.from('"subtype":"compact_boundary"');
const IS_ERROR_TRUE = Buffer.from('"is_error":true');
const TIMESTAMP = keyPattern('timestamp');
const SESSION_ID = keyPattern('sessionId');
const SESSION_ID_KEY = Buffer.from('"sessionId"');
const TOOL_USE_BLOCK = Buffer.from('"type":"tool_use"');
/** Anthropic message ids (also through Bedrock and Vertex: msg_bdrk_…, msg_vrtx_…). */
const MESSAGE_ID = Buffer.from('"id":"msg_');
const MODEL = keyPattern('model');
const USAGE_OBJECT = Buffer.from('"usage":{');
const SIDECHAIN_TRUE = Buffer.from('"isSidechain":true');
const CWD = keyPattern('cwd');
const GIT_BRANCH = keyPattern('gitBranch');
const VERSION = keyPattern('version');
const TOOL_USE_ID = keyPattern('tool_use_id');

/** Tools whose `file_path` input is a file the agent wrote or read. */
const WRITE_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
const READ_TOOLS = new Set(['Read', 'NotebookRead']);

/** User rows that wrap local slash commands and their output rather than a typed prompt. */
const COMMAND_PREFIX = /^\s*<command-(name|message|args)>/;
const NOT_A_PROMPT_PREFIX = /^\s*<(local-command-|bash-|user-memory-input|system-reminder)/;

/** The string value of `"key":"…"`, found through the head and tail windows first. */
function fieldAt(line: Buffer, keyPattern: Buffer, headFirst = true): string | null {
  return stringAfterKey(
    line,
    headFirst ? locate(line, keyPattern) : locateTailFirst(line, keyPattern),
    keyPattern,
  );
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
    const headFirst = startsWithType(line);
    const sessionId = fieldAt(line, SESSION_ID, headFirst);
    if (!sessionId) {
      // Claude Code writes compact JSON; a line with a sessionId that is not compact (a re-serialised
      // or hand-edited history) takes the slow path instead of being lost.
      if (line.includes(SESSION_ID_KEY)) feedParsed(parse(line));
      return;
    }
    const timeAt = headFirst ? locate(line, TIMESTAMP) : locateTailFirst(line, TIMESTAMP);
    const timeMs = timeAt === -1 ? null : isoMsAt(line, timeAt + TIMESTAMP.length);
    switch (claudeLineKind(line)) {
      case 'assistant': {
        if (onAssistantBytes(line, sessionId, timeMs)) return;
        const row = parse(line);
        if (row?.type === 'assistant') onAssistant(session(sessionId), row, timeMs);
        return;
      }
      case 'user': {
        const toolUseId = fieldAt(line, TOOL_USE_ID);
        if (toolUseId === null) {
          const row = parse(line);
          if (row?.type === 'user') onUserRow(session(sessionId), row, timeMs);
          return;
        }
        const state = session(sessionId);
        noteTime(state, timeMs, true);
        // Only the results of tools that write files are decoded (for lines changed); every other result
        // — file reads, command output, most of a history's bytes — is read for two flags.
        const tool = state.tools[toolUseId];
        if (tool && WRITE_TOOLS.has(tool[0])) {
          const row = parse(line);
          if (row?.type === 'user') onToolResults(state, row, timeMs);
        } else {
          onToolResultBytes(state, line, toolUseId, timeMs);
        }
        return;
      }
      case 'cost-state': {
        const row = parse(line);
        if (row?.type === 'cost-state') onCostState(session(sessionId), row);
        return;
      }
      case 'system':
        if (timeMs !== null)
          onOtherRow(session(sessionId), timeMs, true, locate(line, COMPACT_BOUNDARY) !== -1);
        return;
      default:
        if (timeMs !== null) onOtherRow(session(sessionId), timeMs, false, false);
    }
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

  /**
   * An assistant row without tool calls (text, thinking): its message id, model and usage are read from
   * the bytes and only the small usage object is parsed. Returns false when the row needs a full parse.
   */
  function onAssistantBytes(line: Buffer, sessionId: string, timeMs: number | null): boolean {
    if (line.includes(TOOL_USE_BLOCK)) return false;
    const messageId = fieldAt(line, MESSAGE_ID);
    const model = fieldAt(line, MODEL);
    const usageAt = line.lastIndexOf(USAGE_OBJECT);
    if (messageId === null || model === null || usageAt === -1) return false;
    const usageEnd = closingBrace(line, usageAt + USAGE_OBJECT.length - 1);
    if (usageEnd === -1) return false;
    let usage: Record<string, unknown>;
    try {
      usage = JSON.parse(line.toString('latin1', usageAt + USAGE_OBJECT.length - 1, usageEnd + 1));
    } catch {
      return false;
    }
    const state = session(sessionId);
    if (!inWindows(line, SIDECHAIN_TRUE)) {
      if (state.cwd === null) state.cwd = fieldAt(line, CWD);
      state.branch = fieldAt(line, GIT_BRANCH) || state.branch;
      state.version = fieldAt(line, VERSION) || state.version;
    }
    noteTime(state, timeMs, true);
    recordUsage(state, `msg_${messageId}`, model, usageCounts(usage), timeMs);
    return true;
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

  /** A tool result without an edit: only its id, error flag and time matter, so it is never decoded. */
  function onToolResultBytes(
    state: ClaudeSessionState,
    line: Buffer,
    toolUseId: string,
    timeMs: number | null,
  ) {
    settleTool(state, toolUseId, line.includes(IS_ERROR_TRUE), timeMs);
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

/** The index of the `}` closing the object whose `{` is at `openAt` (string-aware). */
function closingBrace(line: Buffer, openAt: number): number {
  let depth = 0;
  let inString = false;
  for (let i = openAt; i < line.length; i += 1) {
    const byte = line[i];
    if (inString) {
      if (byte === 0x5c) i += 1;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b) depth += 1;
    else if (byte === 0x7d) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}
