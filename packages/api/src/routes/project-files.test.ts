import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectFilesResponse } from '../dashboard-api.ts';
import { createTestApi, json, type TestApi } from '../test-support/test-api.ts';

// Wednesday 2026-03-11, 18:00 UTC; Alice lives in Berlin (UTC+1 in March).
const NOW = Date.parse('2026-03-11T18:00:00Z');
const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

let t: TestApi;
let alice: string;
let bob: string;

const files = async (path: string, key = alice) => {
  const response = await t.request('GET', path, { key });
  expect(response.status).toBe(200);
  return json<ProjectFilesResponse>(response);
};

beforeEach(async () => {
  t = await createTestApi({ nowMs: NOW });
  alice = (await t.addUser('alice', 'Europe/Berlin')).key;
  bob = (await t.addUser('bob', 'UTC')).key;
  const editing = (tool: string, startIso: string, count: number, file: string, project = 'shop/api') =>
    Array.from({ length: count }, (_, i) => ({
      tool,
      timestamp: at(startIso) + i * 2 * MIN,
      project,
      language: file.endsWith('.go') ? 'Go' : 'TypeScript',
      file,
      is_write: i % 2 === 0,
    }));
  await t.request('POST', '/api/heartbeat/batch', {
    key: alice,
    body: {
      heartbeats: [
        // Monday (local): cart.go in two editors, then main.ts.
        ...editing('vscode', '2026-03-09T08:00:00Z', 5, 'src/cart.go'),
        ...editing('neovim', '2026-03-09T08:01:00Z', 2, 'src/cart.go'),
        ...editing('vscode', '2026-03-09T09:00:00Z', 3, 'src/main.ts'),
        // Today 00:30 local = yesterday 23:30 UTC: inside "today" only in Alice's zone.
        ...editing('vscode', '2026-03-10T23:30:00Z', 1, 'src/late, "night".ts'),
        // Another project and an idle heartbeat: neither counts.
        ...editing('vscode', '2026-03-09T10:00:00Z', 4, 'web/index.ts', 'web'),
        {
          tool: 'vscode',
          timestamp: at('2026-03-09T11:00:00Z'),
          project: 'shop/api',
          file: 'src/idle.ts',
          activity_type: 'idle',
        },
      ],
    },
  });
  // Bob works on a project of the same name, in a file of the same name.
  await t.request('POST', '/api/heartbeat/batch', {
    key: bob,
    body: {
      heartbeats: editing('vscode', '2026-03-09T08:00:00Z', 9, 'src/cart.go').concat(
        editing('vscode', '2026-03-09T08:00:00Z', 1, 'bob-only.ts'),
      ),
    },
  });
});
afterEach(() => t.close());

describe('GET /api/projects/:project/files', () => {
  it('lists the files editors touched, most heartbeats first, with saves and first/last seen', async () => {
    const body = await files('/api/projects/shop%2Fapi/files?range=week');
    expect(body.project).toBe('shop/api');
    expect(body.range).toMatchObject({ name: 'week', start: '2026-03-09T00:00:00+01:00' });
    expect(body.files).toEqual([
      {
        path: 'src/cart.go',
        language: 'Go',
        heartbeats: 7,
        writes: 4,
        first_seen_ms: at('2026-03-09T08:00:00Z'),
        last_seen_ms: at('2026-03-09T08:08:00Z'),
      },
      {
        path: 'src/main.ts',
        language: 'TypeScript',
        heartbeats: 3,
        writes: 2,
        first_seen_ms: at('2026-03-09T09:00:00Z'),
        last_seen_ms: at('2026-03-09T09:04:00Z'),
      },
      {
        path: 'src/late, "night".ts',
        language: 'TypeScript',
        heartbeats: 1,
        writes: 1,
        first_seen_ms: at('2026-03-10T23:30:00Z'),
        last_seen_ms: at('2026-03-10T23:30:00Z'),
      },
    ]);
  });

  it('resolves ranges like /api/stats: named in the user zone, start/end, tz, and a limit', async () => {
    const paths = async (query: string) =>
      (await files(`/api/projects/shop%2Fapi/files?${query}`)).files.map((f) => f.path);
    expect(await paths('range=today')).toEqual(['src/late, "night".ts']);
    expect(await paths('range=today&tz=UTC')).toEqual([]);
    expect(await paths('start=2026-03-09&end=2026-03-09')).toEqual(['src/cart.go', 'src/main.ts']);
    expect(await paths('range=week&limit=1')).toEqual(['src/cart.go']);
    expect((await files('/api/projects/web/files?range=week')).files.map((f) => f.path)).toEqual([
      'web/index.ts',
    ]);
    expect((await files('/api/projects/nothing/files?range=week')).files).toEqual([]);
  });

  it('never shows one user the files of another', async () => {
    const bobs = await files('/api/projects/shop%2Fapi/files?range=week', bob);
    expect(bobs.files.map((f) => [f.path, f.heartbeats])).toEqual([
      ['src/cart.go', 9],
      ['bob-only.ts', 1],
    ]);
    const alices = await files('/api/projects/shop%2Fapi/files?range=week');
    expect(alices.files.map((f) => f.path)).not.toContain('bob-only.ts');
    expect(alices.files.find((f) => f.path === 'src/cart.go')?.heartbeats).toBe(7);
  });

  it('answers 400 for a bad limit, range or zone, and 401 without credentials', async () => {
    for (const query of [
      'limit=0',
      'limit=501',
      'limit=ten',
      'range=decade',
      'tz=Mars/Olympus',
      'start=nope',
    ]) {
      const response = await t.request('GET', `/api/projects/shop/files?${query}`, { key: alice });
      expect(response.status, query).toBe(400);
      expect(await json(response)).toMatchObject({ error: { code: 'validation_failed' } });
    }
    expect((await t.request('GET', `/api/projects/${'x'.repeat(513)}/files`, { key: alice })).status).toBe(
      400,
    );
    expect((await t.request('GET', '/api/projects/shop/files')).status).toBe(401);
  });
});
