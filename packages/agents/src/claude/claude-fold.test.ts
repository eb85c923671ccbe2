import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentSessionRollupInput, agentSessionRollupSchema } from '@devtime/protocol';
import { describe, expect, it } from 'vitest';
import type { AgentContext, HistoryFold, SourceFile } from '../adapter.ts';
import { feedFile } from '../engine/feed-file.ts';
import { createMemoryDedupe } from '../engine/memory-dedupe.ts';
import { claudeAdapter } from './claude-adapter.ts';
import { countLines, createClaudeFold } from './claude-fold.ts';

const FIXTURE = join(import.meta.dirname, '../../../../../shared/fixtures/agents/claude');
const ctx: AgentContext = { homeDir: join(FIXTURE, 'home'), env: {} };

interface TruthSession {
  session_id: string;
  user_prompts: number;
  api_calls: number;
  models: Record<
    string,
    { calls: number; input: number; output: number; cache_creation: number; cache_read: number }
  >;
  tools: Record<string, number>;
  subagent_tools: Record<string, number>;
  files: Record<string, { added: number; removed: number }>;
  first_ts: string;
  last_ts: string;
}
const truth = JSON.parse(readFileSync(join(FIXTURE, 'ground-truth.json'), 'utf8')) as {
  sessions: TruthSession[];
};

async function foldFixtures(fold: HistoryFold = createClaudeFold({ dedupe: createMemoryDedupe() })) {
  for (const file of await claudeAdapter.listSources(ctx)) feedFile(fold, file);
  return fold;
}

const fixtureFold = await foldFixtures();

describe('Claude Code transcripts: the recorded sessions against what the model server billed', () => {
  it('finds the three sessions, main and subagent transcripts', async () => {
    const sources = await claudeAdapter.listSources(ctx);
    expect(sources.map((file) => file.path.split('/').pop()).sort()).toEqual([
      '4c6ee70d-2515-44c1-994d-bcfed69c3284.jsonl',
      '4f331300-54fd-46a3-8226-a184a4ae7eef.jsonl',
      'agent-a501725b94c3c8b0e.jsonl',
      'fcf31b6c-2510-4ec9-9775-7156561fc736.jsonl',
    ]);
  });

  for (const expected of truth.sessions) {
    describe(`session ${expected.session_id}`, () => {
      const fold = fixtureFold;
      const rollup = fold.rollup(expected.session_id) as AgentSessionRollupInput;

      it('is a valid rollup', () => {
        expect(() => agentSessionRollupSchema.parse(rollup)).not.toThrow();
      });

      it('has exactly the billed tokens per model: input, output, cache write, cache read and calls', () => {
        const byModel = Object.fromEntries(
          rollup.models.map((usage) => [
            usage.model,
            {
              calls: usage.calls,
              input: usage.input_tokens,
              output: usage.output_tokens,
              cache_creation: usage.cache_write_tokens,
              cache_read: usage.cache_read_tokens,
            },
          ]),
        );
        expect(byModel).toEqual(expected.models);
        expect(rollup.models.reduce((sum, usage) => sum + usage.calls, 0)).toBe(expected.api_calls);
      });

      it('counts the typed prompts, not slash commands, meta rows or the compact summary', () => {
        expect(rollup.turns.filter((turn) => turn.prompt_chars != null)).toHaveLength(expected.user_prompts);
      });

      it('counts tool calls by name across the main and subagent transcripts', () => {
        const merged: Record<string, number> = { ...expected.tools };
        for (const [name, calls] of Object.entries(expected.subagent_tools))
          merged[name] = (merged[name] ?? 0) + calls;
        expect(Object.fromEntries((rollup.tools ?? []).map((tool) => [tool.name, tool.calls]))).toEqual(
          merged,
        );
      });

      it('has the written files with lines added and removed', () => {
        const written = (rollup.files ?? []).filter((file) => (file.writes ?? 0) > 0);
        expect(
          Object.fromEntries(
            written.map((file) => [file.path, { added: file.lines_added, removed: file.lines_removed }]),
          ),
        ).toEqual(
          Object.fromEntries(
            Object.entries(expected.files).map(([path, file]) => [
              path,
              { added: file.added, removed: file.removed },
            ]),
          ),
        );
      });

      it('spans the first to the last timestamp of its transcripts', () => {
        expect(rollup.started_at).toBe(Date.parse(expected.first_ts));
        expect(rollup.ended_at).toBe(Date.parse(expected.last_ts));
      });
    });
  }

  it("ends each turn at its last reply, not at the next run's queue bookkeeping", () => {
    const turns = fixtureFold.rollup('4c6ee70d-2515-44c1-994d-bcfed69c3284')?.turns ?? [];
    expect(
      turns.map((t) => [
        new Date(t.started_at).toISOString(),
        new Date(t.ended_at).toISOString(),
        t.prompt_chars,
      ]),
    ).toEqual([
      ['2026-03-02T09:14:00.810Z', '2026-03-02T09:14:03.316Z', 110],
      ['2026-03-02T09:31:21.210Z', '2026-03-02T09:31:22.575Z', 45],
      ['2026-03-02T09:40:06.394Z', '2026-03-02T09:40:07.161Z', null],
    ]);
  });

  it('reads every recorded row the same through the byte walks as through a full parse', async () => {
    // Spaced-out JSON defeats the walks, so each line takes the parse path: both must agree exactly.
    const parsedFold = createClaudeFold({ dedupe: createMemoryDedupe() });
    for (const file of await claudeAdapter.listSources(ctx)) {
      const spaced = readFileSync(file.path, 'utf8')
        .split('\n')
        .map((line) => {
          try {
            return JSON.stringify(JSON.parse(line), null, 1).replaceAll('\n', ' ');
          } catch {
            return line;
          }
        })
        .join('\n');
      const bytes = Buffer.from(spaced);
      let start = 0;
      for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10, start)) {
        if (newline > start) parsedFold.feedLine(bytes, start, newline, { file, offset: start });
        start = newline + 1;
      }
    }
    const sessionIds = truth.sessions.map((session) => session.session_id);
    expect(sessionIds.length).toBeGreaterThan(0);
    for (const sessionId of sessionIds) {
      expect(parsedFold.rollup(sessionId), sessionId).toEqual(fixtureFold.rollup(sessionId));
    }
  });

  it('counts nothing twice when the same history is fed twice into one run', async () => {
    const fold = createClaudeFold({ dedupe: createMemoryDedupe() });
    await foldFixtures(fold);
    const once = truth.sessions.map((session) => fold.rollup(session.session_id));
    await foldFixtures(fold);
    expect(truth.sessions.map((session) => fold.rollup(session.session_id))).toEqual(once);
  });

  it('continues from a watermark with persisted state exactly as one full pass (incremental sync)', async () => {
    const sources = await claudeAdapter.listSources(ctx);
    const full = await foldFixtures();
    const saved = new Map<string, unknown>();
    const dedupe = createMemoryDedupe();
    const first = createClaudeFold({ dedupe });
    const halfway = new Map<string, number>();
    for (const file of sources) {
      const text = readFileSync(file.path);
      const cut = text.indexOf(0x0a, Math.floor(text.length / 2)) + 1;
      halfway.set(file.path, cut);
      feedPrefix(first, file, text.subarray(0, cut));
    }
    for (const key of first.takeTouched()) saved.set(key, JSON.parse(JSON.stringify(first.exportState(key))));
    const second = createClaudeFold({ dedupe, states: { load: (key) => saved.get(key) } });
    for (const file of sources) feedFile(second, file, halfway.get(file.path));
    for (const session of truth.sessions) {
      expect(second.rollup(session.session_id)).toEqual(full.rollup(session.session_id));
    }
  });
});

describe('Claude Code traps (docs/agents.md), one test each', () => {
  const base = { sessionId: 's1', cwd: '/home/u/p', version: '2.1.0', gitBranch: 'main' };
  const prompt = (uuid: string, at: string, text: string) => ({
    ...base,
    type: 'user',
    uuid,
    timestamp: at,
    message: { role: 'user', content: text },
  });
  const reply = (
    at: string,
    id: string,
    requestId: string | undefined,
    output: number,
    extra: object = {},
  ) => ({
    ...base,
    type: 'assistant',
    uuid: `u-${at}`,
    timestamp: at,
    requestId,
    message: {
      id,
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'hi' }],
      usage: {
        input_tokens: 10,
        output_tokens: output,
        cache_creation_input_tokens: 100,
        cache_read_input_tokens: 1000,
      },
    },
    ...extra,
  });

  function fold(rows: Array<object | string>, dedupe = createMemoryDedupe()) {
    const f = createClaudeFold({ dedupe });
    const file: SourceFile = { agent: 'claude', path: '/x/s1.jsonl', sizeBytes: 0, mtimeMs: 0 };
    for (const row of rows) {
      const line = Buffer.from(typeof row === 'string' ? row : JSON.stringify(row));
      f.feedLine(line, 0, line.length, { file, offset: 0 });
    }
    return f;
  }
  const tokens = (f: HistoryFold) => f.rollup('s1')?.models.map((m) => [m.model, m.calls, m.output_tokens]);

  it('streamed rows of one response: keeps the largest output, not the first or the sum', () => {
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 3),
      reply('2026-01-01T10:00:02Z', 'msg_1', 'req_1', 120),
      reply('2026-01-01T10:00:03Z', 'msg_1', 'req_1', 40),
    ]);
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 120]]);
  });

  it('tool_use blocks are collected from every row of a response, once per id', () => {
    const withTool = (at: string, output: number) =>
      reply(at, 'msg_1', 'req_1', output, {}) as { message: { content: object[] } };
    const a = withTool('2026-01-01T10:00:01Z', 5);
    a.message.content = [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }];
    const b = withTool('2026-01-01T10:00:02Z', 9);
    b.message.content = [
      { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } },
      { type: 'tool_use', id: 'toolu_2', name: 'Read', input: { file_path: '/home/u/p/a.ts' } },
    ];
    const f = fold([prompt('p1', '2026-01-01T10:00:00Z', 'go'), a, b]);
    expect(f.rollup('s1')?.tools?.map((t) => [t.name, t.calls])).toEqual([
      ['Bash', 1],
      ['Read', 1],
    ]);
  });

  it('without a requestId, rows are keyed on message.id', () => {
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', undefined, 3),
      reply('2026-01-01T10:00:02Z', 'msg_1', undefined, 7),
    ]);
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 7]]);
  });

  it('a sidechain replay (same message.id, new requestId) is dropped in favour of the parent', () => {
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50),
      reply('2026-01-01T10:00:05Z', 'msg_1', 'req_9', 50, { isSidechain: true }),
    ]);
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 50]]);
  });

  it('a resumed session copying rows into a newer file counts them once, for the original session', () => {
    const dedupe = createMemoryDedupe();
    const original = [
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50),
    ];
    const f = fold(original, dedupe);
    const copy = original.map((row) => ({ ...row, sessionId: 's2' }));
    const file: SourceFile = { agent: 'claude', path: '/x/s2.jsonl', sizeBytes: 0, mtimeMs: 1 };
    for (const row of [...copy, { ...reply('2026-01-02T10:00:01Z', 'msg_2', 'req_2', 8), sessionId: 's2' }]) {
      const line = Buffer.from(JSON.stringify(row));
      f.feedLine(line, 0, line.length, { file, offset: 0 });
    }
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 50]]);
    expect(f.rollup('s2')?.models.map((m) => [m.calls, m.output_tokens])).toEqual([[1, 8]]);
    expect(f.rollup('s2')?.turns.filter((t) => t.prompt_chars != null)).toHaveLength(0);
  });

  it('subagent usage is counted from its transcript, never again from the Task result totals', () => {
    const taskResult = {
      ...base,
      type: 'user',
      uuid: 'tr',
      timestamp: '2026-01-01T10:00:09Z',
      message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_t', content: 'done' }] },
      toolUseResult: { totalTokens: 99999, usage: { input_tokens: 5000, output_tokens: 5000 } },
    };
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50),
      { ...reply('2026-01-01T10:00:03Z', 'msg_s', 'req_s', 30), isSidechain: true, agentId: 'a1' },
      taskResult,
    ]);
    expect(f.rollup('s1')?.models.map((m) => [m.calls, m.output_tokens])).toEqual([[2, 80]]);
  });

  it('skips malformed lines without failing the file, and keeps their neighbours', () => {
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      '{"type":"assistant","sessionId":"s1", this is not json',
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50),
    ]);
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 50]]);
    expect(f.skippedLines).toBe(1);
  });

  it('a line that is valid JSON but not compact is read, not skipped (ccusage drops these)', () => {
    const spaced = (row: object) => JSON.stringify(row, null, 1).replaceAll('\n', '');
    const f = fold([
      spaced(prompt('p1', '2026-01-01T10:00:00Z', 'go')),
      spaced(reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50)),
    ]);
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 50]]);
    expect(f.rollup('s1')?.turns.map((t) => t.prompt_chars)).toEqual([2]);
  });

  it('the <synthetic> model is local and not billed', () => {
    const synthetic = reply('2026-01-01T10:00:01Z', 'msg_x', 'req_x', 0) as { message: { model: string } };
    synthetic.message.model = '<synthetic>';
    const f = fold([prompt('p1', '2026-01-01T10:00:00Z', 'go'), synthetic]);
    expect(f.rollup('s1')?.models).toEqual([]);
  });

  it('the /compact summarisation call (no assistant row) comes from cost-state, once', () => {
    const costState = (output: number) => ({
      type: 'cost-state',
      sessionId: 's1',
      modelUsage: {
        'claude-sonnet-4-5': {
          inputTokens: 10 + 3,
          outputTokens: output,
          cacheCreationInputTokens: 150,
          cacheReadInputTokens: 1000,
        },
      },
    });
    const compact = {
      ...base,
      type: 'system',
      subtype: 'compact_boundary',
      timestamp: '2026-01-01T11:00:00Z',
    };
    const command = prompt('p2', '2026-01-01T10:59:59Z', '<command-name>/compact</command-name>');
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50),
      costState(50),
      command,
      compact,
      costState(250),
    ]);
    const rollup = f.rollup('s1');
    expect(
      rollup?.models.map((m) => [m.calls, m.input_tokens, m.output_tokens, m.cache_write_tokens]),
    ).toEqual([[2, 13, 250, 150]]);
    expect(rollup?.turns.map((t) => [t.prompt_chars, t.models?.[0]?.output_tokens])).toEqual([
      [2, 50],
      [null, 200],
    ]);
  });

  it('a session without compaction ignores cost-state totals it cannot explain', () => {
    const f = fold([
      prompt('p1', '2026-01-01T10:00:00Z', 'go'),
      reply('2026-01-01T10:00:01Z', 'msg_1', 'req_1', 50),
      {
        type: 'cost-state',
        sessionId: 's1',
        modelUsage: { 'claude-sonnet-4-5': { inputTokens: 900, outputTokens: 900 } },
      },
    ]);
    expect(tokens(f)).toEqual([['claude-sonnet-4-5', 1, 50]]);
  });

  it('a session spanning days keeps each turn on its own day', () => {
    const f = fold([
      prompt('p1', '2026-01-01T23:50:00Z', 'late'),
      reply('2026-01-01T23:55:00Z', 'msg_1', 'req_1', 5),
      prompt('p2', '2026-01-02T09:00:00Z', 'morning'),
      reply('2026-01-02T09:01:00Z', 'msg_2', 'req_2', 7),
    ]);
    const turns = f.rollup('s1')?.turns ?? [];
    expect(
      turns.map((t) => [new Date(t.started_at).toISOString(), new Date(t.ended_at).toISOString()]),
    ).toEqual([
      ['2026-01-01T23:50:00.000Z', '2026-01-01T23:55:00.000Z'],
      ['2026-01-02T09:00:00.000Z', '2026-01-02T09:01:00.000Z'],
    ]);
    expect(turns.map((t) => t.models?.[0]?.output_tokens)).toEqual([5, 7]);
  });

  it('counts lines of a new file without the empty string after its trailing newline', () => {
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('')).toBe(0);
  });
});

function feedPrefix(fold: HistoryFold, file: SourceFile, prefix: Buffer): void {
  let start = 0;
  for (let newline = prefix.indexOf(0x0a); newline !== -1; newline = prefix.indexOf(0x0a, start)) {
    if (newline > start) fold.feedLine(prefix, start, newline, { file, offset: start });
    start = newline + 1;
  }
}
