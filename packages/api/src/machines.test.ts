import type { DeleteMachineResponse, MachineListResponse, RenameMachineResponse } from '@devtime/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from './test-support/test-api.ts';

const NOW = Date.parse('2026-03-10T18:00:00Z');
const at = (hhmm: string) => Date.parse(`2026-03-10T${hhmm}:00Z`);
const LAPTOP = '3f1f4c1e-9a56-4a4e-9a0e-2b8f2f6a7c11';
const DESKTOP = '8d2b7e55-0c3a-4f1e-b7d4-61a9e0c2f3aa';

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

/** A heartbeat sent the way DevTime's clients send it: with the machine headers. */
function heartbeatFrom(key: string, machineId: string, hostname: string, time: number) {
  return t.request('POST', '/api/heartbeat', {
    key,
    body: { tool: 'vscode', timestamp: time, project: 'alpha' },
    headers: { 'x-machine-id': machineId, 'x-machine-name': hostname, 'x-machine-os': 'linux' },
  });
}

function sessionFrom(key: string, machineId: string, sessionId: string, start: string, end: string) {
  return t.request('POST', '/api/agent/sessions', {
    key,
    body: {
      schema_version: 1,
      agent: 'claude-code',
      session_id: sessionId,
      machine_id: machineId,
      project: 'alpha',
      started_at: at(start),
      ended_at: at(end),
      turns: [{ started_at: at(start), ended_at: at(end), prompt_chars: 10 }],
      models: [],
      tools: [],
      files: [],
    },
  });
}

async function machines(key: string) {
  return (await json<MachineListResponse>(await t.request('GET', '/api/machines', { key }))).machines;
}

async function stats(key: string) {
  return json<{ total_seconds: number; by_tool: Record<string, number>; agents: { sessions: number } }>(
    await t.request('GET', '/api/stats?range=today', { key }),
  );
}

describe('PATCH /api/machines/:id', () => {
  it('sets a display name that later X-Machine-Name headers do not overwrite, and clears it with null', async () => {
    expect((await heartbeatFrom(alice.key, LAPTOP, 'lap-1', at('09:00'))).status).toBe(201);
    expect(await machines(alice.key)).toEqual([
      expect.objectContaining({ id: LAPTOP, name: null, hostname: 'lap-1', os: 'linux' }),
    ]);

    const renamed = await t.request('PATCH', `/api/machines/${LAPTOP}`, {
      key: alice.key,
      body: { name: '  Work laptop ' },
    });
    expect(renamed.status).toBe(200);
    expect((await json<RenameMachineResponse>(renamed)).machine).toMatchObject({
      id: LAPTOP,
      name: 'Work laptop',
      hostname: 'lap-1',
    });

    // Past the tracker's refresh interval, so the next request really writes the sighting.
    t.clock.set(NOW + 10 * 60_000);
    await heartbeatFrom(alice.key, LAPTOP, 'lap-renamed-host', at('09:10'));
    expect(await machines(alice.key)).toEqual([
      expect.objectContaining({ id: LAPTOP, name: 'Work laptop', hostname: 'lap-renamed-host' }),
    ]);

    // Ids typed in upper case still find the machine.
    const cleared = await t.request('PATCH', `/api/machines/${LAPTOP.toUpperCase()}`, {
      key: alice.key,
      body: { name: null },
    });
    expect((await json<RenameMachineResponse>(cleared)).machine.name).toBeNull();
  });

  it('validates the name and answers 404 for an unknown machine', async () => {
    await heartbeatFrom(alice.key, LAPTOP, 'lap-1', at('09:00'));
    for (const body of [{ name: '   ' }, { name: 'x'.repeat(101) }, {}, { name: 7 }]) {
      const response = await t.request('PATCH', `/api/machines/${LAPTOP}`, { key: alice.key, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.request('PATCH', `/api/machines/${LAPTOP}`, { key: alice.key })).status).toBe(400);
    const missing = await t.request('PATCH', `/api/machines/${DESKTOP}`, {
      key: alice.key,
      body: { name: 'Desk' },
    });
    expect(missing.status).toBe(404);
    expect(await json<{ error: { code: string } }>(missing)).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('DELETE /api/machines/:id', () => {
  beforeEach(async () => {
    await heartbeatFrom(alice.key, LAPTOP, 'lap', at('09:00'));
    await heartbeatFrom(alice.key, LAPTOP, 'lap', at('09:05'));
    await heartbeatFrom(alice.key, DESKTOP, 'desk', at('11:00'));
    expect((await sessionFrom(alice.key, LAPTOP, 'from-laptop', '10:00', '10:20')).status).toBe(200);
    expect((await sessionFrom(alice.key, DESKTOP, 'from-desktop', '12:00', '12:10')).status).toBe(200);
  });

  it('forgets the machine but keeps its data without purge', async () => {
    const before = await stats(alice.key);
    expect(before.total_seconds).toBe(5 * 60 + 20 * 60 + 10 * 60);
    const response = await t.request('DELETE', `/api/machines/${LAPTOP}`, { key: alice.key });
    expect(response.status).toBe(200);
    expect(await json<DeleteMachineResponse>(response)).toEqual({
      ok: true,
      machine_deleted: true,
      purged_agent_sessions: 0,
    });
    expect((await machines(alice.key)).map((m) => m.id)).toEqual([DESKTOP]);
    expect(await stats(alice.key)).toEqual(before);
    expect((await t.request('DELETE', `/api/machines/${LAPTOP}`, { key: alice.key })).status).toBe(404);
  });

  it('with ?purge=true also deletes the agent sessions uploaded from it; heartbeats stay', async () => {
    const response = await t.request('DELETE', `/api/machines/${LAPTOP}?purge=true`, { key: alice.key });
    expect(await json<DeleteMachineResponse>(response)).toEqual({
      ok: true,
      machine_deleted: true,
      purged_agent_sessions: 1,
    });
    const after = await stats(alice.key);
    expect(after.agents.sessions).toBe(1);
    expect(after.by_tool).toEqual({ vscode: 5 * 60, 'claude-code': 10 * 60 });
    const sessions = await json<{ sessions: Array<{ session_id?: string; tool: string }> }>(
      await t.request('GET', '/api/sessions?range=today', { key: alice.key }),
    );
    expect(sessions.sessions.filter((s) => s.tool === 'claude-code')).toHaveLength(1);
  });

  it('rejects a bad purge value', async () => {
    const response = await t.request('DELETE', `/api/machines/${LAPTOP}?purge=maybe`, { key: alice.key });
    expect(response.status).toBe(400);
    expect(await machines(alice.key)).toHaveLength(2);
  });
});

describe('machine endpoints: access', () => {
  it("never renames or deletes another user's machine (404) and leaves their data alone", async () => {
    await heartbeatFrom(alice.key, LAPTOP, 'alice-laptop', at('09:00'));
    await sessionFrom(alice.key, LAPTOP, 'alice-session', '10:00', '10:20');
    const aliceBefore = await stats(alice.key);

    const rename = await t.request('PATCH', `/api/machines/${LAPTOP}`, {
      key: bob.key,
      body: { name: 'mine now' },
    });
    expect(rename.status).toBe(404);
    expect((await t.request('DELETE', `/api/machines/${LAPTOP}`, { key: bob.key })).status).toBe(404);
    expect((await t.request('DELETE', `/api/machines/${LAPTOP}?purge=true`, { key: bob.key })).status).toBe(
      404,
    );
    expect(await machines(bob.key)).toEqual([]);

    expect(await machines(alice.key)).toEqual([
      expect.objectContaining({ id: LAPTOP, name: null, hostname: 'alice-laptop' }),
    ]);
    expect(await stats(alice.key)).toEqual(aliceBefore);
    expect(aliceBefore.agents.sessions).toBe(1);

    // The same machine id under Bob's account is Bob's own machine.
    await heartbeatFrom(bob.key, LAPTOP, 'bob-laptop', at('09:00'));
    await t.request('PATCH', `/api/machines/${LAPTOP}`, { key: bob.key, body: { name: "Bob's" } });
    expect((await machines(alice.key))[0]?.name).toBeNull();
    expect((await machines(bob.key))[0]?.name).toBe("Bob's");
  });

  it('needs credentials, and a key that may write', async () => {
    await heartbeatFrom(alice.key, LAPTOP, 'lap', at('09:00'));
    expect((await t.request('PATCH', `/api/machines/${LAPTOP}`, { body: { name: 'x' } })).status).toBe(401);
    expect((await t.request('DELETE', `/api/machines/${LAPTOP}`)).status).toBe(401);
    const created = await json<{ key: string }>(
      await t.request('POST', '/api/auth/token', { key: alice.key, body: { name: 'ro', read_only: true } }),
    );
    expect((await t.request('GET', '/api/machines', { key: created.key })).status).toBe(200);
    const rename = await t.request('PATCH', `/api/machines/${LAPTOP}`, {
      key: created.key,
      body: { name: 'x' },
    });
    expect(rename.status).toBe(403);
    expect((await t.request('DELETE', `/api/machines/${LAPTOP}`, { key: created.key })).status).toBe(403);
    expect(await machines(alice.key)).toEqual([expect.objectContaining({ id: LAPTOP, name: null })]);
  });
});
