import path from 'node:path';
import type { AgentSessionRollupInput } from '@devtime/protocol';
import type { FoldOptions, HistoryFold, LineSource } from '../adapter.ts';
import { keyPattern, parseIsoMs, stringField } from '../common/line-fields.ts';
import { applyRecord, type CodexRecord } from './codex-record.ts';
import { buildRollup } from './codex-rollup.ts';
import { type CodexSessionState, newSessionState, reviveSessionState } from './codex-session-state.ts';

const ROLLOUT_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.jsonl$/i;

/**
 * The thread id a rollout file belongs to when its first line (session_meta) is not among the lines fed,
 * as in an incremental sync: Codex names files `rollout-<local time>-<thread id>.jsonl`.
 */
export function sessionIdFromPath(file: string): string {
  const name = path.basename(file);
  return ROLLOUT_ID.exec(name)?.[1] ?? name.replace(/\.jsonl$/i, '');
}

const TYPE = keyPattern('type');
const TIMESTAMP = keyPattern('timestamp');
const PAYLOAD_TYPE = keyPattern('payload":{"type');
const ITEM_TYPE = keyPattern('item":{"type');

/** Records that only date the session: their (often large) bodies are never parsed. */
const TIME_ONLY_TYPES = new Set(['world_state', 'token_usage_record', 'compacted']);
/** The kinds the fold reads; any other kind, once recognised, only dates the session. */
const READ_ITEMS = new Set([
  'function_call',
  'custom_tool_call',
  'local_shell_call',
  'web_search_call',
  'function_call_output',
  'custom_tool_call_output',
]);
const READ_EVENTS = new Set([
  'task_started',
  'task_complete',
  'turn_aborted',
  'user_message',
  'token_count',
  'exec_command_end',
  'patch_apply_end',
  'item_completed',
]);
const READ_COMPLETED = new Set(['UserMessage', 'CommandExecution', 'FileChange']);

/**
 * True when the line's kind is recognised from its bytes and carries nothing the fold counts (messages,
 * reasoning, world state: most of a rollout's bytes). Rollout lines start `{"timestamp":…,"type":…`, so
 * the first `"type":"` is the record's own; an unrecognised layout is always parsed.
 */
function onlyDates(line: Buffer, type: string): boolean {
  if (TIME_ONLY_TYPES.has(type)) return true;
  if (type !== 'response_item' && type !== 'event_msg') return false;
  const payloadType = stringField(line, PAYLOAD_TYPE);
  if (payloadType === null) return false;
  if (type === 'response_item') return !READ_ITEMS.has(payloadType);
  if (!READ_EVENTS.has(payloadType)) return true;
  const itemType = payloadType === 'item_completed' ? stringField(line, ITEM_TYPE) : null;
  return itemType !== null && !READ_COMPLETED.has(itemType);
}

/** Parses a line, or only reads its timestamp when it carries nothing else the fold needs. */
function parseRecord(line: Buffer): CodexRecord | null {
  const type = stringField(line, TYPE);
  if (type && onlyDates(line, type)) {
    const timestamp = stringField(line, TIMESTAMP) ?? '';
    return { type, timestamp, ms: parseIsoMs(timestamp), payload: {} };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(line.toString('utf8'));
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const { type: recordType, timestamp, payload } = raw as Record<string, unknown>;
  if (typeof recordType !== 'string' || !payload || typeof payload !== 'object' || Array.isArray(payload))
    return null;
  const stamp = typeof timestamp === 'string' ? timestamp : '';
  return {
    type: recordType,
    timestamp: stamp,
    ms: parseIsoMs(stamp),
    payload: payload as Record<string, unknown>,
  };
}

function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  }
  return true;
}

/**
 * The Codex history fold: pure, no I/O. Sessions are Codex threads, keyed by the thread id of the file's
 * session_meta. Per-session state survives between folds through `exportState`/`states.load`, including a
 * per-file watermark so a line fed twice (a re-read, or the same file under archived_sessions/) counts once.
 */
export function createCodexFold(options: FoldOptions): HistoryFold {
  const sessions = new Map<string, CodexSessionState>();
  /** Rollout path → its session key and the basename its watermark is kept under. */
  const files = new Map<string, { key: string; name: string }>();
  const touched = new Set<string>();
  let skipped = 0;

  function session(key: string, create: boolean): CodexSessionState | null {
    let state = sessions.get(key);
    if (state) return state;
    state = reviveSessionState(key, options.states?.load(key)) ?? (create ? newSessionState(key) : undefined);
    if (state) sessions.set(key, state);
    return state ?? null;
  }

  function fileOf(record: CodexRecord, file: string): { key: string; name: string } {
    let known = files.get(file);
    if (!known) {
      const metaId = record.type === 'session_meta' ? record.payload.id : null;
      const key = typeof metaId === 'string' && metaId ? metaId : sessionIdFromPath(file);
      known = { key, name: path.basename(file) };
      files.set(file, known);
    }
    return known;
  }

  return {
    feedLine(bytes: Buffer, start: number, end: number, source: LineSource): void {
      if (isBlank(bytes, start, end)) return;
      const line = bytes.subarray(start, end);
      const record = parseRecord(line);
      if (!record) {
        skipped += 1;
        return;
      }
      const { key, name } = fileOf(record, source.file.path);
      const state = session(key, true)!;
      const fileState = state.sources[name] ?? { offset: -1, started: false };
      state.sources[name] = fileState;
      if (source.offset <= fileState.offset) return;
      fileState.offset = source.offset;
      touched.add(key);
      const claim = (dedupeKey: string) => options.dedupe.claim(dedupeKey, key);
      if (!applyRecord(state, fileState, record, claim)) skipped += 1;
    },

    takeTouched(): string[] {
      const keys = [...touched];
      touched.clear();
      return keys;
    },

    rollup(sessionKey: string): AgentSessionRollupInput | null {
      const state = session(sessionKey, false);
      return state ? buildRollup(state) : null;
    },

    exportState(sessionKey: string): unknown {
      const state = session(sessionKey, false);
      return state ? JSON.parse(JSON.stringify(state)) : null;
    },
    release(sessionKey: string): void {
      sessions.delete(sessionKey);
    },

    get skippedLines(): number {
      return skipped;
    },
  };
}
