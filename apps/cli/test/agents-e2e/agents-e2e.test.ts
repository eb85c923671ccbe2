import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, removeWhenSettled, runCli, startServer } from '../run-cli.ts';
import {
  type AgentClis,
  type AgentRun,
  agentClis,
  CLAUDE_MOCK,
  CODEX_MOCK,
  claudeUsage,
  cliVersion,
  codexUsage,
  createProjects,
  defaultClisDir,
  type Mock,
  type ModelTotals,
  runClaude,
  runCodex,
  type SessionUsage,
  setupClaudeHome,
  setupCodexHome,
  startMock,
  unexpectedRequests,
} from './run-agents.ts';

// End to end with the REAL agent CLIs: `devtime install --all` puts DevTime's hooks into a temporary
// HOME, the real `claude` and `codex` run one short session each against the fixtures' mock model
// servers (127.0.0.1, no network), the hooks' background `devtime sync` uploads the sessions to a
// real `devtime serve`, and the server's token totals must equal what the mocks sent, per model.
// Opt-in (CI sets it after scripts/install-agent-clis.sh): DEVTIME_E2E_AGENTS=1 DEVTIME_AGENT_CLIS_DIR=DIR.
const ENABLED = process.env.DEVTIME_E2E_AGENTS === '1';

if (!ENABLED) {
  describe('agents e2e (real claude + codex)', () => {
    it.skip('skipped: set DEVTIME_E2E_AGENTS=1 and DEVTIME_AGENT_CLIS_DIR (apps/cli/test/agents-e2e/README.md)', () => {});
  });
} else {
  describe('agents e2e: real claude + codex → hooks → devtime sync → server', () => {
    const TOKEN_FIELDS = [
      'input_tokens',
      'output_tokens',
      'cache_write_tokens',
      'cache_read_tokens',
    ] as const;
    // Variables of the caller's own agents that would point the CLIs or DevTime's adapters elsewhere.
    const FOREIGN_ENV = /^(CLAUDE_|CODEX_|ANTHROPIC_|OPENAI_|DISABLE_|HTTPS?_PROXY$|https?_proxy$)/;
    const savedEnv: Record<string, string> = {};

    let root: string;
    let home: string;
    let server: RunningServer;
    let key: string;
    let devtimeEnv: Record<string, string>;
    let clis: AgentClis;
    let claudeMock: Mock;
    let codexMock: Mock;
    let claudeRun: AgentRun;
    let codexRun: AgentRun;
    let installCode: number | null = null;
    let installOutput = '';
    const timings: Record<string, number> = {};

    const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      try {
        return await fn();
      } finally {
        timings[name] = Date.now() - started;
      }
    };

    beforeAll(async () => {
      for (const name of Object.keys(process.env)) {
        if (FOREIGN_ENV.test(name)) {
          savedEnv[name] = process.env[name] ?? '';
          delete process.env[name];
        }
      }
      for (const file of [CLAUDE_MOCK, CODEX_MOCK]) {
        if (!existsSync(file))
          throw new Error(`${file} missing: the fixtures' shared/ folder must sit beside the repo`);
      }
      clis = agentClis(defaultClisDir());
      root = mkdtempSync(join(tmpdir(), 'devtime-agents-e2e-'));
      home = join(root, 'home');
      mkdirSync(home);

      server = await timed('server', () => startServer([], { HOME: join(root, 'server-home') }));
      key = /API key\s+(waka_\S+)/.exec(server.stdout())?.[1] ?? '';
      expect(key).toMatch(/^waka_/);
      devtimeEnv = {
        HOME: home,
        CODEX_HOME: join(home, '.codex'),
        DEVTIME_DATA_DIR: join(root, 'devtime'),
        DEVTIME_API_URL: server.url,
        DEVTIME_API_KEY: key,
        DEVTIME_SYNC_DELAY_MS: '0',
        DEVTIME_SYNC_LINGER_MS: '300',
      };

      // The agents' own settings exist before DevTime installs (as on a developer's machine).
      const projects = createProjects(home);
      claudeMock = await startMock('claude', join(root, 'mock-logs', 'claude'));
      codexMock = await startMock('codex', join(root, 'mock-logs', 'codex'));
      setupClaudeHome(home, projects.claude, cliVersion(clis.claude, home).split(' ')[0] ?? '');
      setupCodexHome(home, codexMock.url, [projects.codex]);

      // Not asserted here: the agents still run (and their test can pass) when install fails.
      const install = await timed('install', () => runCli(['install', '--all'], devtimeEnv));
      installCode = install.code;
      installOutput = `devtime install --all: exit ${install.code}\n${install.stdout}\n${install.stderr}`;

      claudeRun = await timed('claude', () =>
        runClaude(clis.claude, { home, cwd: projects.claude, mock: claudeMock, env: devtimeEnv }),
      );
      codexRun = await timed('codex', () =>
        runCodex(clis.codex, { home, cwd: projects.codex, mock: codexMock, env: devtimeEnv }),
      );
    }, 240_000);

    afterAll(async () => {
      console.info(`agents e2e timings (ms): ${JSON.stringify(timings)}`);
      await claudeMock?.stop();
      await codexMock?.stop();
      await server?.stop();
      if (root) await removeWhenSettled(root);
      Object.assign(process.env, savedEnv);
    });

    const describeRun = (run: AgentRun) =>
      `${run.agent} exit ${run.code}${run.timedOut ? ' (timed out)' : ''} after ${run.durationMs} ms\n` +
      `stdout: ${run.stdout.slice(-3000)}\nstderr: ${run.stderr.slice(-3000)}`;

    it('installs the hooks into both agents, keeping their own settings', () => {
      expect(installCode, installOutput).toBe(0);
      const claudeSettings = readFileSync(join(home, '.claude', 'settings.json'), 'utf8');
      expect(claudeSettings, installOutput).toMatch(/fast-hook\.cjs\W+hook\W+--agent\W+claude/);
      // The permission list the harness wrote is still there (install merges, never replaces).
      expect(JSON.parse(claudeSettings).permissions?.allow).toContain('Write');
      const codexFiles = ['config.toml', 'hooks.json']
        .map((name) => join(home, '.codex', name))
        .filter(existsSync)
        .map((file) => readFileSync(file, 'utf8'))
        .join('\n');
      expect(codexFiles, installOutput).toMatch(/fast-hook\.cjs\W+hook\W+--agent\W+codex/);
      expect(readFileSync(join(home, '.codex', 'config.toml'), 'utf8')).toContain('model_provider = "mock"');
    });

    it('ran real claude and codex sessions offline against the mocks', () => {
      for (const run of [claudeRun, codexRun]) {
        expect(run.code, describeRun(run)).toBe(0);
        expect(run.sessionId, describeRun(run)).toMatch(/^[0-9a-f-]{36}$/);
      }
      // Only the model endpoints were called: nothing the mocks do not script (no model lists, no telemetry).
      expect(unexpectedRequests(claudeMock)).toEqual([]);
      expect(unexpectedRequests(codexMock)).toEqual([]);
      const claude = onlySession(claudeUsage(claudeMock), claudeRun.sessionId);
      const codex = onlySession(codexUsage(codexMock), codexRun.sessionId);
      expect(claude.models['claude-opus-5-5']?.calls).toBe(3);
      expect(codex.models['gpt-5.5']?.calls).toBe(3);
      // The Codex scenario is long enough for the mock's prompt cache to count cached input.
      expect(codex.models['gpt-5.5']?.cache_read_tokens).toBeGreaterThan(0);
    });

    it('the hooks upload both sessions with the exact token totals the mocks sent', async () => {
      expect(installCode, `no hooks without an install: ${installOutput}`).toBe(0);
      const expected = [
        onlySession(claudeUsage(claudeMock), claudeRun.sessionId),
        onlySession(codexUsage(codexMock), codexRun.sessionId),
      ];
      const stats = await timed('upload', () => waitForTotals(expected, 30_000));
      // The real agents' hook events named their sessions (Claude's transcript path on stdin, Codex's
      // thread id in notify or the hooks.json event), so later passes read those files alone.
      const state = new DatabaseSync(join(devtimeEnv.DEVTIME_DATA_DIR ?? '', 'agents/sync-state.db'), {
        readOnly: true,
      });
      const hints = state.prepare('SELECT agent, transcript_path, session_id FROM hints').all();
      state.close();
      expect(hints).toContainEqual(
        expect.objectContaining({ agent: 'claude', session_id: claudeRun.sessionId }),
      );
      expect(hints.find((hint) => hint.agent === 'claude')?.transcript_path).toMatch(
        new RegExp(`${claudeRun.sessionId}\\.jsonl$`),
      );
      expect(hints).toContainEqual(
        expect.objectContaining({ agent: 'codex', session_id: codexRun.sessionId }),
      );
      for (const session of expected) {
        const agent = serverAgentId(stats, session.agent);
        const perAgent = await getStats(`range=all_time&tool=${encodeURIComponent(agent)}`);
        expect(perAgent.agents.sessions, `${agent} sessions`).toBe(1);
        expect.soft(perAgent.agents.prompts, `${agent} prompts`).toBe(1);
        expect(pick(perAgent.agents.by_model, TOKEN_FIELDS)).toEqual(pick(session.models, TOKEN_FIELDS));
        expect
          .soft(pick(perAgent.agents.by_model, ['calls', 'reasoning_tokens']))
          .toEqual(pick(session.models, ['calls', 'reasoning_tokens']));
        // Per session: the id DevTime stored is the CLI's own session (Claude) / thread (Codex) id.
        const stored = await listAgentSessions(agent);
        if (stored) {
          expect(stored.map((row) => row.session_id)).toEqual([session.sessionId]);
          const byModel = Object.fromEntries((stored[0]?.models ?? []).map((m) => [m.model, m]));
          expect(pick(byModel, TOKEN_FIELDS)).toEqual(pick(session.models, TOKEN_FIELDS));
        }
      }
    }, 60_000);

    it('`devtime sync` and `devtime backfill import --source all` do not change the totals', async () => {
      const before = (await getStats('range=all_time')).agents;
      const sync = await timed('sync', () => runCli(['sync'], devtimeEnv));
      expect(sync.code, `${sync.stdout}\n${sync.stderr}`).toBe(0);
      const backfill = await timed('backfill', () =>
        runCli(['backfill', 'import', '--source', 'all'], devtimeEnv),
      );
      expect(backfill.code, `${backfill.stdout}\n${backfill.stderr}`).toBe(0);
      const after = await getStats('range=all_time');
      // Still exactly the mocks' numbers, whoever uploaded them (hooks, sync or backfill)...
      const expected = [
        onlySession(claudeUsage(claudeMock), claudeRun.sessionId),
        onlySession(codexUsage(codexMock), codexRun.sessionId),
      ];
      expect(observedTotals(after, expected)).toEqual(expectedTotals(expected));
      expect(after.agents.sessions).toBe(2);
      // ...and nothing changed since the hooks' upload (when the hook test failed, they had not uploaded all).
      const why = 'sync/backfill changed what the hooks had uploaded';
      expect(after.agents.sessions, why).toBe(before.sessions);
      expect(after.agents.by_agent, why).toEqual(before.by_agent);
      expect(after.agents.by_model, why).toEqual(before.by_model);
    }, 60_000);

    // -------------------------------------------------------------------------------------------

    interface Totals extends ModelTotals {
      total_tokens: number;
    }
    interface Stats {
      agents: {
        sessions: number;
        prompts: number;
        by_model: Record<string, Totals>;
        by_agent: Record<string, Totals>;
      };
    }
    interface StoredSession {
      agent: string;
      session_id: string;
      models?: Array<ModelTotals & { model: string }>;
    }

    async function getStats(query: string): Promise<Stats> {
      const res = await fetch(`${server.url}/api/stats?${query}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (!res.ok) throw new Error(`GET /api/stats?${query}: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as Stats;
    }

    /** `GET /api/agent/sessions` with per-session models; null while the server has no such route. */
    async function listAgentSessions(agent: string): Promise<StoredSession[] | null> {
      const path = `/api/agent/sessions?range=all_time&include=models&agent=${encodeURIComponent(agent)}`;
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
      const text = await res.text();
      if (res.status === 404 && text.includes('no route')) return null;
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${text}`);
      return (JSON.parse(text) as { sessions: StoredSession[] }).sessions;
    }

    /** The server's agent id for an agent (`claude` may be stored as `claude-code`). */
    function serverAgentId(stats: Stats, agent: SessionUsage['agent']): string {
      const ids = Object.keys(stats.agents.by_agent);
      return ids.find((id) => id === agent) ?? ids.find((id) => id.startsWith(agent)) ?? agent;
    }

    /** Per agent, the four token fields the server reports for it. */
    function observedTotals(stats: Stats, expected: SessionUsage[]) {
      return Object.fromEntries(
        expected.map((s) => [
          s.agent,
          pick({ t: stats.agents.by_agent[serverAgentId(stats, s.agent)] }, TOKEN_FIELDS).t,
        ]),
      );
    }

    /** Per agent, the four token fields summed over the mock's calls. */
    function expectedTotals(expected: SessionUsage[]) {
      return Object.fromEntries(
        expected.map((s) => [s.agent, pick({ t: sum(Object.values(s.models)) }, TOKEN_FIELDS).t]),
      );
    }

    /** Polls until every expected agent's totals match (the hooks sync in the background), or times out. */
    async function waitForTotals(expected: SessionUsage[], timeoutMs: number): Promise<Stats> {
      const deadline = Date.now() + timeoutMs;
      const want = JSON.stringify(expectedTotals(expected));
      let stats = await getStats('range=all_time');
      while (JSON.stringify(observedTotals(stats, expected)) !== want && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        stats = await getStats('range=all_time');
      }
      // On a timeout this fails with the last totals seen next to the mocks' numbers.
      expect(
        observedTotals(stats, expected),
        `server agents after ${timeoutMs} ms: ${JSON.stringify(stats.agents)}`,
      ).toEqual(expectedTotals(expected));
      return stats;
    }
  });
}

function onlySession(sessions: SessionUsage[], sessionId: string | null): SessionUsage {
  const session = sessions.find((s) => s.sessionId === sessionId);
  if (!session) {
    throw new Error(`the mock saw no calls for session ${sessionId}: ${JSON.stringify(sessions)}`);
  }
  return session;
}

function sum(models: ModelTotals[]): ModelTotals {
  const total: ModelTotals = {
    calls: 0,
    input_tokens: 0,
    output_tokens: 0,
    cache_write_tokens: 0,
    cache_read_tokens: 0,
    reasoning_tokens: 0,
  };
  for (const m of models) for (const k of Object.keys(total) as Array<keyof ModelTotals>) total[k] += m[k];
  return total;
}

/** `{model: totals}` reduced to the given fields, so toEqual compares only those. */
function pick<K extends string>(
  byModel: Record<string, Partial<Record<K, number>> | undefined>,
  fields: readonly K[],
): Record<string, Partial<Record<K, number>>> {
  return Object.fromEntries(
    Object.entries(byModel).map(([model, totals]) => [
      model,
      Object.fromEntries(fields.map((f) => [f, totals?.[f]])) as Partial<Record<K, number>>,
    ]),
  );
}
