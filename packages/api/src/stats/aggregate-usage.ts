import { estimateCost, type PriceTable } from '@devtime/core';
import type { StatsResponse, TokenTotals } from '@devtime/protocol';
import type { AgentUsageRow } from '@devtime/storage';

type Agents = StatsResponse['agents'];

/** Totals with no usage yet: no cost either (null until some priced usage is added). */
export function emptyTotals(): TokenTotals {
  return {
    calls: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_write_tokens: 0,
    cache_read_tokens: 0,
    reasoning_tokens: 0,
    total_tokens: 0,
    cost_usd: null,
  };
}

function add(totals: TokenTotals, row: AgentUsageRow, costUsd: number | null): void {
  totals.calls += row.calls;
  totals.input_tokens += row.inputTokens;
  totals.output_tokens += row.outputTokens;
  totals.cache_write_tokens += row.cacheWriteTokens;
  totals.cache_read_tokens += row.cacheReadTokens;
  totals.reasoning_tokens += row.reasoningTokens;
  // Reasoning is a subset of output, so it is not added again.
  totals.total_tokens += row.inputTokens + row.outputTokens + row.cacheWriteTokens + row.cacheReadTokens;
  if (costUsd !== null) totals.cost_usd = (totals.cost_usd ?? 0) + costUsd;
}

/**
 * A row's cost: the one the agent computed itself (Pi, OpenCode), else an estimate from the price table
 * made now, so a newer table re-prices history; null when neither exists.
 */
function rowCost(row: AgentUsageRow, prices: PriceTable): number | null {
  if (row.costUsd !== null) return row.costUsd;
  const estimate = estimateCost(
    {
      model: row.model,
      input_tokens: row.inputTokens,
      output_tokens: row.outputTokens,
      cache_write_tokens: row.cacheWriteTokens,
      cache_read_tokens: row.cacheReadTokens,
    },
    prices,
  );
  return 'costUsd' in estimate ? estimate.costUsd : null;
}

/**
 * Token totals and cost by model and agent. Usage without a cost is "unpriced": its model is listed in
 * `unpriced_models` and it adds nothing, rather than being silently counted as free. Every cost (by model,
 * by agent, total) is the sum of the priced usage it covers, and null when it covers usage but none of it
 * is priced — never 0 for an unknown price.
 */
export function aggregateUsage(
  rows: readonly AgentUsageRow[],
  counts: { sessions: number; prompts: number },
  prices: PriceTable,
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
    const cost = rowCost(row, prices);
    if (cost === null) unpriced.add(row.model);
    add(model, row, cost);
    add(agent, row, cost);
    add(totals, row, cost);
  }
  // No usage at all costs nothing.
  if (rows.length === 0) totals.cost_usd = 0;
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
    price_table_as_of: prices.as_of,
  };
}
