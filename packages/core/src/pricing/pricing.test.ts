import { describe, expect, it } from 'vitest';
import { estimateCost } from './estimate-cost.ts';
import { matchModel, normalizeModelId } from './match-model.ts';
import { loadPriceOverrides, parsePriceTable } from './overrides.ts';
import { BUNDLED_PRICE_TABLE } from './price-table.ts';
import type { PriceTable } from './types.ts';

const usage = (model: string, tokens: Partial<Record<string, number>> = {}) => ({
  model,
  input_tokens: 0,
  output_tokens: 0,
  cache_write_tokens: 0,
  cache_read_tokens: 0,
  ...tokens,
});

function unwrap(result: { ok: true; value: PriceTable } | { ok: false; error: string }): PriceTable {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('matchModel', () => {
  it.each([
    // as reported by: Anthropic API / Claude Code
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['CLAUDE-Sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-opus-4-5-20251101', 'claude-opus-4-5'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-opus-4-20250514', 'claude-opus-4'],
    ['claude-opus-4-0', 'claude-opus-4'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['claude-3-5-haiku-20241022', 'claude-3-5-haiku'],
    ['claude-3-7-sonnet-latest', 'claude-3-7-sonnet'],
    ['<synthetic>', '<synthetic>'],
    // OpenRouter / OpenCode / Pi provider paths, dotted versions
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['anthropic/claude-3.7-sonnet', 'claude-3-7-sonnet'],
    ['openrouter/anthropic/claude-haiku-4.5', 'claude-haiku-4-5'],
    // Bedrock and Vertex
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-opus-4-1-20250805-v1:0', 'claude-opus-4-1'],
    ['global.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['claude-sonnet-4@20250514', 'claude-sonnet-4'],
    // OpenAI / Codex
    ['gpt-5', 'gpt-5'],
    ['openai/gpt-5', 'gpt-5'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['gpt-5-mini-2025-08-07', 'gpt-5-mini'],
    ['gpt-5-nano', 'gpt-5-nano'],
    ['gpt-5-codex', 'gpt-5-codex'],
    ['gpt-5.1-codex-mini', 'gpt-5.1-codex-mini'],
    ['gpt-5-chat-latest', 'gpt-5-chat'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-4.1-mini', 'gpt-4.1-mini'],
    ['o3-2025-04-16', 'o3'],
    ['o4-mini-2025-04-16', 'o4-mini'],
    ['codex-mini-latest', 'codex-mini'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    // a snapshot the table lists itself wins over the undated id
    ['gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
    // Gemini
    ['gemini-2.5-pro', 'gemini-2.5-pro'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['google/gemini-2.5-flash-lite', 'gemini-2.5-flash-lite'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['publishers/google/models/gemini-2.5-pro', 'gemini-2.5-pro'],
  ])('%s → %s', (id, key) => {
    expect(matchModel(id)?.key).toBe(key);
  });

  it.each([
    // fictional future ids from the fixtures: unknown, never their family's price
    'claude-opus-5-5',
    'claude-haiku-5-5',
    'gpt-5.5',
    'anthropic/claude-opus-5-5-20270101',
    'gpt-5.5-2026-01-01',
    'openai/gpt-5.5',
    // other sizes and variants are other models
    'gpt-5-turbo',
    'claude-opus',
    'claude-sonnet-4-6',
    'gemini-2.5-flash-preview-05-20',
    'gemini-2.5-ultra',
    'deepseek-v3',
    'llama3.1:8b',
    // not ids
    '',
    '   ',
    'latest',
    '-20250514',
    'anthropic/',
  ])('%j is unpriced', (id) => {
    expect(matchModel(id)).toBeNull();
    expect(estimateCost(usage(id, { input_tokens: 1000 }))).toEqual({ unpriced: true });
  });

  it('normalizes spelling only', () => {
    expect(normalizeModelId(' Anthropic/Claude-3.5-Sonnet ')).toBe('claude-3-5-sonnet');
    expect(normalizeModelId('eu.anthropic.claude-3-haiku-20240307-v1:0')).toBe('claude-3-haiku-20240307');
    // a -vN suffix is part of the name outside Bedrock
    expect(normalizeModelId('deepseek-v3')).toBe('deepseek-v3');
  });
});

describe('the bundled table', () => {
  it('is dated, sourced and passes its own validation', () => {
    expect(BUNDLED_PRICE_TABLE.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(BUNDLED_PRICE_TABLE.source).toMatch(/anthropic\.com.*openai\.com.*ai\.google\.dev/);
    const reparsed = parsePriceTable(JSON.parse(JSON.stringify(BUNDLED_PRICE_TABLE)));
    expect(reparsed.ok ? 'ok' : reparsed.error).toBe('ok');
  });

  it('names every model once, counting aliases and spelling variants', () => {
    const ids = Object.entries(BUNDLED_PRICE_TABLE.models).flatMap(([key, price]) => [
      key,
      ...(price.aliases ?? []),
    ]);
    const normalized = ids.map(normalizeModelId);
    expect(new Set(normalized).size).toBe(normalized.length);
    for (const id of ids) expect(matchModel(id)).not.toBeNull();
  });

  it("keeps Anthropic's published ratios: writes 1.25× (5m) and 2× (1h), reads 0.1× input", () => {
    // Haiku 3 is the exception: its published rates are rounded ($0.30 write, $0.03 read for $0.25 input).
    const claude = Object.entries(BUNDLED_PRICE_TABLE.models).filter(
      ([key]) => key.startsWith('claude-') && key !== 'claude-3-haiku',
    );
    expect(claude.length).toBeGreaterThanOrEqual(10);
    const rates = claude.flatMap(([, price]) => (price.long_context ? [price, price.long_context] : [price]));
    for (const price of rates) {
      expect(price.cache_write_5m).toBeCloseTo(price.input * 1.25, 10);
      expect(price.cache_write_1h).toBeCloseTo(price.input * 2, 10);
      expect(price.cache_read).toBeCloseTo(price.input * 0.1, 10);
    }
  });

  it('gives providers without a cache-write charge a write rate equal to input', () => {
    for (const [key, price] of Object.entries(BUNDLED_PRICE_TABLE.models)) {
      if (key.startsWith('claude-') || key === '<synthetic>') continue;
      expect(price.cache_write_5m, key).toBe(price.input);
      expect(price.cache_read, key).toBeLessThanOrEqual(price.input);
    }
  });
});

describe('estimateCost', () => {
  it('prices the four disjoint counts of a Claude session (hand-computed)', () => {
    // Sonnet 4.5: $3 in, $15 out, $3.75 5m write, $0.30 read per MTok.
    // 1,000 × 3 + 2,000 × 15 + 10,000 × 3.75 + 100,000 × 0.30 = 3,000 + 30,000 + 37,500 + 30,000 = 100,500 µ$
    const result = estimateCost(
      usage('claude-sonnet-4-5-20250929', {
        input_tokens: 1_000,
        output_tokens: 2_000,
        cache_write_tokens: 10_000,
        cache_read_tokens: 100_000,
      }),
    );
    expect(result).toEqual({ costUsd: expect.closeTo(0.1005, 10) });
  });

  it('prices a known 1-hour share of the cache writes at the 1-hour rate', () => {
    // 6,000 × 3.75 + 4,000 × 6 = 22,500 + 24,000 = 46,500 µ$ for the writes; the rest as above.
    const result = estimateCost({
      ...usage('claude-sonnet-4-5', {
        input_tokens: 1_000,
        output_tokens: 2_000,
        cache_write_tokens: 10_000,
        cache_read_tokens: 100_000,
      }),
      cache_write_1h_tokens: 4_000,
    });
    expect(result).toEqual({ costUsd: expect.closeTo(0.1095, 10) });
    // a split larger than the writes is clamped to them
    const clamped = estimateCost({
      ...usage('claude-haiku-4-5', { cache_write_tokens: 1_000 }),
      cache_write_1h_tokens: 5_000,
    });
    expect(clamped).toEqual({ costUsd: expect.closeTo(0.002, 10) });
  });

  it('prices a Codex session: uncached input, cached reads and output (reasoning inside)', () => {
    // gpt-5: 50,000 × 1.25 + 200,000 × 0.125 + 8,000 × 10 = 62,500 + 25,000 + 80,000 = 167,500 µ$
    const result = estimateCost(
      usage('gpt-5-2025-08-07', { input_tokens: 50_000, cache_read_tokens: 200_000, output_tokens: 8_000 }),
    );
    expect(result).toEqual({ costUsd: expect.closeTo(0.1675, 10) });
  });

  it('applies base rates even when the summed input exceeds a long-context threshold', () => {
    // 300,000 tokens could be one long request or many short ones: the base $3/MTok is used.
    expect(estimateCost(usage('claude-sonnet-4-5', { input_tokens: 300_000 }))).toEqual({
      costUsd: expect.closeTo(0.9, 10),
    });
  });

  it('distinguishes a known model with no tokens (0) from an unknown one (unpriced)', () => {
    expect(estimateCost(usage('gpt-4.1'))).toEqual({ costUsd: 0 });
    expect(estimateCost(usage('claude-opus-5-5'))).toEqual({ unpriced: true });
  });
});

describe('loadPriceOverrides', () => {
  const opus55 = { input: 4, output: 20, cache_write_5m: 5, cache_write_1h: 8, cache_read: 0.4 };

  it('adds a model the bundled table does not know, leaving the bundled table untouched', () => {
    const table = unwrap(
      loadPriceOverrides(JSON.stringify({ as_of: '2027-01-15', models: { 'claude-opus-5-5': opus55 } })),
    );
    // 1,000 × 4 + 1,000 × 20 = 24,000 µ$
    expect(
      estimateCost(
        usage('anthropic/claude-opus-5-5-20270101', { input_tokens: 1_000, output_tokens: 1_000 }),
        table,
      ),
    ).toEqual({ costUsd: expect.closeTo(0.024, 10) });
    expect(matchModel('claude-sonnet-4-5', table)?.price.input).toBe(3);
    expect(matchModel('claude-opus-5-5')).toBeNull();
    expect(table.as_of).toBe('2027-01-15');
    expect(table.source).toMatch(/^prices file \(1 model, as of 2027-01-15\) over: Providers/);
  });

  it('replaces a bundled model however its id is spelled, keeping its aliases', () => {
    const table = unwrap(
      loadPriceOverrides({
        as_of: '2026-01-01',
        source: 'our contract',
        models: {
          'anthropic/claude-opus-4': { input: 12, output: 60, cache_write_5m: 15, cache_read: 1.2 },
        },
      }),
    );
    expect(matchModel('claude-opus-4-0', table)).toMatchObject({
      key: 'claude-opus-4',
      price: { input: 12 },
    });
    expect(matchModel('claude-opus-4-20250514', table)?.price.cache_write_1h).toBeUndefined();
    expect(Object.keys(table.models)).toHaveLength(Object.keys(BUNDLED_PRICE_TABLE.models).length);
    // an older prices file does not make the bundled table look older
    expect(table.as_of).toBe(BUNDLED_PRICE_TABLE.as_of);
    expect(table.source).toMatch(/^our contract/);
  });

  it('lets an override win over a bundled alias', () => {
    const table = unwrap(
      loadPriceOverrides({ as_of: '2027-01-01', models: { 'claude-sonnet-4-0': { ...opus55, input: 9 } } }),
    );
    expect(matchModel('claude-sonnet-4-0', table)?.price.input).toBe(9);
    expect(matchModel('claude-sonnet-4-20250514', table)?.price.input).toBe(3);
  });

  it.each([
    ['{ "as_of": ', /not valid JSON/],
    [[], /expected a JSON object/],
    [{ models: {} }, /as_of must be a date \(YYYY-MM-DD\), got nothing/],
    [{ as_of: '2026-13-01', models: {} }, /as_of must be a date/],
    [{ as_of: '2026-12-01' }, /models must be an object/],
    [
      { as_of: '2026-12-01', models: { x: { ...opus55, input: -1 } } },
      /models\["x"\]\.input must be a non-negative number/,
    ],
    [
      { as_of: '2026-12-01', models: { x: { ...opus55, output: '15' } } },
      /models\["x"\]\.output .* got "15"/,
    ],
    [
      { as_of: '2026-12-01', models: { x: { input: 1, output: 2, cache_write_5m: 1 } } },
      /models\["x"\]\.cache_read .* got nothing/,
    ],
    [
      { as_of: '2026-12-01', models: { x: { ...opus55, cache_reads: 0.1 } } },
      /models\["x"\]: unknown field "cache_reads"/,
    ],
    [{ as_of: '2026-12-01', models: { x: 3 } }, /models\["x"\] must be an object of rates/],
    [
      { as_of: '2026-12-01', models: { 'gpt-4.1': opus55, 'openai/gpt-4.1': opus55 } },
      /the same model as "gpt-4.1"/,
    ],
    [
      { as_of: '2026-12-01', models: { x: { ...opus55, long_context: { input: 1 } } } },
      /long_context\.above_input_tokens/,
    ],
    [{ as_of: '2026-12-01', models: {}, currency: 'EUR' }, /unknown field "currency"/],
  ])('rejects %j with the reason', (input, reason) => {
    const result = loadPriceOverrides(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });
});
