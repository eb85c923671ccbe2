import type { HeartbeatCursor, HeartbeatPage, HeartbeatRow } from '@devtime/storage';
import type { ApiDeps } from '../context.ts';
import type { ResolvedQuery } from '../stats/resolve-query.ts';
import { csvCell } from './csv-cell.ts';
import { zonedIsoFormatter } from './zoned-iso.ts';

/** Heartbeats read per store page: bounds memory whatever the range, and yields between pages. */
export const HEARTBEAT_EXPORT_PAGE_ROWS = 2_000;

/**
 * Columns of the raw export, named as in the heartbeat wire format (`file`, `timestamp` in ms, …) plus
 * `time` (ISO in the range's zone), `idle` and `received_at_ms`.
 */
export const HEARTBEAT_EXPORT_COLUMNS = [
  'time',
  'timestamp',
  'tool',
  'category',
  'idle',
  'file',
  'entity_type',
  'project',
  'project_root_count',
  'language',
  'branch',
  'machine_id',
  'is_write',
  'lines',
  'lineno',
  'cursorpos',
  'line_additions',
  'line_deletions',
  'ai_line_changes',
  'human_line_changes',
  'ai_session',
  'ai_input_tokens',
  'ai_output_tokens',
  'ai_prompt_length',
  'dependencies',
  'editor',
  'plugin',
  'os',
  'user_agent',
  'received_at_ms',
] as const;

type ExportedHeartbeat = Record<(typeof HEARTBEAT_EXPORT_COLUMNS)[number], unknown>;

export type HeartbeatExportFormat = 'json' | 'csv';

/**
 * The user's stored heartbeats in the range as a stream: NDJSON (one object a line) or CSV with a header
 * row. Pages are pulled from the store only as the client reads (the stream's backpressure), so a year
 * of heartbeats never sits in memory, and the keyset cursor keeps each page as cheap as the first.
 */
export function heartbeatExportStream(
  deps: ApiDeps,
  userId: string,
  query: ResolvedQuery,
  format: HeartbeatExportFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: HeartbeatCursor | null = null;
  let started = false;
  const isoTime = zonedIsoFormatter(query.timeZone);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const header = !started && format === 'csv' ? `${HEARTBEAT_EXPORT_COLUMNS.join(',')}\r\n` : '';
        started = true;
        let page: HeartbeatPage;
        try {
          page = await deps.store.readHeartbeatPage(userId, {
            fromMs: query.fromMs,
            toMs: query.toMs,
            tool: query.tool,
            project: query.project,
            after,
            limit: HEARTBEAT_EXPORT_PAGE_ROWS,
          });
        } catch (error) {
          // The status line is long sent: all that is left is to cut the download short (the client sees
          // a truncated body, not a complete-looking file) and to say why in the log.
          deps.log.error('heartbeat export failed', {
            error: error instanceof Error ? error.stack : String(error),
          });
          controller.error(error);
          return;
        }
        const lines = page.heartbeats.map((row) => {
          const exported = exportedHeartbeat(row, isoTime);
          return format === 'csv' ? `${csvLine(exported)}\r\n` : `${JSON.stringify(exported)}\n`;
        });
        const text = header + lines.join('');
        if (text !== '') controller.enqueue(encoder.encode(text));
        after = page.next;
        if (after === null) controller.close();
      },
    },
    // One page per pull: the queue holds at most one encoded page ahead of the client.
    { highWaterMark: 1 },
  );
}

function exportedHeartbeat(row: HeartbeatRow, isoTime: (ms: number) => string): ExportedHeartbeat {
  return {
    time: isoTime(row.timeMs),
    timestamp: row.timeMs,
    tool: row.tool,
    category: row.category,
    idle: row.idle,
    file: row.entity,
    entity_type: row.entityType,
    project: row.project,
    project_root_count: row.projectRootCount,
    language: row.language,
    branch: row.branch,
    machine_id: row.machineId,
    is_write: row.isWrite,
    lines: row.lines,
    lineno: row.lineno,
    cursorpos: row.cursorpos,
    line_additions: row.lineAdditions,
    line_deletions: row.lineDeletions,
    ai_line_changes: row.aiLineChanges,
    human_line_changes: row.humanLineChanges,
    ai_session: row.aiSession,
    ai_input_tokens: row.aiInputTokens,
    ai_output_tokens: row.aiOutputTokens,
    ai_prompt_length: row.aiPromptLength,
    dependencies: row.dependencies,
    editor: row.editor,
    plugin: row.plugin,
    os: row.os,
    user_agent: row.userAgent,
    received_at_ms: row.receivedAtMs,
  };
}

/** Numbers and flags as written; dependencies as one JSON array cell. */
function csvLine(heartbeat: ExportedHeartbeat): string {
  return HEARTBEAT_EXPORT_COLUMNS.map((column) => {
    const value = heartbeat[column];
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return csvCell(JSON.stringify(value));
    return csvCell(String(value));
  }).join(',');
}
