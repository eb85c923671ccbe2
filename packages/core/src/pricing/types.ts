/**
 * Model list prices in USD per million tokens, for the four disjoint token counts of an agent rollup
 * (docs/agents.md): uncached input, output (reasoning included), cache write and cache read.
 */
export interface TokenRates {
  input: number;
  output: number;
  /**
   * Writing the prompt cache with the default 5-minute lifetime (Anthropic: 1.25 × input). Providers
   * that do not charge for writes (OpenAI, Gemini's implicit caching) bill them as ordinary input: = input.
   */
  cache_write_5m: number;
  /** Cache writes with a 1-hour lifetime (Anthropic: 2 × input); absent where there is no such option. */
  cache_write_1h?: number | undefined;
  /** Reading the prompt cache ("cached input", "cache hits"). Models without caching: = input. */
  cache_read: number;
}

/**
 * Rates a provider charges for a whole request whose input exceeds `above_input_tokens` (Claude Sonnet 4
 * and 4.5 with the 1M context window, Gemini 2.5 Pro). Recorded for completeness: a session rollup sums
 * many requests, so `estimateCost` cannot tell which of them crossed the threshold and applies base rates.
 */
export interface LongContextRates extends TokenRates {
  above_input_tokens: number;
}

export interface ModelPrice extends TokenRates {
  long_context?: LongContextRates | undefined;
  /** Other ids of the same model (e.g. `claude-opus-4-0`); dated ids and provider prefixes match anyway. */
  aliases?: readonly string[] | undefined;
  note?: string | undefined;
}

export interface PriceTable {
  /** `YYYY-MM-DD`: the date these prices were taken as current. */
  as_of: string;
  /** Where the prices come from. */
  source: string;
  /** Keyed by the provider's model id, undated (`claude-sonnet-4-5`, `gpt-4.1`, `gemini-2.5-pro`). */
  models: Readonly<Record<string, ModelPrice>>;
}
