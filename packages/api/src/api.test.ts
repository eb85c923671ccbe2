import { sessionsResponseSchema, statsResponseSchema } from '@devtime/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from './test-support/test-api.ts';

const NOW = Date.parse('2026-03-10T18:00:00Z');
const at = (hhmm: string, day = '2026-03-10') => Date.parse(`${day}T${hhmm}:00Z`);

function heartbeat(time: number, fields: Record<string, unknown> = {}) {
  return {
    tool: 'vscode',
    timestamp: time,
    project: 'alpha',
    language: 'TypeScript',
    file: 'src/a.ts',
    ...fields,
  };
}

function rollup(overrides: Record<string, unknown> = {}) {
  return {
    schema_version: 1,
    agent: 'claude-code',
    session_id: 'sess-1',
    project: 'alpha',
    started_at: at('09:30'),
    ended_at: at('09:45'),
    turns: [{ started_at: at('09:30'), ended_at: at('09:45'), prompt_chars: 42 }],
    models: [
      {
        model: 'claude-opus-5-5',
        calls: 3,
        input_tokens: 34,
        output_tokens: 1018,
        cache_write_tokens: 16850,
        cache_read_tokens: 115846,
        reasoning_tokens: 0,
      },
    ],
    tools: [{ name: 'Edit', calls: 2, failures: 0, duration_ms: 1200 }],
    files: [{ path: 'hello.py', language: 'Python', writes: 2, lines_added: 25, lines_removed: 3 }],
    ...overrides,
  };
}

let t: TestApi;
let alice: { id: string; key: string };
let bob: { id: string; key: string };

beforeEach(async () => {
  t = await createTestApi({ nowMs: NOW });
  alice = await t.addUser('alice');
  bob = await t.addUser('bob');
});
afterEach(async () => {
  await t.close();
});

describe('auth', () => {
  it('answers 401 with the error shape without a key or with a wrong key', async () => {
    const missing = await t.request('GET', '/api/stats');
    expect(missing.status).toBe(401);
    expect(await json(missing)).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    const wrong = await t.request('GET', '/api/stats', { key: 'waka_00000000-0000-4000-8000-000000000000' });
    expect(wrong.status).toBe(401);
  });

  it("accepts WakaTime's Basic base64(key) and ?api_key=", async () => {
    const basic = Buffer.from(alice.key).toString('base64');
    expect((await t.request('GET', '/api/me', { headers: { authorization: `Basic ${basic}` } })).status).toBe(
      200,
    );
    expect((await t.request('GET', `/api/me?api_key=${alice.key}`)).status).toBe(200);
  });

  it('creates keys shaped like WakaTime keys, shows them once, lists without the key, revokes', async () => {
    const created = await json<{ id: string; key: string; prefix: string }>(
      await t.request('POST', '/api/auth/token', { key: alice.key, body: { name: 'laptop' } }),
    );
    expect(created.key).toMatch(/^waka_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const list = await json<{ keys: Array<Record<string, unknown>> }>(
      await t.request('GET', '/api/auth/tokens', { key: alice.key }),
    );
    expect(list.keys.map((k) => k.name).sort()).toEqual(['laptop', 'test']);
    expect(JSON.stringify(list)).not.toContain(created.key);
    expect((await t.request('GET', '/api/me', { key: created.key })).status).toBe(200);
    expect((await t.request('DELETE', `/api/auth/tokens/${created.id}`, { key: alice.key })).status).toBe(
      200,
    );
    expect((await t.request('GET', '/api/me', { key: created.key })).status).toBe(401);
  });

  it('creates a key from username and password, and refuses a wrong password', async () => {
    const ok = await t.request('POST', '/api/auth/token', {
      body: { username: 'alice', password: 'correct horse battery', name: 'cli' },
    });
    expect(ok.status).toBe(201);
    const bad = await t.request('POST', '/api/auth/token', { body: { username: 'alice', password: 'nope' } });
    expect(bad.status).toBe(401);
  });

  it('refuses writes with a read-only key', async () => {
    const readOnly = await json<{ key: string }>(
      await t.request('POST', '/api/auth/token', { key: alice.key, body: { name: 'ro', read_only: true } }),
    );
    expect((await t.request('GET', '/api/stats', { key: readOnly.key })).status).toBe(200);
    const write = await t.request('POST', '/api/heartbeat', {
      key: readOnly.key,
      body: heartbeat(at('09:00')),
    });
    expect(write.status).toBe(403);
    expect((await t.request('POST', '/api/auth/token', { key: readOnly.key, body: {} })).status).toBe(403);
  });

  it('logs in with a password into an HttpOnly SameSite cookie that works for reads and same-origin writes', async () => {
    const login = await t.request('POST', '/api/auth/login', {
      body: { username: 'alice', password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/devtime_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0]!;
    expect((await t.request('GET', '/api/me', { headers: { cookie: session } })).status).toBe(200);
    const crossSite = await t.request('POST', '/api/auth/token', {
      body: {},
      headers: { cookie: session, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const sameSite = await t.request('POST', '/api/auth/token', {
      body: { name: 'from-dashboard' },
      headers: { cookie: session, origin: 'http://localhost', host: 'localhost' },
    });
    expect(sameSite.status).toBe(201);
    await t.request('POST', '/api/auth/logout', { headers: { cookie: session } });
    expect((await t.request('GET', '/api/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('limits password guesses per address, and a made-up X-Forwarded-For does not reset the count', async () => {
    const guarded = await createTestApi({ nowMs: NOW, config: { authAttemptsPerMinute: 3 } });
    try {
      await guarded.addUser('frank');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await guarded.request('POST', '/api/auth/login', {
          body: { username: 'frank', password: `guess ${i}` },
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await guarded.close();
    }
  });

  it('keeps signup closed unless the admin opens it', async () => {
    const closed = await t.request('POST', '/api/auth/signup', {
      body: { username: 'carol', password: 'long enough' },
    });
    expect(closed.status).toBe(403);
    const open = await createTestApi({ nowMs: NOW, config: { allowSignup: true } });
    try {
      const created = await open.request('POST', '/api/auth/signup', {
        body: { username: 'carol', password: 'long enough', timezone: 'Europe/Berlin' },
      });
      expect(created.status).toBe(201);
      const body = await json<{ key: { key: string } }>(created);
      expect((await open.request('GET', '/api/me', { key: body.key.key })).status).toBe(200);
      const taken = await open.request('POST', '/api/auth/signup', {
        body: { username: 'carol', password: 'long enough' },
      });
      expect(taken.status).toBe(409);
      const weak = await open.request('POST', '/api/auth/signup', {
        body: { username: 'dave', password: 'short' },
      });
      expect(weak.status).toBe(400);
    } finally {
      await open.close();
    }
  });
});

describe('ingest', () => {
  it('stores a heartbeat once: a re-send is a duplicate and never double-counts', async () => {
    const first = await t.request('POST', '/api/heartbeat', { key: alice.key, body: heartbeat(at('09:00')) });
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ ok: true, status: 'created' });
    await t.request('POST', '/api/heartbeat', { key: alice.key, body: heartbeat(at('09:05')) });
    const again = await t.request('POST', '/api/heartbeat', { key: alice.key, body: heartbeat(at('09:00')) });
    expect(await json(again)).toEqual({ ok: true, status: 'duplicate' });
    const stats = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    expect(stats.total_seconds).toBe(300);
  });

  it('rejects a bad item in a batch with its index and reason and keeps the good ones', async () => {
    const response = await t.request('POST', '/api/heartbeat/batch', {
      key: alice.key,
      body: {
        heartbeats: [
          heartbeat(at('09:00')),
          { ...heartbeat(at('09:01')), timestamp: 'yesterday' },
          heartbeat(at('09:02')),
          { project: 'no tool', timestamp: at('09:03') },
          heartbeat(NOW + 24 * 3_600_000),
          heartbeat(at('09:04')),
          heartbeat(at('09:00')),
        ],
      },
    });
    expect(response.status).toBe(200);
    const body = await json<{
      accepted: number;
      rejected: number;
      duplicates: number;
      results: Array<Record<string, unknown>>;
    }>(response);
    expect(body).toMatchObject({ accepted: 3, rejected: 3, duplicates: 1 });
    expect(body.results.map((r) => r.status)).toEqual([
      'created',
      'rejected',
      'created',
      'rejected',
      'rejected',
      'created',
      'duplicate',
    ]);
    expect(JSON.stringify(body.results[1])).toContain('timestamp');
    expect(JSON.stringify(body.results[3])).toContain('tool');
    expect(JSON.stringify(body.results[4])).toContain('future');
    const stats = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    expect(stats.total_seconds).toBe(240);
  });

  it('explains a timestamp sent in seconds instead of milliseconds', async () => {
    const response = await t.request('POST', '/api/heartbeat', {
      key: alice.key,
      body: heartbeat(Math.floor(at('09:00') / 1000)),
    });
    expect(response.status).toBe(400);
    expect((await json<{ error: { message: string } }>(response)).error.message).toMatch(/milliseconds/);
  });

  it('answers 400 for malformed JSON and for an empty batch', async () => {
    const broken = await t.request('POST', '/api/heartbeat/batch', {
      key: alice.key,
      body: '{"heartbeats": [',
    });
    expect(broken.status).toBe(400);
    expect((await json<{ error: { code: string } }>(broken)).error.code).toBe('bad_request');
    const empty = await t.request('POST', '/api/heartbeat/batch', {
      key: alice.key,
      body: { heartbeats: [] },
    });
    expect(empty.status).toBe(400);
    expect((await json<{ error: { code: string } }>(empty)).error.code).toBe('validation_failed');
  });

  it('answers 413 for an oversized body and 429 with Retry-After past the rate limit', async () => {
    const small = await createTestApi({
      nowMs: NOW,
      config: { bodyLimitBytes: 2048, rateLimitPerSecond: 1, rateLimitBurst: 3 },
    });
    try {
      const user = await small.addUser('erin');
      const big = Array.from({ length: 50 }, (_, i) => heartbeat(at('09:00') + i * 1000));
      const tooLarge = await small.request('POST', '/api/heartbeat/batch', {
        key: user.key,
        body: { heartbeats: big },
      });
      expect(tooLarge.status).toBe(413);
      expect((await json<{ error: { code: string } }>(tooLarge)).error.code).toBe('payload_too_large');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await small.request('GET', '/api/me', { key: user.key })).status);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      const limited = await small.request('GET', '/api/me', { key: user.key });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await small.close();
    }
  });
});

describe('stats', () => {
  async function seedHandComputedDay(key: string) {
    const heartbeats = [
      heartbeat(at('09:00')),
      heartbeat(at('09:05')),
      heartbeat(at('09:10'), { language: 'JSON', file: 'package.json' }),
      heartbeat(at('09:40')),
      heartbeat(at('09:50'), { project: 'beta', language: 'Python', file: 'main.py', branch: 'main' }),
      heartbeat(at('10:00'), { project: 'beta', language: 'Python', file: 'main.py', branch: 'main' }),
    ];
    const response = await t.request('POST', '/api/heartbeat/batch', { key, body: heartbeats });
    expect((await json<{ accepted: number }>(response)).accepted).toBe(6);
  }

  it('matches a hand-computed day: gaps under the timeout count, longer gaps do not', async () => {
    await seedHandComputedDay(alice.key);
    const stats = await json<Record<string, unknown>>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    // 09:00–09:10 alpha TS, 09:10–09:40 is a 30-min gap (nothing), 09:40–09:50 alpha TS, 09:50–10:00 beta Python.
    expect(stats).toMatchObject({
      total_seconds: 1800,
      parallel_seconds: 0,
      by_tool: { vscode: 1800 },
      by_project: { alpha: 1200, beta: 600 },
      by_language: { TypeScript: 1200, Python: 600 },
      by_category: { coding: 1800 },
      by_branch: { unknown: 1200, main: 600 },
      by_day: [
        {
          date: '2026-03-10',
          seconds: 1800,
          by_tool: { vscode: 1800 },
          by_project: { alpha: 1200, beta: 600 },
        },
      ],
    });
  });

  it('counts an agent turn as agent time and the union as total, with tokens by model', async () => {
    await seedHandComputedDay(alice.key);
    const upload = await t.request('POST', '/api/agent/sessions', { key: alice.key, body: rollup() });
    expect(upload.status).toBe(200);
    expect(await json(upload)).toEqual({ results: [{ index: 0, session_id: 'sess-1', status: 'created' }] });
    const stats = await json<Record<string, unknown>>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    expect(statsResponseSchema.safeParse(stats).error).toBeUndefined();
    // vscode 09:00–09:10 + 09:40–10:00; claude-code 09:30–09:45 → union 09:00–09:10 + 09:30–10:00 = 40 min.
    expect(stats).toMatchObject({
      total_seconds: 2400,
      parallel_seconds: 300,
      by_tool: { vscode: 1800, 'claude-code': 900 },
      by_project: { alpha: 1800, beta: 600 },
      by_category: { coding: 1800, 'ai coding': 900 },
    });
    const agents = stats.agents as Record<string, unknown>;
    expect(agents).toMatchObject({
      sessions: 1,
      prompts: 1,
      totals: {
        calls: 3,
        input_tokens: 34,
        output_tokens: 1018,
        cache_write_tokens: 16850,
        cache_read_tokens: 115846,
      },
      by_agent: { 'claude-code': { total_tokens: 34 + 1018 + 16850 + 115846 } },
      by_model: { 'claude-opus-5-5': { cost_usd: null } },
      unpriced_models: ['claude-opus-5-5'],
    });
  });

  it('stores a re-sent rollup once and replaces it when it changed', async () => {
    await t.request('POST', '/api/agent/sessions', { key: alice.key, body: rollup() });
    const again = await t.request('POST', '/api/agent/sessions', {
      key: alice.key,
      body: { sessions: [rollup()] },
    });
    expect(await json(again)).toEqual({ results: [{ index: 0, session_id: 'sess-1', status: 'unchanged' }] });
    const longer = rollup({
      ended_at: at('10:00'),
      turns: [
        { started_at: at('09:30'), ended_at: at('09:45'), prompt_chars: 42 },
        { started_at: at('09:50'), ended_at: at('10:00'), prompt_chars: 7 },
      ],
    });
    const updated = await t.request('POST', '/api/agent/sessions', { key: alice.key, body: longer });
    expect(await json(updated)).toEqual({ results: [{ index: 0, session_id: 'sess-1', status: 'updated' }] });
    const stats = await json<{
      by_tool: Record<string, number>;
      agents: { sessions: number; prompts: number; totals: { input_tokens: number } };
    }>(await t.request('GET', '/api/stats?range=today', { key: alice.key }));
    // 09:30–09:45, a 5-minute gap (≤ timeout, counted), 09:50–10:00.
    expect(stats.by_tool['claude-code']).toBe(1800);
    expect(stats.agents).toMatchObject({ sessions: 1, prompts: 2, totals: { input_tokens: 34 } });
  });

  it('rejects a rollup from the future, and keeps the good ones of an envelope', async () => {
    const future = NOW + 2 * 3_600_000;
    const response = await t.request('POST', '/api/agent/sessions', {
      key: alice.key,
      body: {
        sessions: [
          rollup({ session_id: 'late', started_at: future, ended_at: future + 60_000, turns: [] }),
          rollup(),
        ],
      },
    });
    const body = await json<{ results: Array<{ status: string; error?: { message: string } }> }>(response);
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'created']);
    expect(body.results[0]?.error?.message).toMatch(/started_at .* is in the future/);
  });

  it('rejects an inconsistent rollup with the reason', async () => {
    const response = await t.request('POST', '/api/agent/sessions', {
      key: alice.key,
      body: rollup({ turns: [{ started_at: at('09:30'), ended_at: at('09:20') }] }),
    });
    expect(response.status).toBe(400);
    expect((await json<{ error: { message: string } }>(response)).error.message).toMatch(/ended_at/);
  });

  it("applies WakaTime's documented example: 3 min with a 10-min timeout, 16 min with 15", async () => {
    const times = ['09:00', '09:01', '09:02', '09:15', '09:16'].map((hhmm) => heartbeat(at(hhmm)));
    await t.request('POST', '/api/heartbeat/batch', { key: alice.key, body: times });
    const fifteen = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    const ten = await json<{ total_seconds: number; timeout_minutes: number }>(
      await t.request('GET', '/api/stats?range=today&timeout=10', { key: alice.key }),
    );
    expect(fifteen.total_seconds).toBe(16 * 60);
    expect(ten).toMatchObject({ total_seconds: 3 * 60, timeout_minutes: 10 });
  });

  it("recomputes a user's durations when they change their timeout", async () => {
    const times = ['09:00', '09:01', '09:02', '09:15', '09:16'].map((hhmm) => heartbeat(at(hhmm)));
    await t.request('POST', '/api/heartbeat/batch', { key: alice.key, body: times });
    const patch = await t.request('PATCH', '/api/me/settings', {
      key: alice.key,
      body: { timeout_minutes: 10 },
    });
    expect(patch.status).toBe(200);
    const stats = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    expect(stats.total_seconds).toBe(3 * 60);
  });

  it('cuts days in the requested timezone and splits intervals at midnight', async () => {
    // 22:50–23:10 UTC is 23:50–00:10 in Berlin (UTC+1 in March before DST).
    const times = ['22:50', '23:00', '23:10'].map((hhmm) => heartbeat(at(hhmm, '2026-03-09')));
    await t.request('POST', '/api/heartbeat/batch', { key: alice.key, body: times });
    const stats = await json<{ total_seconds: number; by_day: Array<{ date: string; seconds: number }> }>(
      await t.request('GET', '/api/stats?start=2026-03-09&end=2026-03-10&tz=Europe/Berlin', {
        key: alice.key,
      }),
    );
    expect(stats.total_seconds).toBe(1200);
    expect(stats.by_day).toEqual([
      expect.objectContaining({ date: '2026-03-09', seconds: 600 }),
      expect.objectContaining({ date: '2026-03-10', seconds: 600 }),
    ]);
  });

  it('filters by tool and project, and validates the query', async () => {
    await seedHandComputedDay(alice.key);
    await t.request('POST', '/api/agent/sessions', { key: alice.key, body: rollup() });
    const vscode = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today&tool=vscode', { key: alice.key }),
    );
    expect(vscode.total_seconds).toBe(1800);
    const beta = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today&project=beta', { key: alice.key }),
    );
    expect(beta.total_seconds).toBe(600);
    expect((await t.request('GET', '/api/stats?range=fortnight', { key: alice.key })).status).toBe(400);
    expect((await t.request('GET', '/api/stats?tz=Mars/Olympus', { key: alice.key })).status).toBe(400);
    expect(
      (await t.request('GET', '/api/stats?start=2026-03-10&end=2026-03-01', { key: alice.key })).status,
    ).toBe(400);
  });

  it('lists sessions per tool and project, with the agent sessions inside', async () => {
    await seedHandComputedDay(alice.key);
    await t.request('POST', '/api/agent/sessions', { key: alice.key, body: rollup() });
    const body = await json<{ sessions: Array<Record<string, unknown>> }>(
      await t.request('GET', '/api/sessions?range=today', { key: alice.key }),
    );
    expect(sessionsResponseSchema.safeParse(body).error).toBeUndefined();
    // alpha's two vscode stretches are 30 minutes apart (over the timeout): two sessions.
    expect(body.sessions).toEqual([
      expect.objectContaining({
        tool: 'vscode',
        project: 'alpha',
        duration_seconds: 600,
        start: '2026-03-10T09:00:00Z',
      }),
      expect.objectContaining({
        tool: 'claude-code',
        project: 'alpha',
        duration_seconds: 900,
        agent_session_ids: ['sess-1'],
      }),
      expect.objectContaining({ tool: 'vscode', project: 'alpha', duration_seconds: 600, event_count: 1 }),
      expect.objectContaining({
        tool: 'vscode',
        project: 'beta',
        duration_seconds: 600,
        end: '2026-03-10T10:00:00Z',
      }),
    ]);
  });
});

describe('isolation', () => {
  it("never shows or changes another user's data on any endpoint", async () => {
    await t.request('POST', '/api/heartbeat/batch', {
      key: alice.key,
      body: [heartbeat(at('09:00')), heartbeat(at('09:10'))],
    });
    await t.request('POST', '/api/agent/sessions', { key: alice.key, body: rollup() });
    await t.request('POST', '/api/heartbeat', {
      key: alice.key,
      body: heartbeat(at('09:20')),
      headers: { 'x-machine-id': '3f1f4c1e-9a56-4a4e-9a0e-2b8f2f6a7c11', 'x-machine-name': 'alice-laptop' },
    });

    const stats = await json<{ total_seconds: number; agents: { sessions: number } }>(
      await t.request('GET', '/api/stats?range=all_time', { key: bob.key }),
    );
    expect(stats.total_seconds).toBe(0);
    expect(stats.agents.sessions).toBe(0);
    const sessions = await json<{ sessions: unknown[] }>(
      await t.request('GET', '/api/sessions?range=all_time', { key: bob.key }),
    );
    expect(sessions.sessions).toEqual([]);
    const keys = await json<{ keys: Array<{ id: string }> }>(
      await t.request('GET', '/api/auth/tokens', { key: bob.key }),
    );
    expect(keys.keys).toHaveLength(1);
    const machines = await json<{ machines: unknown[] }>(
      await t.request('GET', '/api/machines', { key: bob.key }),
    );
    expect(machines.machines).toEqual([]);
    const me = await json<{ user: { username: string } }>(
      await t.request('GET', '/api/me', { key: bob.key }),
    );
    expect(me.user.username).toBe('bob');

    const aliceKeys = await json<{ keys: Array<{ id: string }> }>(
      await t.request('GET', '/api/auth/tokens', { key: alice.key }),
    );
    const aliceKeyId = aliceKeys.keys[0]!.id;
    expect((await t.request('DELETE', `/api/auth/tokens/${aliceKeyId}`, { key: bob.key })).status).toBe(404);
    expect((await t.request('GET', '/api/me', { key: alice.key })).status).toBe(200);

    // Bob re-sending Alice's exact data creates Bob's own copy and leaves Alice's totals alone.
    const aliceBefore = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    await t.request('POST', '/api/heartbeat/batch', {
      key: bob.key,
      body: [heartbeat(at('09:00')), heartbeat(at('09:10'))],
    });
    await t.request('POST', '/api/agent/sessions', {
      key: bob.key,
      body: rollup({ turns: [], ended_at: at('09:31') }),
    });
    const aliceAfter = await json<{ total_seconds: number; agents: { totals: { input_tokens: number } } }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    expect(aliceAfter.total_seconds).toBe(aliceBefore.total_seconds);
    expect(aliceAfter.agents.totals.input_tokens).toBe(34);
    const bobStats = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: bob.key }),
    );
    expect(bobStats.total_seconds).toBe(600);
  });
});

describe('health', () => {
  it('answers without auth', async () => {
    const response = await t.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'ok', database: 'sqlite' });
  });
  it('answers unknown API routes with the error shape', async () => {
    const response = await t.request('GET', '/api/nope');
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('all_time', () => {
  it('starts by_day at the first active day, not in 1970', async () => {
    await t.request('POST', '/api/heartbeat/batch', {
      key: alice.key,
      body: [
        heartbeat(at('09:00', '2026-03-01')),
        heartbeat(at('09:10', '2026-03-01')),
        heartbeat(at('09:00')),
      ],
    });
    const stats = await json<{
      total_seconds: number;
      by_day: Array<{ date: string }>;
      range: { start: string };
    }>(await t.request('GET', '/api/stats?range=all_time', { key: alice.key }));
    expect(stats.total_seconds).toBe(600);
    expect(stats.range.start).toBe('2026-03-01T00:00:00Z');
    expect(stats.by_day.map((d) => d.date)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-10',
    ]);
  });
});

describe('concurrent ingest (group commit)', () => {
  it('answers each request with its own results and counts a heartbeat sent twice at once only once', async () => {
    const same = heartbeat(at('09:00'));
    const responses = await Promise.all([
      t.request('POST', '/api/heartbeat', { key: alice.key, body: same }),
      t.request('POST', '/api/heartbeat', { key: alice.key, body: same }),
      t.request('POST', '/api/heartbeat/batch', { key: alice.key, body: [heartbeat(at('09:05')), same] }),
      t.request('POST', '/api/heartbeat', { key: bob.key, body: same }),
    ]);
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<Record<string, unknown>>));
    const aliceSingles = [bodies[0]!.status, bodies[1]!.status].sort();
    expect(aliceSingles).toEqual(['created', 'duplicate']);
    expect(bodies[2]).toMatchObject({ accepted: 1, duplicates: 1 });
    expect(bodies[3]).toMatchObject({ ok: true, status: 'created' });
    const stats = await json<{ total_seconds: number }>(
      await t.request('GET', '/api/stats?range=today', { key: alice.key }),
    );
    expect(stats.total_seconds).toBe(300);
  });
});

describe('hostile names', () => {
  it('reports a project named __proto__ like any other', async () => {
    await t.request('POST', '/api/heartbeat/batch', {
      key: alice.key,
      body: [
        heartbeat(at('09:00'), { project: '__proto__' }),
        heartbeat(at('09:03'), { project: '__proto__' }),
      ],
    });
    const text = await (await t.request('GET', '/api/stats?range=today', { key: alice.key })).text();
    expect(text).toContain('"by_project":{"__proto__":180}');
  });
});
