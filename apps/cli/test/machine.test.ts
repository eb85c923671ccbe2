import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test-support/free-port.ts';
import { type RunningServer, runCli, startServer } from './run-cli.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface ListedMachine {
  id: string;
  name: string | null;
  hostname: string | null;
  current: boolean;
}

// Black-box: the real binary against a real server (SQLite, loopback HTTP). Each CLI run starts a Node
// process, and some tests make ten of them, hence the longer timeout.
describe('devtime machine', { timeout: 120_000 }, () => {
  let home: string;
  let server: RunningServer;
  let key: string;
  /** A second machine: its own data dir, so its own machine-id file. */
  let otherDataDir: string;
  let thisId: string;
  let otherId: string;

  const cli = (args: string[], env: Record<string, string> = {}) =>
    runCli(['machine', ...args], { HOME: home, ...env });

  async function lsJson(env: Record<string, string> = {}) {
    const result = await cli(['ls', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { this_machine: string; machines: ListedMachine[] };
  }

  /** Activity as a DevTime client sends it, with the machine headers. */
  async function heartbeatFrom(machineId: string, name: string, timestamp: number) {
    const response = await fetch(`${server.url}/api/heartbeat`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        'x-machine-id': machineId,
        'x-machine-name': name,
        'x-machine-os': 'linux',
      },
      body: JSON.stringify({ tool: 'vscode', timestamp, project: 'demo' }),
    });
    expect(response.status).toBe(201);
  }

  async function agentSessions() {
    const response = await fetch(`${server.url}/api/stats?range=all_time`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return ((await response.json()) as { agents: { sessions: number } }).agents.sessions;
  }

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'devtime-cli-machine-'));
    otherDataDir = join(home, 'other-machine');
    server = await startServer([], { HOME: home });
    key = /API key\s+(waka_\S+)/.exec(server.stdout())?.[1] ?? '';
    expect(key).not.toBe('');
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('`machine ls` mints this machine id once and lists nothing before any activity', async () => {
    const first = await lsJson();
    expect(first.this_machine).toMatch(UUID);
    expect(first.machines).toEqual([]);
    expect(readFileSync(join(home, '.devtime', 'machine-id'), 'utf8').trim()).toBe(first.this_machine);
    expect((await lsJson()).this_machine).toBe(first.this_machine);
    thisId = first.this_machine;
    otherId = (await lsJson({ DEVTIME_DATA_DIR: otherDataDir })).this_machine;
    expect(otherId).not.toBe(thisId);

    const human = await cli(['ls']);
    expect(human.stdout).toMatch(/No machines yet/);
    expect(human.stdout).toContain(`This machine (${thisId}) has not reported any activity yet`);
  });

  it('`machine ls` marks this machine with * among the ones that reported', async () => {
    const base = Date.now() - 3_600_000;
    await heartbeatFrom(thisId, 'host-a', base);
    await heartbeatFrom(otherId, 'host-b', base + 60_000);

    const listed = await lsJson();
    expect(listed.machines.map((m) => [m.id, m.hostname, m.current]).sort()).toEqual(
      [
        [thisId, 'host-a', true],
        [otherId, 'host-b', false],
      ].sort(),
    );
    // From the other machine's data dir, the other one is "this".
    const fromOther = await lsJson({ DEVTIME_DATA_DIR: otherDataDir });
    expect(fromOther.machines.find((m) => m.current)?.id).toBe(otherId);

    const human = await cli(['ls']);
    expect(human.code).toBe(0);
    const lines = human.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ID\s+NAME\s+HOSTNAME\s+OS\s+LAST SEEN/);
    expect(lines.filter((line) => line.startsWith('*'))).toEqual([expect.stringContaining(thisId)]);
    expect(lines.find((line) => line.includes(otherId))).toMatch(/^\s+\S/);
  });

  it('`machine rename` names this machine by default, another by id or prefix, and --clear removes it', async () => {
    const renamed = await cli(['rename', '--name', 'Work laptop']);
    expect(renamed.stderr).toBe('');
    expect(renamed.stdout).toContain(`Renamed machine ${thisId} to "Work laptop"`);

    const byPrefix = await cli([
      'rename',
      '--id',
      otherId.slice(0, 8).toUpperCase(),
      '--name',
      'Desk',
      '--json',
    ]);
    expect(byPrefix.code).toBe(0);
    expect(JSON.parse(byPrefix.stdout)).toMatchObject({ id: otherId, name: 'Desk', hostname: 'host-b' });

    const listed = await lsJson();
    expect(Object.fromEntries(listed.machines.map((m) => [m.id, m.name]))).toEqual({
      [thisId]: 'Work laptop',
      [otherId]: 'Desk',
    });
    expect((await cli(['ls'])).stdout).toMatch(/^\*\s+\S+\s+Work laptop\s+host-a/m);

    const cleared = await cli(['rename', '--id', otherId, '--clear']);
    expect(cleared.stdout).toContain('has no display name now (shown as host-b)');
    expect((await lsJson()).machines.find((m) => m.id === otherId)?.name).toBeNull();

    const neither = await cli(['rename']);
    expect(neither.code).not.toBe(0);
    expect(neither.stderr).toMatch(/--name <name>/);
    const unknown = await cli(['rename', '--id', 'ffffffff', '--name', 'x']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no machine with an id starting "ffffffff"/);
    // A machine that never reported cannot be renamed, and says why.
    const silent = await cli(['rename', '--name', 'x'], { DEVTIME_DATA_DIR: join(home, 'silent') });
    expect(silent.code).not.toBe(0);
    expect(silent.stderr).toMatch(/this machine \(\S+\) is not on the server yet/);
  });

  it("never renames or deletes another user's machine", async () => {
    const added = await runCli(
      ['user', 'add', 'intruder', '--json', '--password-stdin'],
      { HOME: home },
      'a long password\n',
    );
    expect(added.code).toBe(0);
    const { api_key: intruderKey } = JSON.parse(added.stdout) as { api_key: string };

    const rename = await cli(['rename', '--id', thisId, '--name', 'mine', '--token', intruderKey]);
    expect(rename.code).not.toBe(0);
    expect(rename.stderr).toContain(`no machine ${thisId} on this account`);
    const remove = await cli(['delete', '--id', thisId, '--purge', '--yes', '--token', intruderKey]);
    expect(remove.code).not.toBe(0);
    expect(remove.stderr).toContain(`no machine ${thisId} on this account`);
    expect((await lsJson({ DEVTIME_API_KEY: intruderKey })).machines).toEqual([]);

    expect((await lsJson()).machines.find((m) => m.id === thisId)?.name).toBe('Work laptop');
  });

  it('`machine delete` asks for --yes, forgets the machine and with --purge deletes its agent sessions', async () => {
    const base = Date.now() - 2 * 3_600_000;
    for (const [sessionId, machineId] of [
      ['s-other-1', otherId],
      ['s-other-2', otherId],
      ['s-this', thisId],
    ]) {
      const response = await fetch(`${server.url}/api/agent/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          schema_version: 1,
          agent: 'claude-code',
          session_id: sessionId,
          machine_id: machineId,
          started_at: base,
          ended_at: base + 60_000,
          turns: [{ started_at: base, ended_at: base + 60_000, prompt_chars: 5 }],
          models: [],
          tools: [],
          files: [],
        }),
      });
      expect(response.status).toBe(200);
    }
    expect(await agentSessions()).toBe(3);

    const refused = await cli(['delete', '--id', otherId, '--purge']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/add --yes to confirm/);
    expect((await lsJson()).machines).toHaveLength(2);

    const deleted = await cli(['delete', '--id', otherId, '--purge', '--yes', '--json']);
    expect(deleted.stderr).toBe('');
    expect(JSON.parse(deleted.stdout)).toEqual({
      id: otherId,
      ok: true,
      machine_deleted: true,
      purged_agent_sessions: 2,
    });
    expect((await lsJson()).machines.map((m) => m.id)).toEqual([thisId]);
    expect(await agentSessions()).toBe(1);

    // Without --purge the sessions stay; deleting the machine you are on says it will come back.
    const self = await cli(['delete', '--id', thisId, '--yes']);
    expect(self.code).toBe(0);
    expect(self.stdout).toContain(`Deleted machine ${thisId}.`);
    expect(self.stdout).toMatch(/listed again when it next reports/);
    expect((await lsJson()).machines).toEqual([]);
    expect(await agentSessions()).toBe(1);

    const again = await cli(['delete', '--id', thisId, '--yes']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`no machine ${thisId} on this account`);
  });

  it('uses --token over DEVTIME_API_KEY over the config file, and names the source of a refused key', async () => {
    const wrong = 'waka_11111111-1111-4111-8111-111111111111';
    const fromEnv = await cli(['ls'], { DEVTIME_API_KEY: wrong });
    expect(fromEnv.code).not.toBe(0);
    expect(fromEnv.stderr).toMatch(/refused the API key \(from env\)/);
    const flagWins = await cli(['ls', '--json', '--token', key], { DEVTIME_API_KEY: wrong });
    expect(flagWins.code).toBe(0);
    const badFlag = await cli(['ls', '--token', wrong]);
    expect(badFlag.stderr).toMatch(/refused the API key \(from flag\)/);
  });
});

describe('devtime machine without a usable server', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'devtime-cli-machine-'));
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('says there is no API key', async () => {
    const result = await runCli(['machine', 'ls'], { HOME: home });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no API key: pass --token <key>, set DEVTIME_API_KEY/);
  });

  it('says the server is unreachable', async () => {
    // A port that was just free: nothing listens there.
    const port = await freePort();
    const result = await runCli(['machine', 'ls'], {
      HOME: home,
      DEVTIME_API_URL: `http://127.0.0.1:${port}`,
      DEVTIME_API_KEY: 'waka_11111111-1111-4111-8111-111111111111',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`cannot reach the server at http://127.0.0.1:${port}: ECONNREFUSED`),
    );
  });

  it('sends the key and the machine headers on every request', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const fake = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') {
        res.end(JSON.stringify({ machines: [] }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { code: 'not_found', message: 'no such machine' } }));
      }
    });
    fake.listen(0, '127.0.0.1');
    await once(fake, 'listening');
    try {
      const env = {
        HOME: home,
        DEVTIME_API_URL: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
        DEVTIME_API_KEY: 'waka_22222222-2222-4222-8222-222222222222',
      };
      expect((await runCli(['machine', 'ls'], env)).code).toBe(0);
      expect((await runCli(['machine', 'rename', '--name', 'x'], env)).code).not.toBe(0);
      expect((await runCli(['machine', 'delete', '--id', 'abcd', '--yes'], env)).code).not.toBe(0);
    } finally {
      fake.close();
    }
    const id = readFileSync(join(home, '.devtime', 'machine-id'), 'utf8').trim();
    expect(id).toMatch(UUID);
    expect(seen.length).toBe(3);
    for (const headers of seen) {
      expect(headers).toMatchObject({
        authorization: 'Bearer waka_22222222-2222-4222-8222-222222222222',
        'x-machine-id': id,
        'x-machine-os': process.platform,
      });
      expect(decodeURIComponent(String(headers['x-machine-name']))).toBe(hostname());
    }
  });
});
