import {
  appendFileSync,
  chmodSync,
  cpSync,
  type Dirent,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, removeWhenSettled, runCli, startServer } from './run-cli.ts';

/**
 * The agent commands, black-box: the real `devtime` binary against a real server, on a temporary HOME
 * holding the recorded Claude Code history — plus a session planted with canary strings in every place
 * content can hide (prompt, reply, tool input, command, command output, file contents, hook event).
 * A recording proxy between the CLI and the server keeps every request body for the privacy check.
 */
const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures/agents');
const truth = JSON.parse(readFileSync(join(FIXTURES, 'claude/ground-truth.json'), 'utf8')) as {
  sessions: Array<{ session_id: string; models: Record<string, Record<string, number>> }>;
};

const codexTruth = JSON.parse(readFileSync(join(FIXTURES, 'codex/truth.json'), 'utf8')) as {
  sessions: Array<{
    session_id: string;
    tokens_by_purpose: Record<
      string,
      Record<string, { calls: number; input: number; cached_input: number; output: number }>
    >;
  }>;
};

const CANARIES = [
  'CANARY_PROMPT_7f3a',
  'CANARY_REPLY_7f3a',
  'CANARY_TOOL_ARG_7f3a',
  'CANARY_COMMAND_7f3a',
  'CANARY_OUTPUT_7f3a',
  'CANARY_FILE_CONTENT_7f3a',
  'CANARY_HOOK_PROMPT_7f3a',
  'CANARY_THINKING_7f3a',
  'CANARY_CODEX_TEXT_7f3a',
  'CANARY_CODEX_CMD_7f3a',
  'CANARY_CODEX_FILE_7f3a',
  'CANARY_CODEX_NOTIFY_7f3a',
];
const CODEX_SOURCE_SESSION = '01a1fe44-fc33-7e60-aa53-d2a52f584c49';
const CODEX_CANARY_SESSION = '01a1fe44-fc33-7e60-aa53-c0ffee000002';
const CANARY_SESSION = 'c0ffee00-0000-4000-8000-000000000001';

let root: string;
let home: string;
let server: RunningServer;
let proxy: Server;
let proxyUrl: string;
let env: Record<string, string>;
const requestBodies: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'devtime-agents-'));
  home = join(root, 'home');
  cpSync(join(FIXTURES, 'claude/home'), home, { recursive: true });
  cpSync(join(FIXTURES, 'codex/home/.codex'), join(home, '.codex'), { recursive: true });
  makeWritable(home);
  plantCanarySession(join(home, '.claude/projects/-home-dev-code-vault'));
  plantCodexCanarySession(join(home, '.codex/sessions/2026/11/21'));
  server = await startServer([], { HOME: join(root, 'server-home'), DEVTIME_DATA_DIR: join(root, 'server') });
  const key = /API key\s+(waka_\S+)/.exec(server.stdout())?.[1] ?? '';
  proxy = await recordingProxy(server.url, requestBodies);
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  env = {
    HOME: home,
    DEVTIME_DATA_DIR: join(root, 'client'),
    DEVTIME_CONFIG: join(root, 'client', 'config.toml'),
    DEVTIME_API_URL: proxyUrl,
    DEVTIME_API_KEY: key,
    DEVTIME_SYNC_DELAY_MS: '50',
    DEVTIME_SYNC_LINGER_MS: '300',
  };
}, 60_000);

afterAll(async () => {
  await server?.stop();
  proxy?.close();
  if (root) await removeWhenSettled(root);
});

async function devtime(args: string[], input?: string) {
  const result = await runCli(args, env, input);
  return result;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(new URL(path, server.url), {
    headers: { authorization: `Bearer ${env.DEVTIME_API_KEY}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface StoredSession {
  session_id: string;
  models: Array<{
    model: string;
    calls: number;
    input_tokens: number;
    output_tokens: number;
    cache_write_tokens: number;
    cache_read_tokens: number;
  }>;
}
async function storedSessions(): Promise<Map<string, StoredSession>> {
  const body = await api<{ sessions: StoredSession[] }>(
    '/api/agent/sessions?start=2026-01-01&end=2026-12-31&include=models',
  );
  return new Map(body.sessions.map((session) => [session.session_id, session]));
}

describe('devtime detect / install / uninstall', () => {
  it('detects Claude Code in the HOME and reports hooks not installed', async () => {
    const result = await devtime(['detect', '--json']);
    expect(result.code).toBe(0);
    const agents = JSON.parse(result.stdout).agents as Array<{ agent: string }>;
    expect(agents.find((a) => a.agent === 'claude')).toMatchObject({
      installed: true,
      hooks: 'not-installed',
    });
    expect(agents.find((a) => a.agent === 'codex')).toMatchObject({
      installed: true,
      hooks: 'not-installed',
    });
  });

  it('merges our hooks without touching the user’s, once however often it runs, and uninstalls only ours', async () => {
    const settingsPath = join(home, '.claude/settings.json');
    const original = JSON.parse(readFileSync(settingsPath, 'utf8'));
    const dryRun = await devtime(['install', '--dry-run']);
    expect(dryRun.stdout).toContain(' hook --agent claude');
    expect(readFileSync(settingsPath, 'utf8')).not.toContain('hook --agent claude');

    expect((await devtime(['install', '--target', 'claude'])).code).toBe(0);
    const installed = readFileSync(settingsPath, 'utf8');
    expect((await devtime(['install', '--target', 'claude'])).stdout).toContain('already installed');
    expect(readFileSync(settingsPath, 'utf8')).toBe(installed);
    const settings = JSON.parse(installed);
    for (const event of ['UserPromptSubmit', 'Stop', 'SubagentStop', 'PreCompact', 'SessionEnd']) {
      const ours = settings.hooks[event]
        .flatMap((group: { hooks: Array<{ command: string; async?: boolean }> }) => group.hooks)
        .filter((hook: { command: string }) => hook.command.includes(' hook --agent claude'));
      expect(ours).toHaveLength(1);
      expect(ours[0].async).toBe(true);
    }
    // The user's own logging hooks are all still there.
    expect(JSON.stringify(settings.hooks)).toContain('log-hook.mjs Stop');
    expect(settings.permissions).toEqual(original.permissions);
    expect(JSON.parse((await devtime(['detect', '--json'])).stdout).agents[0].hooks).toBe('installed');

    expect((await devtime(['uninstall', '--target', 'claude'])).code).toBe(0);
    expect(JSON.parse(readFileSync(settingsPath, 'utf8'))).toEqual(original);
  });

  it('installs Codex: notify chains the user’s program, hooks.json gains ours, and says hooks need trust', async () => {
    const configPath = join(home, '.codex/config.toml');
    const originalConfig = readFileSync(configPath, 'utf8');
    const originalHooks = readFileSync(join(home, '.codex/hooks.json'), 'utf8');
    const result = await devtime(['install']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/trust/i);
    const config = readFileSync(configPath, 'utf8');
    expect(config).toMatch(/notify = \[.*"hook", "--agent", "codex", "--chain", ".*codex-notify-logger\.sh/);
    expect(readFileSync(join(home, '.codex/hooks.json'), 'utf8')).toContain('hook --agent codex');
    expect((await devtime(['install'])).stdout).not.toMatch(/installed in/);
    const detect = JSON.parse((await devtime(['detect', '--json'])).stdout).agents as Array<{
      agent: string;
      hooks: string;
    }>;
    expect(detect.map((a) => a.hooks)).toEqual(['installed', 'installed']);
    expect((await devtime(['uninstall'])).code).toBe(0);
    expect(readFileSync(configPath, 'utf8')).toBe(originalConfig);
    expect(readFileSync(join(home, '.codex/hooks.json'), 'utf8')).toBe(originalHooks);
    expect((await devtime(['install'])).code).toBe(0);
  });
});

describe('devtime backfill', () => {
  it('plans exactly the billed tokens of the recorded sessions', async () => {
    const result = await devtime(['backfill', 'plan', '--source', 'claude', '--json']);
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout);
    const expected = new Map<
      string,
      { calls: number; input: number; output: number; cache_creation: number; cache_read: number }
    >();
    for (const session of truth.sessions) {
      for (const [model, usage] of Object.entries(session.models)) {
        const sum = expected.get(model) ?? {
          calls: 0,
          input: 0,
          output: 0,
          cache_creation: 0,
          cache_read: 0,
        };
        for (const field of Object.keys(sum) as Array<keyof typeof sum>) sum[field] += usage[field] ?? 0;
        expected.set(model, sum);
      }
    }
    // The planted canary session adds one call.
    const opus = expected.get('claude-opus-5-5');
    if (opus)
      Object.assign(opus, {
        calls: opus.calls + 1,
        input: opus.input + 3,
        output: opus.output + 11,
        cache_creation: opus.cache_creation + 5,
      });
    for (const [model, usage] of expected) {
      const planned = plan.models.find((m: { model: string }) => m.model === model);
      expect(planned).toMatchObject({
        calls: usage.calls,
        input_tokens: usage.input,
        output_tokens: usage.output,
        cache_write_tokens: usage.cache_creation,
        cache_read_tokens: usage.cache_read,
      });
    }
  });

  it('imports, and importing the same history again leaves the server unchanged', async () => {
    const first = await devtime(['backfill', 'import', '--source', 'all', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 9, updated: 0, rejected: 0, failed: 0 });
    const before = await api<unknown>('/api/stats?start=2026-03-01&end=2026-03-03');
    const again = await devtime(['backfill', 'import', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    expect(await api<unknown>('/api/stats?start=2026-03-01&end=2026-03-03')).toEqual(before);

    const stored = await storedSessions();
    for (const session of truth.sessions) {
      const models = Object.fromEntries(
        (stored.get(session.session_id)?.models ?? []).map((m) => [
          m.model,
          {
            calls: m.calls,
            input: m.input_tokens,
            output: m.output_tokens,
            cache_creation: m.cache_write_tokens,
            cache_read: m.cache_read_tokens,
          },
        ]),
      );
      expect(models).toEqual(session.models);
    }
    // Codex: OpenAI input includes cached input; stored input is the uncached part. The TUI's
    // title-generation call runs in a thread with no rollout and is not part of the session.
    for (const session of codexTruth.sessions) {
      if (session.session_id === CODEX_CANARY_SESSION) continue;
      const expected: Record<string, { calls: number; input: number; output: number; cache_read: number }> =
        {};
      for (const [purpose, byModel] of Object.entries(session.tokens_by_purpose)) {
        if (purpose.includes('title')) continue;
        for (const [model, usage] of Object.entries(byModel)) {
          const sum = expected[model] ?? { calls: 0, input: 0, output: 0, cache_read: 0 };
          sum.calls += usage.calls;
          sum.input += usage.input - usage.cached_input;
          sum.output += usage.output;
          sum.cache_read += usage.cached_input;
          expected[model] = sum;
        }
      }
      const models = Object.fromEntries(
        (stored.get(session.session_id)?.models ?? []).map((m) => [
          m.model,
          { calls: m.calls, input: m.input_tokens, output: m.output_tokens, cache_read: m.cache_read_tokens },
        ]),
      );
      expect(models).toEqual(expected);
    }
  });

  it('verify agrees with the server, and --since/--project narrow what is read', async () => {
    const verify = await devtime(['backfill', 'verify', '--json']);
    expect(verify.code, verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ local: 9, matching: 9, missing: [], different: [] });
    const narrowed = JSON.parse(
      (await devtime(['backfill', 'plan', '--project', 'greeter', '--json'])).stdout,
    );
    expect(narrowed.sessions).toBe(1);
    const none = JSON.parse(
      (await devtime(['backfill', 'plan', '--since', '2026-04-01', '--until', '2026-10-31', '--json']))
        .stdout,
    );
    expect(none.sessions).toBe(0);
  });

  it('gives a clear error for an unknown source or a bad date', async () => {
    const unknown = await devtime(['backfill', 'plan', '--source', 'vim']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/unknown agent "vim"; supported: claude/);
    const badDate = await devtime(['backfill', 'plan', '--since', 'yesterdayish']);
    expect(badDate.stderr).toMatch(/is not a date/);
  });
});

describe('devtime sync and the hook', () => {
  it('syncs nothing new after a backfill, then uploads exactly one appended turn after a hook fires', async () => {
    const first = await devtime(['sync', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ created: 0, updated: 0, rejected: [] });
    const quiet = JSON.parse((await devtime(['sync', '--json'])).stdout);
    expect(quiet).toMatchObject({ filesRead: 0, created: 0, updated: 0, unchanged: 0 });

    const session = truth.sessions[2];
    if (!session) throw new Error('fixture changed');
    const file = join(home, '.claude/projects/-home-dev-code-notes-api', `${session.session_id}.jsonl`);
    appendFileSync(file, newTurnLines(session.session_id, 'msg_appended_1', 40, 7));
    const before = (await storedSessions()).get(session.session_id)?.models[0];

    const hook = await devtime(
      ['hook', '--agent', 'claude'],
      JSON.stringify({
        session_id: session.session_id,
        transcript_path: file,
        hook_event_name: 'Stop',
        prompt: 'CANARY_HOOK_PROMPT_7f3a',
      }),
    );
    expect(hook).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const after = await waitFor(async () => {
      const model = (await storedSessions()).get(session.session_id)?.models[0];
      return model && model.calls === (before?.calls ?? 0) + 1 ? model : null;
    });
    expect(after.output_tokens).toBe((before?.output_tokens ?? 0) + 40);
    expect(after.input_tokens).toBe((before?.input_tokens ?? 0) + 7);
    const logPath = join(env.DEVTIME_DATA_DIR ?? '', 'agents/sync.log');
    const log = await waitFor(async () => {
      try {
        const text = readFileSync(logPath, 'utf8');
        return /1 updated/.test(text) ? text : null;
      } catch {
        return null;
      }
    });
    expect(log).not.toContain('error');
    // The hook named the transcript, so the background pass read that file alone, not the whole history.
    expect(log).toMatch(/read 1 file\(s\), [\d.]+ MB \(files hooks named\)/);
  });

  it('the hook never fails the agent: no server, no key, garbage on stdin', async () => {
    const offline = await runCli(
      ['hook', '--agent', 'claude'],
      { ...env, DEVTIME_API_URL: 'http://127.0.0.1:9', DEVTIME_API_KEY: '' },
      'not json at all',
    );
    expect(offline.code).toBe(0);
    const unknownAgent = await runCli(
      ['hook', '--agent', 'nope'],
      { ...env, HOME: join(root, 'nowhere') },
      '{}',
    );
    expect(unknownAgent.code).toBe(0);
  });

  it('the Codex notify hook (event as an argument) returns at once and keeps nothing of the event', async () => {
    const event = JSON.stringify({
      type: 'agent-turn-complete',
      'thread-id': CODEX_CANARY_SESSION,
      'last-assistant-message': 'CANARY_CODEX_NOTIFY_7f3a',
      'input-messages': ['CANARY_CODEX_NOTIFY_7f3a'],
    });
    const result = await devtime(['hook', '--agent', 'codex', event]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const hooksJson = await devtime(
      ['hook', '--agent', 'codex'],
      JSON.stringify({ hook_event_name: 'Stop', prompt: 'CANARY_CODEX_NOTIFY_7f3a' }),
    );
    expect(hooksJson.code).toBe(0);
  });

  it('runs the notify program the user had before, chained, with the same event', async () => {
    // The user's program is theirs: it gets the whole event (outside DevTime's own directories).
    const received = join(root, 'user-notify.out');
    const userNotify = JSON.stringify(['sh', '-c', 'printf %s "$1" > "$0"', received]);
    const event = JSON.stringify({ type: 'agent-turn-complete', 'thread-id': CODEX_CANARY_SESSION });
    const result = await devtime(['hook', '--agent', 'codex', '--chain', userNotify, event]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const got = await waitFor(async () => {
      try {
        return readFileSync(received, 'utf8') || null;
      } catch {
        return null;
      }
    });
    expect(got).toBe(event);
  });

  it('the hook dry run prints the exact payload and sends nothing', async () => {
    const sent = requestBodies.length;
    const result = await devtime(['hook', '--agent', 'claude', '--dry-run'], '{}');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('sessions');
    expect(requestBodies.length).toBe(sent);
  });
});

describe('privacy: canaries planted in the history never leave or get stored', () => {
  it('no canary in any request body, log line, stored row or local state', async () => {
    await waitFor(async () => ((await storedSessions()).has(CANARY_SESSION) ? true : null));
    const stored = (await storedSessions()).get(CANARY_SESSION);
    expect(stored?.models[0]?.output_tokens).toBe(11);
    // The Codex copy doubles every token count, so it is a session of its own, not a fork of its source.
    const codex = (await storedSessions()).get(CODEX_CANARY_SESSION)?.models[0];
    const source = codexTruth.sessions.find((s) => s.session_id === CODEX_SOURCE_SESSION)?.tokens_by_purpose
      .turn?.['gpt-5.5'];
    expect(codex?.output_tokens).toBe(2 * (source?.output ?? 0));
    expect(codex?.cache_read_tokens).toBe(2 * (source?.cached_input ?? 0));
    expect(requestBodies.length).toBeGreaterThan(0);
    const places: Array<[string, string]> = [
      ['request bodies', requestBodies.join('\n')],
      ['server stdout', server.stdout()],
      ...filesUnder(join(root, 'server')).map((path): [string, string] => [
        path,
        readFileSync(path, 'latin1'),
      ]),
      ...filesUnder(join(root, 'client')).map((path): [string, string] => [
        path,
        readFileSync(path, 'latin1'),
      ]),
    ];
    for (const [place, text] of places) {
      for (const canary of CANARIES) expect(text.includes(canary), `${canary} found in ${place}`).toBe(false);
    }
    // The canaries really are in the history the CLI read.
    const history = [
      ...filesUnder(join(home, '.claude/projects')),
      ...filesUnder(join(home, '.codex/sessions')),
    ]
      .map((p) => readFileSync(p, 'utf8'))
      .join('');
    for (const canary of CANARIES.filter((c) => !/HOOK|NOTIFY/.test(c)))
      expect(history.includes(canary), canary).toBe(true);
  });
});

function newTurnLines(sessionId: string, messageId: string, output: number, input: number): string {
  const base = {
    sessionId,
    cwd: '/home/dev/code/notes-api',
    version: '2.1.330',
    gitBranch: 'main',
    isSidechain: false,
  };
  const rows = [
    {
      ...base,
      type: 'user',
      uuid: `${messageId}-p`,
      timestamp: '2026-03-02T17:00:00.000Z',
      message: { role: 'user', content: 'One more thing.' },
    },
    {
      ...base,
      type: 'assistant',
      uuid: `${messageId}-a`,
      timestamp: '2026-03-02T17:00:03.000Z',
      requestId: `req_${messageId}`,
      message: {
        id: messageId,
        model: 'claude-opus-5-5',
        content: [{ type: 'text', text: 'Done.' }],
        usage: {
          input_tokens: input,
          output_tokens: output,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    },
  ];
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** A session whose every content-bearing field holds a canary. */
function plantCanarySession(dir: string): void {
  const base = {
    sessionId: CANARY_SESSION,
    cwd: '/home/dev/code/vault',
    version: '2.1.330',
    gitBranch: 'main',
    isSidechain: false,
  };
  const rows = [
    {
      ...base,
      type: 'user',
      uuid: 'cp1',
      timestamp: '2026-03-02T18:00:00.000Z',
      message: { role: 'user', content: 'Please CANARY_PROMPT_7f3a now' },
    },
    {
      ...base,
      type: 'assistant',
      uuid: 'ca1',
      timestamp: '2026-03-02T18:00:02.000Z',
      requestId: 'req_canary',
      message: {
        id: 'msg_canary',
        model: 'claude-opus-5-5',
        content: [
          { type: 'thinking', thinking: 'CANARY_THINKING_7f3a' },
          { type: 'text', text: 'Sure, CANARY_REPLY_7f3a' },
          {
            type: 'tool_use',
            id: 'toolu_c1',
            name: 'Bash',
            input: { command: 'echo CANARY_COMMAND_7f3a', description: 'CANARY_TOOL_ARG_7f3a' },
          },
          {
            type: 'tool_use',
            id: 'toolu_c2',
            name: 'Write',
            input: { file_path: '/home/dev/code/vault/notes.txt', content: 'CANARY_FILE_CONTENT_7f3a\n' },
          },
        ],
        usage: {
          input_tokens: 3,
          output_tokens: 11,
          cache_creation_input_tokens: 5,
          cache_read_input_tokens: 0,
        },
      },
    },
    {
      ...base,
      type: 'user',
      uuid: 'cr1',
      timestamp: '2026-03-02T18:00:03.000Z',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_c1', content: 'CANARY_OUTPUT_7f3a' }],
      },
      toolUseResult: { stdout: 'CANARY_OUTPUT_7f3a', stderr: '' },
    },
    {
      ...base,
      type: 'user',
      uuid: 'cr2',
      timestamp: '2026-03-02T18:00:04.000Z',
      message: {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_c2', content: 'File created' }],
      },
      toolUseResult: {
        type: 'create',
        filePath: '/home/dev/code/vault/notes.txt',
        content: 'CANARY_FILE_CONTENT_7f3a\n',
        structuredPatch: [],
      },
    },
  ];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${CANARY_SESSION}.jsonl`), rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
}

/**
 * A copy of a recorded Codex rollout under a new thread id, with a canary in every content field (prompt
 * and reply text, reasoning, command, command output, patch) and every token count doubled.
 */
function plantCodexCanarySession(dir: string): void {
  const source = readFileSync(
    join(
      FIXTURES,
      'codex/home/.codex/sessions/2026/11/21',
      `rollout-2026-11-21T13-21-36-${CODEX_SOURCE_SESSION}.jsonl`,
    ),
    'utf8',
  );
  const TOKEN_KEYS = new Set([
    'input_tokens',
    'cached_input_tokens',
    'output_tokens',
    'reasoning_output_tokens',
    'total_tokens',
  ]);
  const plant = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((item) => plant(item, key));
      return key === 'command' ? [...items, 'echo CANARY_CODEX_CMD_7f3a'] : items;
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plant(v, k)]));
    }
    if (typeof value === 'number' && TOKEN_KEYS.has(key)) return value * 2;
    if (typeof value !== 'string') return value;
    if (key === 'arguments') return value.replace('"cmd":"', '"cmd":"echo CANARY_CODEX_CMD_7f3a; ');
    if (key === 'input' && value.startsWith('*** Begin Patch'))
      return value.replace('\n+', '\n+CANARY_CODEX_FILE_7f3a\n+');
    if (
      ['text', 'output', 'aggregated_output', 'last_agent_message', 'message', 'unified_diff'].includes(key)
    ) {
      return `${value} CANARY_CODEX_TEXT_7f3a`;
    }
    return value;
  };
  const lines = source
    .replaceAll(CODEX_SOURCE_SESSION, CODEX_CANARY_SESSION)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.stringify(plant(JSON.parse(line), '')));
  writeFileSync(
    join(dir, `rollout-2026-11-21T13-30-00-${CODEX_CANARY_SESSION}.jsonl`),
    `${lines.join('\n')}\n`,
  );
}

function makeWritable(dir: string): void {
  for (const path of filesUnder(dir, true)) {
    try {
      chmodSync(path, statSync(path).mode | 0o200);
    } catch {
      // best effort
    }
  }
}

function filesUnder(dir: string, includeDirs = false): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    if (includeDirs) out.push(current);
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk(dir);
  return out;
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Forwards to the real server and keeps every request body. */
function recordingProxy(target: string, bodies: string[]): Promise<Server> {
  const upstream = new URL(target);
  const proxyServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      bodies.push(body.toString('utf8'));
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  return new Promise((resolve) => proxyServer.listen(0, '127.0.0.1', () => resolve(proxyServer)));
}
