import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_PRICE_TABLE } from '@devtime/core';
import { type StatsResponse, statsResponseSchema } from '@devtime/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createTestApi, type TestApi } from '../test-support/test-api.ts';

const NOW = Date.parse('2026-03-10T18:00:00Z');
const at = (hhmm: string) => Date.parse(`2026-03-10T${hhmm}:00Z`);

function model(name: string, tokens: Record<string, number>, costUsd?: number) {
  return {
    model: name,
    calls: 1,
    input_tokens: 0,
    output_tokens: 0,
    cache_write_tokens: 0,
    cache_read_tokens: 0,
    reasoning_tokens: 0,
    ...tokens,
    ...(costUsd === undefined ? {} : { cost_usd: costUsd }),
  };
}

function rollup(agent: string, sessionId: string, models: unknown[]) {
  return {
    schema_version: 1,
    agent,
    session_id: sessionId,
    project: 'alpha',
    started_at: at('09:30'),
    ended_at: at('09:45'),
    turns: [{ started_at: at('09:30'), ended_at: at('09:45'), prompt_chars: 42 }],
    models,
  };
}

const SESSIONS = [
  rollup('claude-code', 'cc-1', [
    // Sonnet 4.5 from the bundled table ($3 in, $15 out, $3.75 5m write, $0.30 read per MTok):
    // 1,200 × 3 + 3,400 × 15 + 20,000 × 3.75 + 150,000 × 0.30 = 3,600 + 51,000 + 75,000 + 45,000 µ$ = $0.1746
    model('claude-sonnet-4-5-20250929', {
      calls: 4,
      input_tokens: 1_200,
      output_tokens: 3_400,
      reasoning_tokens: 500,
      cache_write_tokens: 20_000,
      cache_read_tokens: 150_000,
    }),
    // fictional: no price anywhere
    model('claude-opus-5-5', { input_tokens: 34, output_tokens: 1_018, cache_write_tokens: 16_850 }),
  ]),
  rollup('pi', 'pi-1', [
    // the agent's own cost wins over the table (which would say 100 × 1 + 2,000 × 5 = $0.0101)
    model('claude-haiku-4-5', { input_tokens: 100, output_tokens: 2_000 }, 0.01234),
    // a model the table does not know, priced by the agent: not unpriced
    model('qwen3-coder-30b-a3b', { input_tokens: 5_000, output_tokens: 300 }, 0),
  ]),
  // an agent whose only model is unknown
  rollup('codex', 'cx-1', [
    model('gpt-5.5', { input_tokens: 9_000, cache_read_tokens: 40_000, output_tokens: 700 }),
  ]),
];

let t: TestApi;
let key: string;
let dir: string;

beforeEach(async () => {
  t = await createTestApi({ nowMs: NOW });
  key = (await t.addUser('alice')).key;
  dir = mkdtempSync(join(tmpdir(), 'devtime-prices-'));
  const upload = await t.request('POST', '/api/agent/sessions', { key, body: { sessions: SESSIONS } });
  expect(upload.status).toBe(200);
});
afterEach(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function agentsFrom(
  request: (path: string) => Response | Promise<Response>,
): Promise<StatsResponse['agents']> {
  const body = await (await request('/api/stats?range=today')).json();
  const parsed = statsResponseSchema.safeParse(body);
  expect(parsed.error).toBeUndefined();
  return parsed.data!.agents;
}

describe('stats cost', () => {
  it('uses agent costs, estimates the rest from the table, and lists what has neither', async () => {
    const agents = await agentsFrom((path) => t.request('GET', path, { key }));
    const cost = (totals: { cost_usd: number | null } | undefined) => totals?.cost_usd;
    expect(cost(agents.by_model['claude-sonnet-4-5-20250929'])).toBe(0.1746);
    expect(cost(agents.by_model['claude-haiku-4-5'])).toBe(0.01234);
    expect(cost(agents.by_model['qwen3-coder-30b-a3b'])).toBe(0);
    expect(cost(agents.by_model['claude-opus-5-5'])).toBeNull();
    expect(cost(agents.by_model['gpt-5.5'])).toBeNull();
    // by agent and in total: the priced parts, unpriced usage excluded (and named below)
    expect(cost(agents.by_agent['claude-code'])).toBe(0.1746);
    expect(cost(agents.by_agent.pi)).toBe(0.01234);
    expect(cost(agents.by_agent.codex)).toBeNull();
    expect(cost(agents.totals)).toBe(0.18694);
    expect(agents.unpriced_models).toEqual(['claude-opus-5-5', 'gpt-5.5']);
    expect(agents.price_table_as_of).toBe(BUNDLED_PRICE_TABLE.as_of);
    // tokens still count in full, priced or not
    expect(agents.by_agent['claude-code']).toMatchObject({ calls: 5, cache_write_tokens: 36_850 });
  });

  it('re-prices stored history with a prices file, read when the app starts', async () => {
    const file = join(dir, 'prices.json');
    writeFileSync(
      file,
      JSON.stringify({
        as_of: '2027-02-01',
        source: 'test contract',
        models: {
          // 34 × 4 + 1,018 × 20 + 16,850 × 5 = 136 + 20,360 + 84,250 µ$ = $0.104746
          'anthropic/claude-opus-5-5': { input: 4, output: 20, cache_write_5m: 5, cache_read: 0.4 },
          // Sonnet 4.5 at half price: $0.0873
          'claude-sonnet-4.5': { input: 1.5, output: 7.5, cache_write_5m: 1.875, cache_read: 0.15 },
        },
      }),
    );
    const repriced = createApp({ store: t.store, clock: t.clock, config: { pricesFile: file } });
    try {
      const agents = await agentsFrom((path) =>
        repriced.app.request(path, { headers: { authorization: `Bearer ${key}` } }),
      );
      expect(agents.by_model['claude-opus-5-5']?.cost_usd).toBe(0.104746);
      expect(agents.by_model['claude-sonnet-4-5-20250929']?.cost_usd).toBe(0.0873);
      expect(agents.by_agent['claude-code']?.cost_usd).toBe(0.192046);
      expect(agents.totals.cost_usd).toBe(0.204386);
      expect(agents.unpriced_models).toEqual(['gpt-5.5']);
      expect(agents.price_table_as_of).toBe('2027-02-01');
    } finally {
      await repriced.shutdown();
    }
  });

  it('refuses to start with a prices file it cannot use, saying why', () => {
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ as_of: '2027-02-01', models: { 'gpt-5.5': { input: 5 } } }));
    expect(() => createApp({ store: t.store, config: { pricesFile: invalid } })).toThrow(
      /invalid prices file .*invalid\.json: models\["gpt-5\.5"\]\.output must be a non-negative number/,
    );
    expect(() => createApp({ store: t.store, config: { pricesFile: join(dir, 'missing.json') } })).toThrow(
      /cannot read prices file .*missing\.json: ENOENT/,
    );
  });
});
