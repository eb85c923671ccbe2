import type { HeartbeatsTable } from './database.ts';
import type { HeartbeatRow } from './store.ts';

export type ColumnKind = 'text' | 'int' | 'bool' | 'json';

/**
 * The heartbeats table's columns in insert order, with the kind of value each holds, so the dialects'
 * bulk inserts can bind rows positionally without going through the query builder.
 */
export const HEARTBEAT_COLUMNS = [
  ['user_id', 'text'],
  ['tool', 'text'],
  ['time_ms', 'int'],
  ['dedupe_hash', 'text'],
  ['category', 'text'],
  ['idle', 'bool'],
  ['entity', 'text'],
  ['entity_type', 'text'],
  ['project', 'text'],
  ['project_root_count', 'int'],
  ['language', 'text'],
  ['branch', 'text'],
  ['machine_id', 'text'],
  ['is_write', 'bool'],
  ['lines', 'int'],
  ['lineno', 'int'],
  ['cursorpos', 'int'],
  ['line_additions', 'int'],
  ['line_deletions', 'int'],
  ['ai_line_changes', 'int'],
  ['human_line_changes', 'int'],
  ['ai_session', 'text'],
  ['ai_input_tokens', 'int'],
  ['ai_output_tokens', 'int'],
  ['ai_prompt_length', 'int'],
  ['dependencies', 'json'],
  ['editor', 'text'],
  ['plugin', 'text'],
  ['os', 'text'],
  ['user_agent', 'text'],
  ['received_at_ms', 'int'],
] as const satisfies ReadonlyArray<readonly [keyof HeartbeatsTable, ColumnKind]>;

export type HeartbeatValue = string | number | null;

/** One row's values in `HEARTBEAT_COLUMNS` order (flags as 0/1, dependencies as JSON text). */
export function heartbeatValues(userId: string, row: HeartbeatRow): HeartbeatValue[] {
  return [
    userId,
    row.tool,
    row.timeMs,
    row.dedupeHash,
    row.category,
    row.idle ? 1 : 0,
    row.entity,
    row.entityType,
    row.project,
    row.projectRootCount,
    row.language,
    row.branch,
    row.machineId,
    row.isWrite ? 1 : 0,
    row.lines,
    row.lineno,
    row.cursorpos,
    row.lineAdditions,
    row.lineDeletions,
    row.aiLineChanges,
    row.humanLineChanges,
    row.aiSession,
    row.aiInputTokens,
    row.aiOutputTokens,
    row.aiPromptLength,
    row.dependencies == null ? null : JSON.stringify(row.dependencies),
    row.editor,
    row.plugin,
    row.os,
    row.userAgent,
    row.receivedAtMs,
  ];
}

/** Identifies a heartbeat within one user: the primary key minus user_id. */
export function heartbeatKey(tool: string, timeMs: number, dedupeHash: string): string {
  return `${tool}\u0000${timeMs}\u0000${dedupeHash}`;
}
