import type { AgentSessionRollup } from '@devtime/protocol';
import type { StorageDialect } from './dialects/dialect.ts';
import type { ActivityQuery, AgentSessionSummary, AgentUsageRow } from './store.ts';

/** Agent sessions overlapping [fromMs, toMs), by start time; `tool` filters the agent. */
export async function listAgentSessions(
  dialect: StorageDialect,
  userId: string,
  query: ActivityQuery,
): Promise<AgentSessionSummary[]> {
  let select = dialect.db
    .selectFrom('agent_sessions')
    .select([
      'agent',
      'session_id',
      'project',
      'branch',
      'machine_id',
      'started_at_ms',
      'ended_at_ms',
      'turn_count',
      'prompt_count',
    ])
    .where('user_id', '=', userId)
    .where('started_at_ms', '<', query.toMs)
    .where('ended_at_ms', '>=', query.fromMs);
  if (query.tool !== undefined) select = select.where('agent', '=', query.tool);
  if (query.project !== undefined) select = select.where('project', '=', query.project);
  const rows = await select.orderBy('started_at_ms').orderBy('agent').orderBy('session_id').execute();
  return rows.map((row) => ({
    agent: row.agent,
    sessionId: row.session_id,
    project: row.project,
    branch: row.branch,
    machineId: row.machine_id,
    startedAtMs: row.started_at_ms,
    endedAtMs: row.ended_at_ms,
    turns: row.turn_count,
    prompts: row.prompt_count,
  }));
}

/** Token usage attributed to times in [fromMs, toMs); `tool` filters the agent. */
export async function readAgentUsage(
  dialect: StorageDialect,
  userId: string,
  query: ActivityQuery,
): Promise<AgentUsageRow[]> {
  let select = dialect.db
    .selectFrom('agent_usage')
    .select([
      'agent',
      'session_id',
      'project',
      'model',
      'at_ms',
      'calls',
      'input_tokens',
      'output_tokens',
      'cache_write_tokens',
      'cache_read_tokens',
      'reasoning_tokens',
      'cost_usd',
    ])
    .where('user_id', '=', userId)
    .where('at_ms', '>=', query.fromMs)
    .where('at_ms', '<', query.toMs);
  if (query.tool !== undefined) select = select.where('agent', '=', query.tool);
  if (query.project !== undefined) select = select.where('project', '=', query.project);
  const rows = await select
    .orderBy('at_ms')
    .orderBy('agent')
    .orderBy('session_id')
    .orderBy('usage_index')
    .execute();
  return rows.map((row) => ({
    agent: row.agent,
    sessionId: row.session_id,
    project: row.project,
    model: row.model,
    atMs: row.at_ms,
    calls: row.calls,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    cacheReadTokens: row.cache_read_tokens,
    reasoningTokens: row.reasoning_tokens,
    costUsd: row.cost_usd,
  }));
}

/** The rollup exactly as last uploaded, for detail pages. */
export async function getAgentSession(
  dialect: StorageDialect,
  userId: string,
  agent: string,
  sessionId: string,
): Promise<AgentSessionRollup | null> {
  const row = await dialect.db
    .selectFrom('agent_sessions')
    .select('rollup')
    .where('user_id', '=', userId)
    .where('agent', '=', agent)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row ? (dialect.decodeJson(row.rollup) as AgentSessionRollup) : null;
}
