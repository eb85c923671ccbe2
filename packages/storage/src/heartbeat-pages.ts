import type { Selectable } from 'kysely';
import type { HeartbeatsTable } from './database.ts';
import type { StorageDialect } from './dialects/dialect.ts';
import { toolsWithEvents } from './durations/tool-events.ts';
import type { HeartbeatCursor, HeartbeatPage, HeartbeatPageQuery, HeartbeatRow } from './store.ts';

/**
 * Keyset pages of raw heartbeats in (time, tool, dedupe hash) order, for exports.
 *
 * The primary key is (user_id, tool, time_ms, dedupe_hash): time order holds within a tool only. So a
 * page is a merge of one key-range query per tool, each starting just after the cursor. Tools are
 * visited in code-unit order (as `toolsWithEvents` sorts them, which also decides ties at one instant,
 * so no tool comparison depends on a database collation). Once the page is full, later tools only read
 * up to the page's last instant, so a page reads hardly more rows than it returns. Ties within one tool and
 * instant keep the database's dedupe_hash order, the same order the cursor's `>` compares in.
 */
export async function readHeartbeatPage(
  dialect: StorageDialect,
  userId: string,
  query: HeartbeatPageQuery,
): Promise<HeartbeatPage> {
  if (query.limit < 1) throw new Error('a heartbeat page holds at least one row');
  const tools = query.tool !== undefined ? [query.tool] : await toolsWithEvents(dialect.db, userId);
  const { after } = query;
  let page: Array<Selectable<HeartbeatsTable>> = [];
  for (const tool of tools) {
    const full = page.length >= query.limit;
    let select = dialect.db
      .selectFrom('heartbeats')
      .selectAll()
      .where('user_id', '=', userId)
      .where('tool', '=', tool)
      .where('time_ms', '>=', startFor(tool, query.fromMs, after))
      .where('time_ms', '<', query.toMs);
    if (after !== null && tool === after.tool) {
      // Same instant as the cursor: only hashes after it. Written as a range start plus a filter, which
      // both planners turn into an index range, unlike an OR of two ranges.
      select = select.where((eb) =>
        eb.or([eb('time_ms', '>', after.timeMs), eb('dedupe_hash', '>', after.dedupeHash)]),
      );
    }
    // Every row on the page is an earlier tool's, and at one instant earlier tools come first.
    if (full) select = select.where('time_ms', '<', page[query.limit - 1]!.time_ms);
    if (query.project !== undefined) select = select.where('project', '=', query.project);
    const rows = await select.orderBy('time_ms').orderBy('dedupe_hash').limit(query.limit).execute();
    page = mergeByTime(page, rows).slice(0, query.limit);
  }
  const heartbeats = page.map((row) => toHeartbeatRow(dialect, row));
  const last = heartbeats.at(-1);
  return {
    heartbeats,
    next:
      last !== undefined && heartbeats.length === query.limit
        ? { timeMs: last.timeMs, tool: last.tool, dedupeHash: last.dedupeHash }
        : null,
  };
}

/**
 * Where a tool's rows after the cursor begin: a tool ordered before the cursor's has only later
 * instants left, one after it may still have rows at the cursor's instant.
 */
function startFor(tool: string, fromMs: number, after: HeartbeatCursor | null): number {
  if (after === null) return fromMs;
  return Math.max(fromMs, tool < after.tool ? after.timeMs + 1 : after.timeMs);
}

/**
 * Merges rows of tools visited earlier (`page`) with a later tool's rows, both in time order; at equal
 * times the earlier tool's row comes first, which is code-unit tool order.
 */
function mergeByTime<T extends { time_ms: number }>(page: T[], rows: T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < page.length || j < rows.length) {
    if (j >= rows.length || (i < page.length && Number(page[i]!.time_ms) <= Number(rows[j]!.time_ms))) {
      merged.push(page[i++]!);
    } else {
      merged.push(rows[j++]!);
    }
  }
  return merged;
}

function toHeartbeatRow(dialect: StorageDialect, row: Selectable<HeartbeatsTable>): HeartbeatRow {
  const dependencies = dialect.decodeJson(row.dependencies);
  return {
    tool: row.tool,
    timeMs: Number(row.time_ms),
    dedupeHash: row.dedupe_hash,
    category: row.category,
    idle: Boolean(row.idle),
    entity: row.entity,
    entityType: row.entity_type,
    project: row.project,
    projectRootCount: row.project_root_count,
    language: row.language,
    branch: row.branch,
    machineId: row.machine_id,
    isWrite: Boolean(row.is_write),
    lines: row.lines,
    lineno: row.lineno,
    cursorpos: row.cursorpos,
    lineAdditions: row.line_additions,
    lineDeletions: row.line_deletions,
    aiLineChanges: row.ai_line_changes,
    humanLineChanges: row.human_line_changes,
    aiSession: row.ai_session,
    aiInputTokens: row.ai_input_tokens,
    aiOutputTokens: row.ai_output_tokens,
    aiPromptLength: row.ai_prompt_length,
    dependencies: Array.isArray(dependencies) ? dependencies.map(String) : null,
    editor: row.editor,
    plugin: row.plugin,
    os: row.os,
    userAgent: row.user_agent,
    receivedAtMs: Number(row.received_at_ms),
  };
}
