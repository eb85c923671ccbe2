import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../test-support/test-api.ts';
import { csvCell } from './csv-cell.ts';

const NOW = Date.parse('2026-03-11T18:00:00Z');
const MIN = 60_000;
let t: TestApi;
let key: string;

beforeEach(async () => {
  t = await createTestApi({ nowMs: NOW });
  key = (await t.addUser('alice', 'UTC')).key;
  const start = Date.parse('2026-03-10T23:30:00Z');
  const heartbeats = [];
  // Over UTC midnight (storage splits the row there) in a project whose name needs quoting.
  for (let m = 0; m <= 60; m += 10) {
    heartbeats.push({ tool: 'vscode', timestamp: start + m * MIN, project: 'acme, "web"', language: 'Go' });
  }
  await t.request('POST', '/api/heartbeat/batch', { key, body: { heartbeats } });
  await t.request('POST', '/api/agent/sessions', {
    key,
    body: {
      schema_version: 1,
      agent: 'codex',
      session_id: 'c1',
      project: 'acme',
      started_at: start,
      ended_at: start + 5 * MIN,
      turns: [{ started_at: start, ended_at: start + 5 * MIN, prompt_chars: 9 }],
      models: [],
    },
  });
});
afterEach(() => t.close());

describe('GET /api/export', () => {
  it('downloads CSV with one row per stretch, joined over midnight, quoted', async () => {
    const response = await t.request('GET', '/api/export?format=csv', { key });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="devtime-export-2026-03-11.csv"',
    );
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('start,end,seconds,tool,project,language,category,branch,machine,events');
    expect(lines).toContain(
      '2026-03-10T23:30:00Z,2026-03-11T00:30:00Z,3600,vscode,"acme, ""web""",Go,coding,,,7',
    );
    expect(lines.some((line) => line.includes(',codex,acme,'))).toBe(true);
  });

  it('downloads JSON with the durations and every agent rollup, matching stats', async () => {
    const body = await json<{
      durations: Array<{ seconds: number; tool: string }>;
      agent_sessions: unknown[];
    }>(await t.request('GET', '/api/export', { key }));
    const stats = await json<{ by_tool: Record<string, number> }>(
      await t.request('GET', '/api/stats?range=all_time', { key }),
    );
    const vscode = body.durations.filter((d) => d.tool === 'vscode').reduce((s, d) => s + d.seconds, 0);
    expect(vscode).toBe(stats.by_tool.vscode);
    expect(body.agent_sessions).toMatchObject([{ agent: 'codex', session_id: 'c1', project: 'acme' }]);
  });

  it('refuses an unknown format and anonymous callers', async () => {
    expect((await t.request('GET', '/api/export?format=xml', { key })).status).toBe(400);
    expect((await t.request('GET', '/api/export')).status).toBe(401);
  });
});

describe('csvCell', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
});
