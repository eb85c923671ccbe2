import { categoryOf, type Heartbeat, isIdle } from '@devtime/protocol';
import type { HeartbeatRow } from '@devtime/storage';
import { contentHash } from './content-hash.ts';

const blankToNull = (value: string | null | undefined): string | null => {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** A validated wire heartbeat → the stored row, with the content hash that makes re-sends harmless. */
export function normalizeHeartbeat(
  heartbeat: Heartbeat,
  context: { machineId: string | null; receivedAtMs: number },
): HeartbeatRow {
  const row: HeartbeatRow = {
    tool: heartbeat.tool,
    timeMs: Math.round(heartbeat.timestamp),
    dedupeHash: '',
    category: categoryOf(heartbeat),
    idle: isIdle(heartbeat),
    entity: blankToNull(heartbeat.file),
    entityType: heartbeat.entity_type ?? (heartbeat.file ? 'file' : null),
    project: blankToNull(heartbeat.project),
    projectRootCount: heartbeat.project_root_count ?? null,
    language: blankToNull(heartbeat.language),
    branch: blankToNull(heartbeat.branch),
    machineId: blankToNull(heartbeat.machine_id) ?? context.machineId,
    isWrite: heartbeat.is_write ?? false,
    lines: heartbeat.lines ?? null,
    lineno: heartbeat.lineno ?? heartbeat.cursor_line ?? null,
    cursorpos: heartbeat.cursorpos ?? null,
    lineAdditions: heartbeat.line_additions ?? null,
    lineDeletions: heartbeat.line_deletions ?? null,
    aiLineChanges: heartbeat.ai_line_changes ?? null,
    humanLineChanges: heartbeat.human_line_changes ?? null,
    aiSession: blankToNull(heartbeat.ai_session) ?? blankToNull(heartbeat.session_id),
    aiInputTokens: heartbeat.ai_input_tokens ?? heartbeat.tokens_in ?? null,
    aiOutputTokens: heartbeat.ai_output_tokens ?? heartbeat.tokens_out ?? null,
    aiPromptLength: heartbeat.ai_prompt_length ?? null,
    dependencies: heartbeat.dependencies?.length ? heartbeat.dependencies : null,
    editor: blankToNull(heartbeat.editor),
    plugin: blankToNull(heartbeat.plugin),
    os: blankToNull(heartbeat.os),
    userAgent: blankToNull(heartbeat.user_agent),
    receivedAtMs: context.receivedAtMs,
  };
  row.dedupeHash = contentHash(identity(row));
  return row;
}

/**
 * Everything except when it arrived identifies a heartbeat. Joined with a control character that names
 * and paths do not contain; blank strings were already folded into null, so `null` and "" cannot collide.
 */
function identity(row: HeartbeatRow): string {
  return [
    row.tool,
    row.timeMs,
    row.category,
    row.idle,
    row.entity,
    row.entityType,
    row.project,
    row.projectRootCount,
    row.language,
    row.branch,
    row.machineId,
    row.isWrite,
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
    row.dependencies?.join('\u001e'),
    row.editor,
    row.plugin,
    row.os,
    row.userAgent,
  ].join('\u001f');
}
