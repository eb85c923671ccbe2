import { compareText, UsageTally } from '@devtime/agents';
import type { AgentSessionRollupInput, ModelUsage } from '@devtime/protocol';

export type ModelTotals = { agent: string } & Omit<ModelUsage, 'provider' | 'cost_usd'>;

/** Totals over rollups: what `backfill plan` shows and `verify` compares. */
export function summarizeRollups(rollups: AgentSessionRollupInput[]) {
  const byAgent = new Map<string, UsageTally>();
  let prompts = 0;
  let turns = 0;
  for (const rollup of rollups) {
    turns += rollup.turns.length;
    prompts += rollup.turns.filter((turn) => turn.prompt_chars != null).length;
    const tally = byAgent.get(rollup.agent) ?? new UsageTally();
    for (const usage of rollup.models) {
      tally.add(usage.model, {
        calls: usage.calls,
        input: usage.input_tokens,
        output: usage.output_tokens,
        cacheWrite: usage.cache_write_tokens,
        cacheRead: usage.cache_read_tokens,
        reasoning: usage.reasoning_tokens ?? 0,
      });
    }
    byAgent.set(rollup.agent, tally);
  }
  const models: ModelTotals[] = [...byAgent.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .flatMap(([agent, tally]) =>
      tally
        .toModelUsage(null)
        .map(({ provider: _provider, cost_usd: _cost, ...usage }) => ({ agent, ...usage })),
    );
  return { sessions: rollups.length, turns, prompts, models };
}
