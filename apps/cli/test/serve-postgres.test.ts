import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, runCli, startServer } from './run-cli.ts';

const databaseUrl = process.env.DEVTIME_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.DEVTIME_REQUIRE_POSTGRES === '1';

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

const unreachable = await postgresReachable();
if (unreachable && required) {
  throw new Error(`DEVTIME_REQUIRE_POSTGRES=1 but Postgres at ${databaseUrl} is unreachable: ${unreachable}`);
}
if (unreachable)
  console.warn(`Skipping the Postgres serve test: ${databaseUrl} is unreachable (${unreachable}).`);

// Black-box: the real binary on PostgreSQL, in a schema of its own that is dropped afterwards.
describe.skipIf(unreachable !== null)('devtime serve --database-url postgres://…', () => {
  const schema = `devtime_cli_${randomUUID().replaceAll('-', '')}`;
  let home: string;
  let server: RunningServer;
  const env = () => ({ HOME: home, DEVTIME_DATABASE_SCHEMA: schema });

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'devtime-cli-pg-'));
    server = await startServer(['--database-url', databaseUrl], env());
  });
  afterAll(async () => {
    await server?.stop();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
    rmSync(home, { recursive: true, force: true });
  });

  it('bootstraps, ingests and answers stats from Postgres', async () => {
    expect(server.stdout()).toContain('database: PostgreSQL');
    const key = /API key\s+(waka_\S+)/.exec(server.stdout())?.[1];
    expect(key).toBeDefined();
    const base = Date.now() - 3_600_000;
    const batch = await fetch(`${server.url}/api/heartbeat/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { tool: 'vscode', timestamp: base, project: 'pg', language: 'SQL' },
        { tool: 'vscode', timestamp: base + 240_000, project: 'pg', language: 'SQL' },
        { tool: 'vscode', timestamp: base + 240_000, project: 'pg', language: 'SQL' },
      ]),
    });
    expect(await batch.json()).toMatchObject({ accepted: 2, duplicates: 1 });
    const stats = await fetch(`${server.url}/api/stats?range=last_7_days`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(await stats.json()).toMatchObject({ total_seconds: 240, by_language: { SQL: 240 } });
    const users = await runCli(['user', 'list', '--json', '--database-url', databaseUrl], env());
    expect(users.code).toBe(0);
    expect(JSON.parse(users.stdout)).toHaveLength(1);
  });
});
