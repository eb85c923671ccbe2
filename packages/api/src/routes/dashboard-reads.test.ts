import type { StatsResponse } from '@devtime/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentActivityResponse, HourWeekdayResponse } from '../dashboard-api.ts';
import { createTestApi, json, type TestApi } from '../test-support/test-api.ts';

// Wednesday 2026-03-11, 18:00 UTC; the user lives in Berlin (UTC+1 in March).
const NOW = Date.parse('2026-03-11T18:00:00Z');
const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

let t: TestApi;
let key: string;

const get = async <T>(path: string) => {
  const response = await t.request('GET', path, { key });
  expect(response.status).toBe(200);
  return json<T>(response);
};

function session(id: string, startIso: string, models: Array<[string, number, number]>) {
  const startMs = at(startIso);
  const usage = models.map(([model, input, output]) => ({
    model,
    calls: 1,
    input_tokens: input,
    output_tokens: output,
    cache_write_tokens: 0,
    cache_read_tokens: 0,
  }));
  return {
    schema_version: 1,
    agent: 'claude-code',
    session_id: id,
    project: 'alpha',
    started_at: startMs,
    ended_at: startMs + 20 * MIN,
    turns: [
      { started_at: startMs, ended_at: startMs + 10 * MIN, prompt_chars: 120, models: usage },
      { started_at: startMs + 10 * MIN, ended_at: startMs + 20 * MIN },
    ],
    models: usage,
    tools: [
      { name: 'Edit', calls: 3, failures: 1, duration_ms: 900 },
      { name: 'Bash', calls: 5, failures: 0, duration_ms: 60_000 },
    ],
    files: [
      { path: 'src/app.ts', language: 'TypeScript', reads: 2, writes: 1, lines_added: 30, lines_removed: 4 },
    ],
  };
}

beforeEach(async () => {
  t = await createTestApi({ nowMs: NOW });
  key = (await t.addUser('alice', 'Europe/Berlin')).key;
  const heartbeats = [];
  // Monday 09:00–10:00 local in VS Code, one heartbeat every 5 minutes; Wednesday 14:00–14:30 local.
  for (let m = 0; m <= 60; m += 5)
    heartbeats.push({
      tool: 'vscode',
      timestamp: at('2026-03-09T08:00:00Z') + m * MIN,
      project: 'alpha',
      language: 'Go',
    });
  for (let m = 0; m <= 30; m += 5)
    heartbeats.push({
      tool: 'vscode',
      timestamp: at('2026-03-11T13:00:00Z') + m * MIN,
      project: 'beta',
      language: 'Rust',
    });
  expect((await t.request('POST', '/api/heartbeat/batch', { key, body: { heartbeats } })).status).toBe(200);
  const upload = await t.request('POST', '/api/agent/sessions', {
    key,
    body: {
      sessions: [
        session('s1', '2026-03-09T08:10:00Z', [['claude-sonnet-4-5', 1_000_000, 100_000]]),
        session('s2', '2026-03-11T15:00:00Z', [
          ['claude-sonnet-4-5', 2_000_000, 0],
          ['mystery-model', 10, 10],
        ]),
      ],
    },
  });
  expect(upload.status).toBe(200);
});
afterEach(() => t.close());

describe('GET /api/stats/hours', () => {
  it('puts union time on local weekday × hour cells and sums to the stats total', async () => {
    const hours = await get<HourWeekdayResponse>('/api/stats/hours?range=week');
    const stats = await get<StatsResponse>('/api/stats?range=week');
    expect(hours.range).toEqual(stats.range);
    expect(hours.total_seconds).toBe(stats.total_seconds);
    expect(hours.seconds.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(stats.total_seconds, 6);
    // Monday 09:00–10:00 local: VS Code and Claude Code's 09:10–09:30 overlap count once.
    expect(hours.seconds[0]![9]).toBe(3600);
    // Wednesday: VS Code 14:00–14:30, Claude Code 16:00–16:20 local.
    expect(hours.seconds[2]![14]).toBe(1800);
    expect(hours.seconds[2]![16]).toBe(1200);
    expect(stats.parallel_seconds).toBe(1200);
  });

  it('follows ?tz= and needs a key', async () => {
    const hours = await get<HourWeekdayResponse>('/api/stats/hours?range=week&tz=UTC');
    expect(hours.seconds[0]![8]).toBe(3600);
    expect((await t.request('GET', '/api/stats/hours')).status).toBe(401);
  });
});

describe('GET /api/agent/activity', () => {
  it('splits tokens and cost by day, adding up to the stats agents figures', async () => {
    const activity = await get<AgentActivityResponse>('/api/agent/activity?range=week');
    const stats = await get<StatsResponse>('/api/stats?range=week');
    expect(activity.by_day.map((d) => d.date)).toEqual(stats.by_day.map((d) => d.date));
    const monday = activity.by_day[0]!;
    expect(monday.by_model['claude-sonnet-4-5']?.total_tokens).toBe(1_100_000);
    expect(monday.prompts).toBe(1);
    const wednesday = activity.by_day[2]!;
    expect(wednesday.by_model['mystery-model']).toEqual({ total_tokens: 20, cost_usd: null });
    for (const model of Object.keys(stats.agents.by_model)) {
      const tokens = activity.by_day.reduce((sum, d) => sum + (d.by_model[model]?.total_tokens ?? 0), 0);
      expect(tokens).toBe(stats.agents.by_model[model]!.total_tokens);
    }
    const cost = activity.by_day.reduce((sum, d) => sum + (d.by_agent['claude-code']?.cost_usd ?? 0), 0);
    expect(cost).toBeCloseTo(stats.agents.by_agent['claude-code']!.cost_usd!, 6);
    expect(activity.by_day.reduce((sum, d) => sum + d.prompts, 0)).toBe(stats.agents.prompts);
  });

  it('sums tools, files and lines over the sessions, filtered by project', async () => {
    const activity = await get<AgentActivityResponse>('/api/agent/activity?range=week&project=alpha');
    expect(activity.tools).toEqual([
      { name: 'Bash', calls: 10, failures: 0, duration_ms: 120_000 },
      { name: 'Edit', calls: 6, failures: 2, duration_ms: 1_800 },
    ]);
    expect(activity.files).toEqual([
      {
        path: 'src/app.ts',
        project: 'alpha',
        language: 'TypeScript',
        sessions: 2,
        reads: 4,
        writes: 2,
        lines_added: 60,
        lines_removed: 8,
      },
    ]);
    expect([activity.lines_added, activity.lines_removed]).toEqual([60, 8]);
    const other = await get<AgentActivityResponse>('/api/agent/activity?range=week&project=beta');
    expect(other.tools).toEqual([]);
    expect(other.lines_added).toBe(0);
  });

  it('starts all_time at the first activity, not at the epoch', async () => {
    const activity = await get<AgentActivityResponse>('/api/agent/activity?range=all_time');
    expect(activity.by_day[0]?.date).toBe('2026-03-09');
    expect(activity.by_day.at(-1)?.date).toBe('2026-03-11');
  });
});
