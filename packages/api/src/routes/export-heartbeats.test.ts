import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../test-support/test-api.ts';
import { HEARTBEAT_EXPORT_COLUMNS, HEARTBEAT_EXPORT_PAGE_ROWS } from './export-heartbeats.ts';

const NOW = Date.parse('2026-03-11T18:00:00Z');
const START = Date.parse('2026-03-10T08:00:00Z');
const MIN = 60_000;
const TRICKY_PATH = 'src/a, "quoted"\nname.ts';
let t: TestApi;
let alice: string;
let bob: string;
let sent: number;

/** Splits CSV text into records of cells (RFC 4180: quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(cell === '' && record.length === 0).toBe(true); // the text ends with a complete record
  return records;
}

beforeEach(async () => {
  t = await createTestApi({ nowMs: NOW });
  alice = (await t.addUser('alice', 'UTC')).key;
  bob = (await t.addUser('bob', 'UTC')).key;
  // More than two store pages, over two tools at shared instants, some idle, one with a path that needs
  // CSV quoting, and dependencies (a JSON cell).
  const heartbeats = [];
  for (let i = 0; i < HEARTBEAT_EXPORT_PAGE_ROWS + 700; i++) {
    heartbeats.push({
      tool: i % 3 === 0 ? 'neovim' : 'vscode',
      timestamp: START + Math.floor(i / 2) * MIN,
      project: 'shop',
      file: i === 5 ? TRICKY_PATH : `src/file-${i % 40}.ts`,
      language: 'TypeScript',
      is_write: i % 7 === 0,
      activity_type: i % 50 === 0 ? 'idle' : 'coding',
      dependencies: i === 5 ? ['hono', 'zod'] : undefined,
    });
  }
  sent = heartbeats.length;
  for (let i = 0; i < heartbeats.length; i += 1000) {
    const response = await t.request('POST', '/api/heartbeat/batch', {
      key: alice,
      body: { heartbeats: heartbeats.slice(i, i + 1000) },
    });
    expect(response.status).toBe(200);
  }
  await t.request('POST', '/api/heartbeat', {
    key: bob,
    body: { tool: 'vscode', timestamp: START, project: 'shop', file: 'bob/secret.ts' },
  });
});
afterEach(() => t.close());

describe('GET /api/export?what=heartbeats', () => {
  it('streams every heartbeat once as NDJSON, in time order, as a download', async () => {
    const response = await t.request('GET', '/api/export?what=heartbeats&format=json', { key: alice });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="devtime-heartbeats-2026-03-11.ndjson"',
    );
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    const rows = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(sent);
    expect(Object.keys(rows[0]!)).toEqual([...HEARTBEAT_EXPORT_COLUMNS]);
    const times = rows.map((row) => row.timestamp as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(rows.map((row) => `${row.tool}/${row.timestamp}/${row.file}`)).size).toBe(sent);
    expect(rows.filter((row) => row.idle)).toHaveLength(Math.ceil(sent / 50));
    expect(rows.find((row) => row.file === TRICKY_PATH)).toMatchObject({
      time: '2026-03-10T08:02:00Z',
      tool: 'vscode',
      dependencies: ['hono', 'zod'],
      is_write: false,
    });
    expect(text).not.toContain('bob/secret.ts');
  });

  it('streams CSV with a header row, quoting commas, quotes and newlines in paths', async () => {
    const response = await t.request('GET', '/api/export?what=heartbeats&format=csv', { key: alice });
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="devtime-heartbeats-2026-03-11.csv"',
    );
    const text = await response.text();
    expect(text).toContain('"src/a, ""quoted""\nname.ts"');
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...HEARTBEAT_EXPORT_COLUMNS]);
    expect(records).toHaveLength(sent);
    const column = (name: string) => HEARTBEAT_EXPORT_COLUMNS.indexOf(name as never);
    const tricky = records.find((record) => record[column('file')] === TRICKY_PATH);
    expect(tricky?.[column('dependencies')]).toBe('["hono","zod"]');
    expect(tricky?.[column('timestamp')]).toBe(String(START + 2 * MIN));
    expect(records.every((record) => record.length === HEARTBEAT_EXPORT_COLUMNS.length)).toBe(true);
    expect(text).not.toContain('bob/secret.ts');
  });

  it('keeps to the range and filters, and shows each user only their own', async () => {
    const count = async (query: string, key = alice) => {
      const text = await (await t.request('GET', `/api/export?what=heartbeats&${query}`, { key })).text();
      return text === '' ? 0 : text.trimEnd().split('\n').length;
    };
    // Two heartbeats a minute from 2026-03-10 08:00 UTC to 06:29 the next morning.
    expect(await count('start=2026-03-10T08:00:00Z&end=2026-03-10T08:10:00Z')).toBe(20);
    expect(await count('start=2026-03-11&end=2026-03-11')).toBe(2 * (6 * 60 + 30));
    expect(await count('start=2026-03-12&end=2026-03-12')).toBe(0);
    expect(await count('tool=neovim')).toBe(Math.ceil(sent / 3));
    expect(await count('project=elsewhere')).toBe(0);
    const bobs = await (await t.request('GET', '/api/export?what=heartbeats', { key: bob })).text();
    expect(
      bobs
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).file),
    ).toEqual(['bob/secret.ts']);
  });

  it('keeps the intervals export as the default and refuses an unknown what', async () => {
    const response = await t.request('GET', '/api/export?format=csv', { key: alice });
    expect((await response.text()).split('\r\n')[0]).toBe(
      'start,end,seconds,tool,project,language,category,branch,machine,events',
    );
    expect((await t.request('GET', '/api/export?what=everything', { key: alice })).status).toBe(400);
    expect((await t.request('GET', '/api/export?what=heartbeats')).status).toBe(401);
  });
});
