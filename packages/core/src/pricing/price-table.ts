import type { PriceTable } from './types.ts';

/**
 * The bundled price table: standard (non-batch, non-priority) list prices in USD per million tokens.
 *
 * Only models whose published prices we know are listed. Anything else (a newer model, a preview, a
 * fine-tune, a self-hosted model) is left out on purpose so that it shows as unpriced rather than being
 * priced by guessing from its family; an operator adds it with a prices file (`loadPriceOverrides`).
 *
 * Conventions:
 * - `cache_write_5m` is the 5-minute cache write; providers with no write charge (OpenAI, Gemini) have it
 *   equal to `input`, since cached prompts are billed as ordinary input when first sent.
 * - `cache_read` is the cached-input / cache-hit rate; models without a discount have it equal to `input`.
 * - `long_context` rates are listed where they exist but not applied (see `estimateCost`).
 * - Gemini's explicit-cache storage (per token-hour) and per-request surcharges (web search, tools) are
 *   not modelled: rollups do not carry them.
 */
export const BUNDLED_PRICE_TABLE: PriceTable = {
  as_of: '2026-11-01',
  source:
    'Providers’ published list prices: docs.anthropic.com/en/docs/about-claude/pricing, ' +
    'openai.com/api/pricing, ai.google.dev/gemini-api/docs/pricing (standard tier, USD per million ' +
    'tokens). Compiled by the DevTime maintainers; check against those pages and override with a prices ' +
    'file where they differ.',
  models: {
    // ── Anthropic: 5m cache write = 1.25 × input, 1h cache write = 2 × input, cache read = 0.1 × input.
    'claude-opus-4-5': { input: 5, output: 25, cache_write_5m: 6.25, cache_write_1h: 10, cache_read: 0.5 },
    'claude-opus-4-1': { input: 15, output: 75, cache_write_5m: 18.75, cache_write_1h: 30, cache_read: 1.5 },
    'claude-opus-4': {
      input: 15,
      output: 75,
      cache_write_5m: 18.75,
      cache_write_1h: 30,
      cache_read: 1.5,
      aliases: ['claude-opus-4-0', 'claude-4-opus'],
    },
    'claude-sonnet-4-5': {
      input: 3,
      output: 15,
      cache_write_5m: 3.75,
      cache_write_1h: 6,
      cache_read: 0.3,
      long_context: {
        above_input_tokens: 200_000,
        input: 6,
        output: 22.5,
        cache_write_5m: 7.5,
        cache_write_1h: 12,
        cache_read: 0.6,
      },
    },
    'claude-sonnet-4': {
      input: 3,
      output: 15,
      cache_write_5m: 3.75,
      cache_write_1h: 6,
      cache_read: 0.3,
      long_context: {
        above_input_tokens: 200_000,
        input: 6,
        output: 22.5,
        cache_write_5m: 7.5,
        cache_write_1h: 12,
        cache_read: 0.6,
      },
      aliases: ['claude-sonnet-4-0', 'claude-4-sonnet'],
    },
    'claude-3-7-sonnet': {
      input: 3,
      output: 15,
      cache_write_5m: 3.75,
      cache_write_1h: 6,
      cache_read: 0.3,
      aliases: ['claude-sonnet-3-7'],
    },
    'claude-3-5-sonnet': {
      input: 3,
      output: 15,
      cache_write_5m: 3.75,
      cache_write_1h: 6,
      cache_read: 0.3,
      aliases: ['claude-sonnet-3-5'],
      note: 'deprecated',
    },
    'claude-haiku-4-5': { input: 1, output: 5, cache_write_5m: 1.25, cache_write_1h: 2, cache_read: 0.1 },
    'claude-3-5-haiku': {
      input: 0.8,
      output: 4,
      cache_write_5m: 1,
      cache_write_1h: 1.6,
      cache_read: 0.08,
      aliases: ['claude-haiku-3-5'],
    },
    'claude-3-haiku': {
      input: 0.25,
      output: 1.25,
      cache_write_5m: 0.3,
      cache_write_1h: 0.5,
      cache_read: 0.03,
    },
    'claude-3-opus': {
      input: 15,
      output: 75,
      cache_write_5m: 18.75,
      cache_write_1h: 30,
      cache_read: 1.5,
      note: 'deprecated',
    },
    '<synthetic>': {
      input: 0,
      output: 0,
      cache_write_5m: 0,
      cache_read: 0,
      note: 'Claude Code’s placeholder for locally generated messages: never sent to a model, never billed',
    },

    // ── OpenAI: no cache-write charge; cached input as published.
    'gpt-5': { input: 1.25, output: 10, cache_write_5m: 1.25, cache_read: 0.125 },
    'gpt-5-mini': { input: 0.25, output: 2, cache_write_5m: 0.25, cache_read: 0.025 },
    'gpt-5-nano': { input: 0.05, output: 0.4, cache_write_5m: 0.05, cache_read: 0.005 },
    'gpt-5-codex': { input: 1.25, output: 10, cache_write_5m: 1.25, cache_read: 0.125 },
    'gpt-5-chat': {
      input: 1.25,
      output: 10,
      cache_write_5m: 1.25,
      cache_read: 0.125,
      note: 'published as gpt-5-chat-latest',
    },
    'gpt-5-pro': { input: 15, output: 120, cache_write_5m: 15, cache_read: 15, note: 'no cached-input rate' },
    'gpt-5.1': { input: 1.25, output: 10, cache_write_5m: 1.25, cache_read: 0.125 },
    'gpt-5.1-codex': { input: 1.25, output: 10, cache_write_5m: 1.25, cache_read: 0.125 },
    'gpt-5.1-codex-mini': { input: 0.25, output: 2, cache_write_5m: 0.25, cache_read: 0.025 },
    'gpt-5.2': { input: 1.75, output: 14, cache_write_5m: 1.75, cache_read: 0.175 },
    'gpt-4.1': { input: 2, output: 8, cache_write_5m: 2, cache_read: 0.5 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6, cache_write_5m: 0.4, cache_read: 0.1 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4, cache_write_5m: 0.1, cache_read: 0.025 },
    'gpt-4o': { input: 2.5, output: 10, cache_write_5m: 2.5, cache_read: 1.25 },
    'gpt-4o-2024-05-13': {
      input: 5,
      output: 15,
      cache_write_5m: 5,
      cache_read: 5,
      note: 'the first gpt-4o snapshot kept its launch price and has no cached-input rate',
    },
    'gpt-4o-mini': { input: 0.15, output: 0.6, cache_write_5m: 0.15, cache_read: 0.075 },
    o3: { input: 2, output: 8, cache_write_5m: 2, cache_read: 0.5 },
    'o3-pro': { input: 20, output: 80, cache_write_5m: 20, cache_read: 20, note: 'no cached-input rate' },
    'o3-mini': { input: 1.1, output: 4.4, cache_write_5m: 1.1, cache_read: 0.55 },
    'o4-mini': { input: 1.1, output: 4.4, cache_write_5m: 1.1, cache_read: 0.275 },
    o1: { input: 15, output: 60, cache_write_5m: 15, cache_read: 7.5 },
    'codex-mini': {
      input: 1.5,
      output: 6,
      cache_write_5m: 1.5,
      cache_read: 0.375,
      note: 'published as codex-mini-latest',
    },

    // ── Google Gemini (paid tier, text input): implicit caching has no write charge.
    'gemini-2.5-pro': {
      input: 1.25,
      output: 10,
      cache_write_5m: 1.25,
      cache_read: 0.125,
      long_context: {
        above_input_tokens: 200_000,
        input: 2.5,
        output: 15,
        cache_write_5m: 2.5,
        cache_read: 0.25,
      },
    },
    'gemini-2.5-flash': { input: 0.3, output: 2.5, cache_write_5m: 0.3, cache_read: 0.03 },
    'gemini-2.5-flash-lite': { input: 0.1, output: 0.4, cache_write_5m: 0.1, cache_read: 0.01 },
    'gemini-2.0-flash': { input: 0.1, output: 0.4, cache_write_5m: 0.1, cache_read: 0.025 },
    'gemini-2.0-flash-lite': {
      input: 0.075,
      output: 0.3,
      cache_write_5m: 0.075,
      cache_read: 0.075,
      note: 'no context caching',
    },
    'gemini-3-pro-preview': {
      input: 2,
      output: 12,
      cache_write_5m: 2,
      cache_read: 0.2,
      long_context: { above_input_tokens: 200_000, input: 4, output: 18, cache_write_5m: 4, cache_read: 0.4 },
      note: 'preview',
    },
  },
};
