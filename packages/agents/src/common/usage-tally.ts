import type { ModelUsage } from '@devtime/protocol';
import { compareText } from './compare-text.ts';

/** Disjoint token counts of some API calls (docs/agents.md): input is uncached input. */
export interface UsageCounts {
  calls: number;
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
  reasoning?: number;
}

type Totals = Required<UsageCounts>;

/** Sums usage per model; converts to the rollup's `models` shape. */
export class UsageTally {
  readonly #byModel = new Map<string, Totals>();

  add(model: string, usage: UsageCounts): void {
    const totals = this.#byModel.get(model) ?? {
      calls: 0,
      input: 0,
      output: 0,
      cacheWrite: 0,
      cacheRead: 0,
      reasoning: 0,
    };
    totals.calls += usage.calls;
    totals.input += usage.input;
    totals.output += usage.output;
    totals.cacheWrite += usage.cacheWrite;
    totals.cacheRead += usage.cacheRead;
    totals.reasoning += usage.reasoning ?? 0;
    this.#byModel.set(model, totals);
  }

  get(model: string): Totals {
    return (
      this.#byModel.get(model) ?? { calls: 0, input: 0, output: 0, cacheWrite: 0, cacheRead: 0, reasoning: 0 }
    );
  }

  isEmpty(): boolean {
    return this.#byModel.size === 0;
  }

  toModelUsage(provider: string | null): ModelUsage[] {
    return [...this.#byModel.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([model, totals]) => ({
        model,
        provider,
        calls: totals.calls,
        input_tokens: totals.input,
        output_tokens: totals.output,
        cache_write_tokens: totals.cacheWrite,
        cache_read_tokens: totals.cacheRead,
        reasoning_tokens: totals.reasoning,
      }));
  }
}
