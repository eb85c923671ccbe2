import type { StatsResponse, TokenTotals } from '@devtime/protocol';
import type { AgentUsageRow } from '@devtime/storage';

type Agents = StatsResponse['agents'];

export function emptyTotals(): TokenTotals {
  return {
    calls: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_write_tokens: 0,
    cache_read_tokens: 0,
    reasoning_tokens: 0,
    total_tokens: 0,
    cost_usd: 0,
  };
}

function add(totals: TokenTotals, row: AgentUsageRow): void {
  totals.calls += row.calls;
  totals.input_tokens += row.inputTokens;
  totals.output_tokens += row.outputTokens;
  totals.cache_write_tokens += row.cacheWriteTokens;
  totals.cache_read_tokens += row.cacheReadTokens;
  totals.reasoning_tokens += row.reasoningTokens;
  // Reasoning is a subset of output, so it is not added again.
  totals.total_tokens += row.inputTokens + row.outputTokens + row.cacheWriteTokens + row.cacheReadTokens;
  if (row.costUsd === null) totals.cost_usd = null;
  else if (totals.cost_usd !== null) totals.cost_usd += row.costUsd;
}

/**
 * Token totals by model and agent. A model with usage but no cost is "unpriced": its cost is null and
 * it is listed, rather than silently counted as free. The grand total's cost covers priced usage only.
 */
export function aggregateUsage(
  rows: readonly AgentUsageRow[],
  counts: { sessions: number; prompts: number },
): Agents {
  const totals = emptyTotals();
  const byModel: Record<string, TokenTotals> = {};
  const byAgent: Record<string, TokenTotals> = {};
  const unpriced = new Set<string>();
  for (const row of rows) {
    const model = byModel[row.model] ?? emptyTotals();
    const agent = byAgent[row.agent] ?? emptyTotals();
    byModel[row.model] = model;
    byAgent[row.agent] = agent;
    add(model, row);
    add(agent, row);
    if (row.costUsd === null) unpriced.add(row.model);
    add(totals, { ...row, costUsd: row.costUsd ?? 0 });
  }
  for (const value of [totals, ...Object.values(byModel), ...Object.values(byAgent)]) {
    if (value.cost_usd !== null) value.cost_usd = Math.round(value.cost_usd * 1e6) / 1e6;
  }
  return {
    sessions: counts.sessions,
    prompts: counts.prompts,
    totals,
    by_model: byModel,
    by_agent: byAgent,
    unpriced_models: [...unpriced].sort(),
  };
}
