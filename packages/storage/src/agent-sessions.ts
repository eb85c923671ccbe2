import type { AgentSessionRollup } from '@devtime/protocol';
import type { Insertable } from 'kysely';
import { agentTurnDurationMs } from './agent-turn-event.ts';
import type { AgentUsageTable } from './database.ts';
import type { StorageDialect } from './dialects/dialect.ts';
import { markDirty } from './dirty-ranges.ts';
import { insertChunked } from './insert-chunked.ts';

/**
 * Stores a rollup, replacing an earlier upload of the same (agent, session id) with all its detail rows.
 * An identical re-send (same content hash) writes nothing. The agent's tool is marked dirty over both
 * the old and the new session span, since turns may have moved, appeared or vanished.
 */
export async function upsertAgentSession(
  dialect: StorageDialect,
  userId: string,
  rollup: AgentSessionRollup,
  contentHash: string,
  receivedAtMs: number,
): Promise<'created' | 'updated' | 'unchanged'> {
  const key = { userId, agent: rollup.agent, sessionId: rollup.session_id };
  // Re-sends are the common case (clients upload on every hook); answer them without a write lock.
  if ((await storedSession(dialect, key))?.content_hash === contentHash) return 'unchanged';

  return dialect.writeTransaction(async (trx) => {
    await dialect.lockUser(trx, userId, 'agent-sessions');
    const existing = await storedSession(dialect, key, trx);
    if (existing?.content_hash === contentHash) return 'unchanged';
    if (existing) {
      // Child rows go with the session (ON DELETE CASCADE).
      await trx
        .deleteFrom('agent_sessions')
        .where('user_id', '=', userId)
        .where('agent', '=', rollup.agent)
        .where('session_id', '=', rollup.session_id)
        .execute();
    }
    const ids = { user_id: userId, agent: rollup.agent, session_id: rollup.session_id };
    const project = rollup.project ?? null;
    await trx
      .insertInto('agent_sessions')
      .values({
        ...ids,
        machine_id: rollup.machine_id ?? null,
        project,
        cwd_hash: rollup.cwd_hash ?? null,
        branch: rollup.branch ?? null,
        agent_version: rollup.agent_version ?? null,
        started_at_ms: rollup.started_at,
        ended_at_ms: rollup.ended_at,
        turn_count: rollup.turns.length,
        prompt_count: rollup.turns.filter((turn) => turn.prompt_chars != null).length,
        content_hash: contentHash,
        received_at_ms: receivedAtMs,
        rollup: JSON.stringify(rollup),
      })
      .execute();
    await insertChunked(
      dialect,
      trx,
      'agent_turns',
      rollup.turns.map((turn, index) => ({
        ...ids,
        turn_index: index,
        started_at_ms: turn.started_at,
        ended_at_ms: turn.ended_at,
        duration_ms: agentTurnDurationMs(turn.started_at, turn.ended_at),
        prompt_chars: turn.prompt_chars ?? null,
        project,
        branch: rollup.branch ?? null,
        machine_id: rollup.machine_id ?? null,
      })),
    );
    await insertChunked(dialect, trx, 'agent_usage', usageRows(rollup, ids));
    await insertChunked(
      dialect,
      trx,
      'agent_tools',
      rollup.tools.map((tool, index) => ({
        ...ids,
        tool_index: index,
        name: tool.name,
        calls: tool.calls,
        failures: tool.failures,
        duration_ms: tool.duration_ms,
      })),
    );
    await insertChunked(
      dialect,
      trx,
      'agent_files',
      rollup.files.map((file, index) => ({
        ...ids,
        file_index: index,
        path: file.path ?? null,
        path_hash: file.path_hash ?? null,
        language: file.language ?? null,
        kind: file.kind ?? null,
        reads: file.reads,
        writes: file.writes,
        lines_added: file.lines_added,
        lines_removed: file.lines_removed,
      })),
    );
    const span = {
      fromMs: Math.min(rollup.started_at, existing?.started_at_ms ?? rollup.started_at),
      toMs: Math.max(rollup.ended_at, existing?.ended_at_ms ?? rollup.ended_at),
    };
    await markDirty(dialect, trx, userId, new Map([[rollup.agent, span]]));
    return existing ? 'updated' : 'created';
  });
}

/**
 * Token usage rows. With per-turn usage, one row per turn and model at the turn's start, so usage lands
 * on the right day; models the turns do not mention (and sessions without per-turn usage) get one row
 * per model at the session's start.
 */
function usageRows(
  rollup: AgentSessionRollup,
  ids: { user_id: string; agent: string; session_id: string },
): Insertable<AgentUsageTable>[] {
  const rows: Insertable<AgentUsageTable>[] = [];
  const add = (usage: AgentSessionRollup['models'][number], atMs: number, turnIndex: number | null) =>
    rows.push({
      ...ids,
      usage_index: rows.length,
      turn_index: turnIndex,
      model: usage.model,
      provider: usage.provider ?? null,
      at_ms: atMs,
      project: rollup.project ?? null,
      calls: usage.calls,
      input_tokens: usage.input_tokens,
      output_tokens: usage.output_tokens,
      cache_write_tokens: usage.cache_write_tokens,
      cache_read_tokens: usage.cache_read_tokens,
      reasoning_tokens: usage.reasoning_tokens,
      cost_usd: usage.cost_usd ?? null,
    });
  const modelsInTurns = new Set<string>();
  rollup.turns.forEach((turn, index) => {
    for (const usage of turn.models ?? []) {
      modelsInTurns.add(usage.model);
      add(usage, turn.started_at, index);
    }
  });
  for (const usage of rollup.models) {
    if (!modelsInTurns.has(usage.model)) add(usage, rollup.started_at, null);
  }
  return rows;
}

async function storedSession(
  dialect: StorageDialect,
  key: { userId: string; agent: string; sessionId: string },
  db = dialect.db,
) {
  return db
    .selectFrom('agent_sessions')
    .select(['content_hash', 'started_at_ms', 'ended_at_ms'])
    .where('user_id', '=', key.userId)
    .where('agent', '=', key.agent)
    .where('session_id', '=', key.sessionId)
    .executeTakeFirst();
}
