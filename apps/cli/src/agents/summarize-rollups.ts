import type { AgentSessionRollupInput } from '@devtime/protocol';

export interface ModelTotals {
  agent: string;
  model: string;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  reasoning_tokens: number;
}

/** Totals over rollups: what `backfill plan` shows and `verify` compares. */
export function summarizeRollups(rollups: AgentSessionRollupInput[]) {
  const byModel = new Map<string, ModelTotals>();
  let prompts = 0;
  let turns = 0;
  for (const rollup of rollups) {
    turns += rollup.turns.length;
    prompts += rollup.turns.filter((turn) => turn.prompt_chars != null).length;
    for (const usage of rollup.models) {
      const key = `${rollup.agent}\u0000${usage.model}`;
      const totals = byModel.get(key) ?? {
        agent: rollup.agent,
        model: usage.model,
        calls: 0,
        input_tokens: 0,
        output_tokens: 0,
        cache_write_tokens: 0,
        cache_read_tokens: 0,
        reasoning_tokens: 0,
      };
      totals.calls += usage.calls;
      totals.input_tokens += usage.input_tokens;
      totals.output_tokens += usage.output_tokens;
      totals.cache_write_tokens += usage.cache_write_tokens;
      totals.cache_read_tokens += usage.cache_read_tokens;
      totals.reasoning_tokens += usage.reasoning_tokens ?? 0;
      byModel.set(key, totals);
    }
  }
  const models = [...byModel.values()].sort(
    (a, b) => a.agent.localeCompare(b.agent) || a.model.localeCompare(b.model),
  );
  return { sessions: rollups.length, turns, prompts, models };
}
