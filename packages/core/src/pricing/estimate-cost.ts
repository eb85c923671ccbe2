import { matchModel } from './match-model.ts';
import { BUNDLED_PRICE_TABLE } from './price-table.ts';
import type { PriceTable } from './types.ts';

/** Disjoint token counts of one model's usage (the rollup's `ModelUsage` fits as it is). */
export interface CostUsage {
  model: string;
  /** Uncached input. */
  input_tokens: number;
  /** Output, reasoning included. */
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  /** The part of `cache_write_tokens` written with a 1-hour lifetime, when the agent reports the split. */
  cache_write_1h_tokens?: number | null | undefined;
}

export type CostEstimate = { costUsd: number } | { unpriced: true };

const PER_MILLION = 1_000_000;

/**
 * Estimated USD for a model's usage from a price table; `{ unpriced: true }` when the table does not
 * know the model (never 0: free and unknown are different answers).
 *
 * - Cache writes are priced at the 5-minute rate unless `cache_write_1h_tokens` says how many were 1-hour
 *   writes (models without a 1-hour rate price those at the 5-minute rate too).
 * - Base rates only. Long-context tiers apply per request (a request above 200k input tokens is billed
 *   entirely at the higher rate), but a rollup holds the sum over a session's requests, so whether any one
 *   request crossed the threshold is unknown. Sessions with such requests are therefore under-estimated;
 *   an agent's own cost (Pi, OpenCode), used in preference to this estimate, does not have that gap.
 */
export function estimateCost(usage: CostUsage, table: PriceTable = BUNDLED_PRICE_TABLE): CostEstimate {
  const match = matchModel(usage.model, table);
  if (!match) return { unpriced: true };
  const { price } = match;
  const cacheWrite = Math.max(0, usage.cache_write_tokens);
  const oneHour = Math.min(cacheWrite, Math.max(0, usage.cache_write_1h_tokens ?? 0));
  const microDollars =
    usage.input_tokens * price.input +
    usage.output_tokens * price.output +
    (cacheWrite - oneHour) * price.cache_write_5m +
    oneHour * (price.cache_write_1h ?? price.cache_write_5m) +
    usage.cache_read_tokens * price.cache_read;
  return { costUsd: microDollars / PER_MILLION };
}
