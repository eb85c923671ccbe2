/**
 * Drives the REAL `claude` (npm @anthropic-ai/claude-code) and `codex` (npm @openai/codex) CLIs offline,
 * against the scripted mock model servers that recorded shared/fixtures/agents/, inside a temporary HOME.
 * The mocks log every model call with the exact `usage` they sent: that log is the ground truth.
 *
 * Library for agents-e2e.test.ts, and a script for trying it by hand:
 *   node apps/cli/test/agents-e2e/run-agents.ts [--clis DIR] [--keep]
 * (DIR from scripts/install-agent-clis.sh; default $DEVTIME_AGENT_CLIS_DIR or ~/.cache/devtime-agent-clis).
 *
 * Offline: each CLI gets a clean environment (never the caller's), a base URL on 127.0.0.1 and the
 * settings that switch off telemetry, update checks and first-run calls (see README.md here).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../../..');

/** shared/ sits beside the repository (CI clones main with shared/ next to it). */
export const SHARED_DIR = resolve(process.env.DEVTIME_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));
export const CLAUDE_MOCK = join(SHARED_DIR, 'fixtures/agents/claude/harness/mock-llm.mjs');
export const CODEX_MOCK = join(SHARED_DIR, 'fixtures/agents/codex-opencode-harness/mock-server.mjs');
const CLAUDE_SCENARIOS = join(HERE, 'scenarios/claude.mjs');
const CODEX_SCENARIOS = join(HERE, 'scenarios/codex.mjs');

/** The prompts the scenarios in scenarios/*.mjs answer (they match on these texts). */
export const CLAUDE_PROMPT = 'Create notes.md with a one-line project note, then read it back to me.';
export const CODEX_PROMPT = 'Add a CHANGELOG.md with an Unreleased section, then show me git status.';

/** Fake keys: the mocks accept anything, the CLIs only need one to be present. */
const CLAUDE_KEY =
  'sk-ant-api03-mock-0000000000000000000000000000000000000000000000000000000000000000000000000000-AAAAAA';
const CODEX_KEY = 'sk-mock-local-0000';
const CODEX_MODEL = 'gpt-5.5';

export function defaultClisDir(): string {
  return process.env.DEVTIME_AGENT_CLIS_DIR ?? join(homedir(), '.cache', 'devtime-agent-clis');
}

export interface AgentClis {
  claude: string;
  codex: string;
}

/** The bins scripts/install-agent-clis.sh put in DIR; throws when one is missing. */
export function agentClis(dir = defaultClisDir()): AgentClis {
  const clis = {
    claude: join(dir, 'node_modules', '.bin', 'claude'),
    codex: join(dir, 'node_modules', '.bin', 'codex'),
  };
  for (const [name, bin] of Object.entries(clis)) {
    if (!existsSync(bin))
      throw new Error(`${name} not found at ${bin}: run scripts/install-agent-clis.sh ${dir}`);
  }
  return clis;
}

// ---------------------------------------------------------------------------------------------
// Mock model servers

export interface Mock {
  kind: 'claude' | 'codex';
  url: string;
  logDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  await res.text();
}

/** Starts one of the fixture mocks on a free 127.0.0.1 port and waits for its health check. */
export async function startMock(kind: 'claude' | 'codex', logDir: string): Promise<Mock> {
  const script = kind === 'claude' ? CLAUDE_MOCK : CODEX_MOCK;
  if (!existsSync(script)) {
    throw new Error(`mock server ${script} not found (set DEVTIME_SHARED_DIR to the shared/ folder)`);
  }
  mkdirSync(logDir, { recursive: true });
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args =
      kind === 'claude'
        ? [script]
        : // 30 ms instead of 900 ms of "thinking" per call keeps the test short.
          [
            script,
            '--port',
            String(port),
            '--log-dir',
            logDir,
            '--scenarios',
            CODEX_SCENARIOS,
            '--delay-ms',
            '30',
          ];
    const env =
      kind === 'claude'
        ? {
            PATH: process.env.PATH ?? '',
            MOCK_PORT: String(port),
            MOCK_LOG_DIR: logDir,
            MOCK_SCENARIOS: CLAUDE_SCENARIOS,
          }
        : { PATH: process.env.PATH ?? '' };
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100 && child.exitCode === null; i++) {
      try {
        const res = await fetch(`${url}/__mock/health`, { signal: AbortSignal.timeout(1_000) });
        if (res.ok) {
          await res.text();
          return {
            kind,
            url,
            logDir,
            child,
            async stop() {
              if (child.exitCode !== null || child.signalCode !== null) return;
              child.kill('SIGTERM');
              await once(child, 'exit');
            },
          };
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (child.exitCode === null) child.kill('SIGKILL');
    lastError = output;
  }
  throw new Error(`${kind} mock did not start:\n${lastError}`);
}

// ---------------------------------------------------------------------------------------------
// Projects and homes

function git(cwd: string, home: string, ...args: string[]): void {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: home, GIT_CONFIG_NOSYSTEM: '1', LANG: 'C.UTF-8' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${cwd}: ${r.stderr}`);
}

/** A tiny git project (one commit on `main`) in HOME/code/NAME. */
export function createProject(home: string, name: string, files: Record<string, string>): string {
  const dir = join(home, 'code', name);
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  git(dir, home, 'init', '-q', '-b', 'main');
  git(dir, home, 'config', 'user.name', 'Dana Developer');
  git(dir, home, 'config', 'user.email', 'dana@example.com');
  git(dir, home, 'add', '-A');
  git(dir, home, 'commit', '-q', '-m', 'Initial commit');
  return dir;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Pre-seeds ~/.claude.json (onboarding done, this API key approved, the folder trusted) because
 * first-run onboarding otherwise tries to reach api.anthropic.com, and gives ~/.claude/settings.json
 * a permission allow list (root cannot use --dangerously-skip-permissions). Merges with what is there.
 */
export function setupClaudeHome(home: string, cwd: string, version: string): void {
  const stateFile = join(home, '.claude.json');
  const state = readJson(stateFile);
  const projects = (state.projects ?? {}) as Record<string, Record<string, unknown>>;
  projects[cwd] = { ...projects[cwd], hasTrustDialogAccepted: true, hasCompletedProjectOnboarding: true };
  writeFileSync(
    stateFile,
    JSON.stringify(
      {
        ...state,
        hasCompletedOnboarding: true,
        lastOnboardingVersion: version,
        theme: 'dark',
        customApiKeyResponses: { approved: [CLAUDE_KEY.slice(-20)], rejected: [] },
        projects,
      },
      null,
      2,
    ),
  );
  const settingsFile = join(home, '.claude', 'settings.json');
  mkdirSync(dirname(settingsFile), { recursive: true });
  const settings = readJson(settingsFile);
  writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        ...settings,
        permissions: { defaultMode: 'acceptEdits', allow: ['Read', 'Write', 'Edit', 'Bash'] },
        env: {
          DISABLE_TELEMETRY: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          DISABLE_AUTOUPDATER: '1',
        },
      },
      null,
      2,
    ),
  );
}

/**
 * ~/.codex/config.toml: the mock as the model provider, analytics/feedback/update check off, the project
 * trusted. No `notify` and no hooks.json here: those are DevTime's (`devtime install`) to add.
 */
export function setupCodexHome(home: string, mockUrl: string, trusted: string[]): void {
  const codexHome = join(home, '.codex');
  mkdirSync(codexHome, { recursive: true });
  const projects = trusted
    .map((dir) => `[projects.${JSON.stringify(dir)}]\ntrust_level = "trusted"\n`)
    .join('\n');
  writeFileSync(
    join(codexHome, 'config.toml'),
    `model = "${CODEX_MODEL}"
model_provider = "mock"
approval_policy = "never"
sandbox_mode = "danger-full-access"
check_for_update_on_startup = false

[analytics]
enabled = false

[feedback]
enabled = false

# Plugins: without this Codex runs \`git ls-remote https://github.com/openai/plugins.git\` at startup.
[features]
plugins = false
remote_plugin = false

[model_providers.mock]
name = "Mock (127.0.0.1)"
base_url = "${mockUrl}/v1"
env_key = "MOCK_API_KEY"
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0

${projects}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Running the CLIs

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Runs a CLI with stdin closed and a hard timeout (its whole process group is killed on expiry). */
export async function runProcess(
  bin: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<RunResult> {
  const started = Date.now();
  const child = spawn(bin, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a timeout also ends the tools it started
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, options.timeoutMs);
  const closed = once(child, 'close');
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearTimeout(timer);
  // A hook's background process (DevTime's detached sync) may still hold the pipes: wait briefly only.
  await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
  child.stdout?.destroy();
  child.stderr?.destroy();
  return { code, signal, timedOut, stdout, stderr, durationMs: Date.now() - started };
}

/** A clean environment: nothing inherited from the caller (no real API keys, proxies or DEVTIME_*). */
function baseEnv(home: string): Record<string, string> {
  // node first on PATH: DevTime's hooks and the projects' commands use it.
  const path = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');
  return {
    PATH: path,
    HOME: home,
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    TZ: 'UTC',
    USER: 'dana',
    SHELL: '/bin/bash',
  };
}

/** Environment for `claude`: the mock as the API, every non-essential call switched off. */
export function claudeEnv(
  home: string,
  mockUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...baseEnv(home),
    ANTHROPIC_BASE_URL: mockUrl,
    ANTHROPIC_API_KEY: CLAUDE_KEY,
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_TELEMETRY: '1',
    DISABLE_AUTOUPDATER: '1',
    DISABLE_ERROR_REPORTING: '1',
    DISABLE_BUG_COMMAND: '1',
    ...extra,
  };
}

/** Environment for `codex`: the provider in config.toml points at the mock; this is its key. */
export function codexEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...baseEnv(home), CODEX_HOME: join(home, '.codex'), MOCK_API_KEY: CODEX_KEY, ...extra };
}

export interface AgentRun extends RunResult {
  agent: 'claude' | 'codex';
  sessionId: string | null;
  cwd: string;
}

export async function runClaude(
  bin: string,
  options: { home: string; cwd: string; mock: Mock; env?: Record<string, string>; timeoutMs?: number },
): Promise<AgentRun> {
  await postJson(`${options.mock.url}/__mock/label`, { label: 'e2e-claude', cwd: options.cwd });
  const result = await runProcess(
    bin,
    [
      '-p',
      CLAUDE_PROMPT,
      '--output-format',
      'json',
      '--permission-mode',
      'acceptEdits',
      '--allowedTools',
      'Write,Read',
    ],
    {
      cwd: options.cwd,
      env: claudeEnv(options.home, options.mock.url, options.env),
      timeoutMs: options.timeoutMs ?? 90_000,
    },
  );
  let sessionId: string | null = null;
  try {
    sessionId = (JSON.parse(result.stdout) as { session_id?: string }).session_id ?? null;
  } catch {
    // not JSON: the caller reports stdout/stderr
  }
  return { ...result, agent: 'claude', sessionId, cwd: options.cwd };
}

export async function runCodex(
  bin: string,
  options: {
    home: string;
    cwd: string;
    mock: Mock;
    env?: Record<string, string>;
    timeoutMs?: number;
    /** Codex skips user hooks until they are trusted; `notify` needs no trust. */
    bypassHookTrust?: boolean;
  },
): Promise<AgentRun> {
  await postJson(`${options.mock.url}/__mock/context`, { label: 'e2e-codex' });
  const flags = ['--dangerously-bypass-approvals-and-sandbox'];
  if (options.bypassHookTrust ?? true) flags.push('--dangerously-bypass-hook-trust');
  const result = await runProcess(bin, ['exec', ...flags, CODEX_PROMPT], {
    cwd: options.cwd,
    env: codexEnv(options.home, options.env),
    timeoutMs: options.timeoutMs ?? 90_000,
  });
  const sessionId = /session id: ([0-9a-f-]{36})/.exec(`${result.stdout}\n${result.stderr}`)?.[1] ?? null;
  return { ...result, agent: 'codex', sessionId, cwd: options.cwd };
}

// ---------------------------------------------------------------------------------------------
// Ground truth from the mocks' logs, in DevTime's disjoint token semantics

export interface ModelTotals {
  calls: number;
  /** Uncached input. */
  input_tokens: number;
  output_tokens: number;
  cache_write_tokens: number;
  cache_read_tokens: number;
  /** Informational subset of output_tokens. */
  reasoning_tokens: number;
}

export interface SessionUsage {
  agent: 'claude' | 'codex';
  sessionId: string;
  models: Record<string, ModelTotals>;
  /** Model calls the mock answered for this session that are not part of the conversation. */
  sideCalls: number;
}

const zero = (): ModelTotals => ({
  calls: 0,
  input_tokens: 0,
  output_tokens: 0,
  cache_write_tokens: 0,
  cache_read_tokens: 0,
  reasoning_tokens: 0,
});

function jsonl(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function add(
  sessions: Map<string, SessionUsage>,
  agent: SessionUsage['agent'],
  id: string,
  model: string,
  t: ModelTotals,
) {
  const session = sessionOf(sessions, agent, id);
  const sum = session.models[model] ?? zero();
  for (const key of Object.keys(t) as Array<keyof ModelTotals>) sum[key] += t[key];
  session.models[model] = sum;
}

function sessionOf(
  sessions: Map<string, SessionUsage>,
  agent: SessionUsage['agent'],
  id: string,
): SessionUsage {
  let session = sessions.get(id);
  if (!session) {
    session = { agent, sessionId: id, models: {}, sideCalls: 0 };
    sessions.set(id, session);
  }
  return session;
}

/**
 * Claude (Anthropic Messages): `input_tokens` already excludes the cache, so it maps 1:1.
 * Calls are grouped by the x-claude-code-session-id header the mock logged. Calls without tools
 * ("side" queries) are not written to the transcript and are counted apart.
 */
export function claudeUsage(mock: Mock): SessionUsage[] {
  const sessions = new Map<string, SessionUsage>();
  for (const row of jsonl(join(mock.logDir, 'usage.jsonl'))) {
    if (row.api !== 'anthropic-messages') continue;
    const id = String(row.session_hint ?? 'unknown');
    if (row.kind === 'side') {
      sessionOf(sessions, 'claude', id).sideCalls++;
      continue;
    }
    const u = row.usage as Record<string, number>;
    add(sessions, 'claude', id, String(row.model), {
      calls: 1,
      input_tokens: u.input_tokens ?? 0,
      output_tokens: u.output_tokens ?? 0,
      cache_write_tokens: u.cache_creation_input_tokens ?? 0,
      cache_read_tokens: u.cache_read_input_tokens ?? 0,
      reasoning_tokens: 0,
    });
  }
  return [...sessions.values()];
}

/**
 * Codex (OpenAI Responses): input includes cached input, so uncached = input − cached and
 * cache read = cached; there are no cache writes. Calls are grouped by the session id header
 * (the thread id). Title-generation calls run in a thread of their own and are counted apart.
 */
export function codexUsage(mock: Mock): SessionUsage[] {
  const sessions = new Map<string, SessionUsage>();
  for (const row of jsonl(join(mock.logDir, 'calls.jsonl'))) {
    if (row.api !== 'responses') continue;
    const id = String(row.session_key ?? 'unknown');
    if (row.purpose === 'title') {
      sessionOf(sessions, 'codex', id).sideCalls++;
      continue;
    }
    const u = row.usage as Record<string, number>;
    const cached = u.cached_tokens ?? 0;
    add(sessions, 'codex', id, String(row.model), {
      calls: 1,
      input_tokens: (u.input_tokens ?? 0) - cached,
      output_tokens: u.output_tokens ?? 0,
      cache_write_tokens: 0,
      cache_read_tokens: cached,
      reasoning_tokens: u.reasoning_tokens ?? 0,
    });
  }
  return [...sessions.values()];
}

/** Paths the mocks answered with an error (a CLI calling something the mock does not script). */
export function unexpectedRequests(mock: Mock): string[] {
  if (mock.kind === 'claude') {
    return jsonl(join(mock.logDir, 'requests.jsonl'))
      .filter((r) => !/^\/(v1\/messages|__mock\/)/.test(String(r.path)))
      .map((r) => `${r.method} ${r.path}`);
  }
  return jsonl(join(mock.logDir, 'requests.jsonl'))
    .filter((r) => r.url && !/^\/(v1\/responses|__mock\/)/.test(String(r.url)))
    .map((r) => `${r.method} ${r.url}`);
}

// ---------------------------------------------------------------------------------------------
// One full run (what the test does, minus DevTime), for trying it by hand

export interface AgentsRun {
  home: string;
  claude: { run: AgentRun; usage: SessionUsage[]; unexpected: string[] };
  codex: { run: AgentRun; usage: SessionUsage[]; unexpected: string[] };
}

export function cliVersion(bin: string, home: string): string {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', env: baseEnv(home), timeout: 20_000 });
  return (r.stdout || r.stderr).trim().split('\n').pop() ?? '';
}

export function createProjects(home: string): { claude: string; codex: string } {
  return {
    claude: createProject(home, 'notes-app', {
      'README.md': '# notes-app\n\nA tiny project for Claude Code.\n',
    }),
    codex: createProject(home, 'changelog-app', {
      'README.md': '# changelog-app\n\nA tiny project for Codex.\n',
      'AGENTS.md': '# Agent notes\n\n- Keep changes small.\n',
    }),
  };
}

/** Starts both mocks, creates the projects, runs one claude and one codex session. */
export async function runAgents(
  clis: AgentClis,
  home: string,
  options: {
    env?: Record<string, string>;
    beforeRun?: (mocks: { claude: Mock; codex: Mock }) => Promise<void>;
  } = {},
): Promise<AgentsRun> {
  const projects = createProjects(home);
  const claudeMock = await startMock('claude', join(home, 'mock-logs', 'claude'));
  const codexMock = await startMock('codex', join(home, 'mock-logs', 'codex'));
  try {
    setupClaudeHome(home, projects.claude, cliVersion(clis.claude, home).split(' ')[0] ?? '');
    setupCodexHome(home, codexMock.url, [projects.codex]);
    await options.beforeRun?.({ claude: claudeMock, codex: codexMock });
    const claudeRun = await runClaude(clis.claude, {
      home,
      cwd: projects.claude,
      mock: claudeMock,
      env: options.env,
    });
    const codexRun = await runCodex(clis.codex, {
      home,
      cwd: projects.codex,
      mock: codexMock,
      env: options.env,
    });
    return {
      home,
      claude: { run: claudeRun, usage: claudeUsage(claudeMock), unexpected: unexpectedRequests(claudeMock) },
      codex: { run: codexRun, usage: codexUsage(codexMock), unexpected: unexpectedRequests(codexMock) },
    };
  } finally {
    await claudeMock.stop();
    await codexMock.stop();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const clisIndex = argv.indexOf('--clis');
  const clis = agentClis(clisIndex >= 0 ? argv[clisIndex + 1] : undefined);
  const home = mkdtempSync(join(tmpdir(), 'devtime-agents-e2e-'));
  const started = Date.now();
  try {
    const result = await runAgents(clis, home);
    for (const agent of ['claude', 'codex'] as const) {
      const { run, usage, unexpected } = result[agent];
      console.log(
        `${agent}: exit ${run.code}${run.timedOut ? ' (TIMED OUT)' : ''} in ${run.durationMs} ms, session ${run.sessionId}`,
      );
      if (run.code !== 0)
        console.log(`  stdout: ${run.stdout.slice(-2000)}\n  stderr: ${run.stderr.slice(-2000)}`);
      console.log(`  usage: ${JSON.stringify(usage)}`);
      if (unexpected.length) console.log(`  other requests to the mock: ${unexpected.join(', ')}`);
    }
    const keep = argv.includes('--keep');
    console.log(`total ${Date.now() - started} ms; home ${home}${keep ? ' (kept)' : ' (removed)'}`);
  } finally {
    if (!argv.includes('--keep')) rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
