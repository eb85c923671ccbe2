import { describe, expect, it } from 'vitest';
import { agentSessionRollupSchema } from './agent-session.ts';

const usage = (model: string, input: number) => ({
  model,
  calls: 1,
  input_tokens: input,
  output_tokens: 10,
  cache_write_tokens: 0,
  cache_read_tokens: 5,
});

const base = {
  schema_version: 1,
  agent: 'claude-code',
  session_id: 'abc',
  started_at: 1_000,
  ended_at: 5_000,
  turns: [
    { started_at: 1_000, ended_at: 2_000, models: [usage('m', 3)] },
    { started_at: 3_000, ended_at: 5_000, models: [usage('m', 4)] },
  ],
  models: [{ ...usage('m', 7), calls: 2, output_tokens: 20, cache_read_tokens: 10 }],
};

describe('agent session rollup', () => {
  it('accepts turn usage that adds up to the session totals, filling defaults', () => {
    const parsed = agentSessionRollupSchema.parse(base);
    expect(parsed.tools).toEqual([]);
    expect(parsed.models[0]?.reasoning_tokens).toBe(0);
  });

  it('rejects turn usage that does not add up, naming the field', () => {
    const result = agentSessionRollupSchema.safeParse({
      ...base,
      models: [{ ...base.models[0], input_tokens: 8 }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/input_tokens sums to 7 but models says 8/);
  });

  it('rejects turns outside the session, reversed times, unknown versions and negative tokens', () => {
    const outside = { ...base, turns: [{ started_at: 500, ended_at: 900 }], models: [] };
    expect(agentSessionRollupSchema.safeParse(outside).success).toBe(false);
    expect(agentSessionRollupSchema.safeParse({ ...base, ended_at: 10 }).success).toBe(false);
    expect(agentSessionRollupSchema.safeParse({ ...base, schema_version: 2 }).success).toBe(false);
    const negative = { ...base, turns: [], models: [{ ...usage('m', -1) }] };
    expect(agentSessionRollupSchema.safeParse(negative).success).toBe(false);
  });

  it('has no field that could carry prompt or reply text', () => {
    const parsed = agentSessionRollupSchema.parse({
      ...base,
      prompt: 'CANARY secret prompt',
      turns: [{ started_at: 1_000, ended_at: 2_000, text: 'CANARY reply' }],
      models: [],
    });
    expect(JSON.stringify(parsed)).not.toContain('CANARY');
  });
});
