import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, runCli, startServer } from './run-cli.ts';

// Black-box: the real binary, a real SQLite file, real HTTP on loopback.
describe('devtime serve (first run, SQLite)', () => {
  let home: string;
  let server: RunningServer;
  let key: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'devtime-cli-'));
    server = await startServer([], { HOME: home });
    key = /API key\s+(waka_\S+)/.exec(server.stdout())?.[1] ?? '';
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('creates the local user and key on first run and writes config.toml (owner-only)', () => {
    expect(key).toMatch(/^waka_[0-9a-f-]{36}$/);
    expect(server.stdout()).toMatch(/password\s+\S{8,}/);
    const configFile = join(home, '.devtime', 'config.toml');
    const config = readFileSync(configFile, 'utf8');
    expect(config).toContain(`key = "${key}"`);
    expect(config).toContain(`endpoint = "${server.url}"`);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.devtime', 'devtime.sqlite')).size).toBeGreaterThan(0);
  });

  it('takes heartbeats over HTTP, including a batch with a bad item, and reads matching stats', async () => {
    const base = Date.now() - 3_600_000;
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const single = await post('/api/heartbeat', {
      tool: 'vscode',
      timestamp: base,
      project: 'demo',
      language: 'Go',
    });
    expect(single.status).toBe(201);
    const batch = await post('/api/heartbeat/batch', {
      heartbeats: [
        { tool: 'vscode', timestamp: base + 60_000, project: 'demo', language: 'Go' },
        { tool: 'vscode', timestamp: 'soon' },
        { tool: 'vscode', timestamp: base + 120_000, project: 'demo', language: 'Go' },
      ],
    });
    const result = (await batch.json()) as {
      accepted: number;
      rejected: number;
      results: Array<{ status: string }>;
    };
    expect(result).toMatchObject({ accepted: 2, rejected: 1 });
    expect(result.results[1]?.status).toBe('rejected');
    const stats = await fetch(`${server.url}/api/stats?range=last_7_days`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await stats.json()) as { total_seconds: number; by_project: Record<string, number> };
    expect(body.total_seconds).toBe(120);
    expect(body.by_project).toEqual({ demo: 120 });
  });

  it('`devtime status --json` finds the server through config.toml and shows today', async () => {
    const status = await runCli(['status', '--json'], { HOME: home });
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { server: { status: string }; key_source: string };
    expect(report.server.status).toBe('ok');
    expect(report.key_source).toBe('config');
  });

  it('`devtime token` shows, sets and clears the key, with env and flag precedence', async () => {
    const shown = await runCli(['token', 'show', '--json'], { HOME: home });
    expect(JSON.parse(shown.stdout)).toMatchObject({ source: 'config' });
    expect(shown.stdout).not.toContain(key);
    const fromEnv = await runCli(['token', 'show', '--json'], {
      HOME: home,
      DEVTIME_API_KEY: 'waka_11111111-1111-4111-8111-111111111111',
    });
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({ source: 'env' });
    const fromFlag = await runCli(['status', '--json', '--token', key], {
      HOME: home,
      DEVTIME_API_KEY: 'waka_11111111-1111-4111-8111-111111111111',
    });
    expect(JSON.parse(fromFlag.stdout)).toMatchObject({
      key_source: 'flag',
      today: { total_seconds: expect.any(Number) },
    });
    const bad = await runCli(['token', 'set', 'not-a-key'], { HOME: home });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/does not look like/);
    expect((await runCli(['token', 'clear'], { HOME: home })).code).toBe(0);
    const cleared = await runCli(['token', 'show', '--json'], { HOME: home });
    expect(JSON.parse(cleared.stdout)).toMatchObject({ source: 'none', key: null });
    expect((await runCli(['token', 'set', key], { HOME: home })).code).toBe(0);
    const restored = await runCli(['token', 'show', '--json', '--reveal'], { HOME: home });
    expect(JSON.parse(restored.stdout)).toMatchObject({ source: 'config', key });
  });

  it('`devtime user add|list|remove` manages users on the same database', async () => {
    const added = await runCli(
      ['user', 'add', 'second', '--json', '--password-stdin'],
      { HOME: home },
      'a long password\n',
    );
    expect(added.code).toBe(0);
    const { api_key: secondKey } = JSON.parse(added.stdout) as { api_key: string };
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${secondKey}` } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('second');
    const list = await runCli(['user', 'list', '--json'], { HOME: home });
    expect((JSON.parse(list.stdout) as Array<{ username: string }>).map((u) => u.username)).toContain(
      'second',
    );
    const refused = await runCli(['user', 'remove', 'second'], { HOME: home });
    expect(refused.code).not.toBe(0);
    expect((await runCli(['user', 'remove', 'second', '--yes'], { HOME: home })).code).toBe(0);
    const after = await runCli(['user', 'list', '--json'], { HOME: home });
    expect((JSON.parse(after.stdout) as Array<{ username: string }>).map((u) => u.username)).not.toContain(
      'second',
    );
    const again = await runCli(['user', 'remove', 'second', '--yes'], { HOME: home });
    expect(again.stderr).toMatch(/no user "second"/);
  });

  it('keeps the same user and key on the next start (no second bootstrap)', async () => {
    await server.stop();
    server = await startServer([], { HOME: home });
    expect(server.stdout()).not.toContain('First run');
    const stats = await fetch(`${server.url}/api/stats?range=last_7_days`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(((await stats.json()) as { total_seconds: number }).total_seconds).toBe(120);
  });
});

describe('devtime serve flags', () => {
  it('rejects a bad port with a clear message', async () => {
    const home = mkdtempSync(join(tmpdir(), 'devtime-cli-'));
    try {
      const result = await runCli(['serve', '--port', 'eighty'], { HOME: home });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/port must be an integer/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
