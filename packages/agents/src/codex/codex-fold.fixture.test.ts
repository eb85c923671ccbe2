import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentSessionRollupInput, agentSessionRollupSchema } from '@devtime/protocol';
import { describe, expect, it } from 'vitest';
import type { HistoryFold } from '../adapter.ts';
import { feedFile } from '../engine/feed-file.ts';
import { createMemoryDedupe } from '../engine/memory-dedupe.ts';
import { codexAdapter } from './codex-adapter.ts';
import { createCodexFold } from './codex-fold.ts';
import { CODEX_FIXTURE, feedBytes, fixtureCtx, lineStarts } from './codex-test-support.ts';

interface TruthUsage {
  calls: number;
  input: number;
  cached_input: number;
  output: number;
  reasoning: number;
}
interface TruthSession {
  session_id: string;
  first_request_at: string;
  last_response_at: string;
  user_prompts: number;
  prompts: Array<{ prompt: string }>;
  tokens_by_purpose: Record<string, Record<string, TruthUsage>>;
  tools: Record<string, number>;
  tool_calls: Array<{ name: string; summary: string }>;
  files: Array<{ path: string; added: number; removed: number }>;
  lines_added: number;
  lines_removed: number;
}
const truth = JSON.parse(readFileSync(join(CODEX_FIXTURE, 'truth.json'), 'utf8')) as {
  sessions: TruthSession[];
};
const sources = await codexAdapter.listSources(fixtureCtx);

function foldAll(fold: HistoryFold = codexAdapter.createFold({ dedupe: createMemoryDedupe() })): HistoryFold {
  for (const file of sources) feedFile(fold, file);
  return fold;
}

const fold = foldAll();
const rollups = new Map(
  truth.sessions.map((s) => [s.session_id, fold.rollup(s.session_id) as AgentSessionRollupInput]),
);

/** The thread's own model calls: turns and compactions; the TUI's title call has no rollout and is not expected. */
function conversationUsage(session: TruthSession): Record<string, TruthUsage> {
  const byModel: Record<string, TruthUsage> = {};
  for (const [purpose, models] of Object.entries(session.tokens_by_purpose)) {
    if (purpose === 'title') continue;
    for (const [model, usage] of Object.entries(models)) {
      const sum = byModel[model] ?? { calls: 0, input: 0, cached_input: 0, output: 0, reasoning: 0 };
      for (const key of ['calls', 'input', 'cached_input', 'output', 'reasoning'] as const)
        sum[key] += usage[key];
      byModel[model] = sum;
    }
  }
  return byModel;
}

describe('Codex rollouts: the recorded sessions against what the model server billed', () => {
  it('finds the four rollout files and folds them into the four threads', () => {
    expect(sources).toHaveLength(4);
    expect(fold.takeTouched().sort()).toEqual(truth.sessions.map((s) => s.session_id).sort());
    expect(fold.skippedLines).toBe(0);
  });

  for (const expected of truth.sessions) {
    describe(`thread ${expected.session_id}`, () => {
      const rollup = rollups.get(expected.session_id)!;

      it('is a valid rollup', () => {
        expect(() => agentSessionRollupSchema.parse(rollup)).not.toThrow();
        expect(rollup.agent).toBe('codex');
        expect(rollup.session_id).toBe(expected.session_id);
      });

      it('has exactly the billed tokens per model, as disjoint counts', () => {
        const byModel = Object.fromEntries(
          Object.entries(conversationUsage(expected)).map(([model, u]) => [
            model,
            {
              calls: u.calls,
              input_tokens: u.input - u.cached_input,
              cache_read_tokens: u.cached_input,
              cache_write_tokens: 0,
              output_tokens: u.output,
              reasoning_tokens: u.reasoning,
            },
          ]),
        );
        const actual = Object.fromEntries(
          rollup.models.map((m) => [
            m.model,
            {
              calls: m.calls,
              input_tokens: m.input_tokens,
              cache_read_tokens: m.cache_read_tokens,
              cache_write_tokens: m.cache_write_tokens,
              output_tokens: m.output_tokens,
              reasoning_tokens: m.reasoning_tokens,
            },
          ]),
        );
        expect(actual).toEqual(byModel);
        expect(rollup.models.every((m) => m.provider === 'mock')).toBe(true);
      });

      it('has one turn per prompt, with the prompt length', () => {
        const prompted = rollup.turns.filter((turn) => turn.prompt_chars !== null);
        expect(prompted).toHaveLength(expected.user_prompts);
        expect(prompted.map((turn) => turn.prompt_chars)).toEqual(
          expected.prompts.map((p) => p.prompt.length),
        );
      });

      it('counts tool calls by name', () => {
        expect(Object.fromEntries((rollup.tools ?? []).map((t) => [t.name, t.calls]))).toEqual(
          expected.tools,
        );
        expect((rollup.tools ?? []).every((t) => t.failures === 0)).toBe(true);
      });

      it('counts changed files and lines', () => {
        const files = Object.fromEntries(
          (rollup.files ?? []).map((f) => [f.path, { added: f.lines_added, removed: f.lines_removed }]),
        );
        expect(files).toEqual(
          Object.fromEntries(expected.files.map((f) => [f.path, { added: f.added, removed: f.removed }])),
        );
        const sum = (key: 'lines_added' | 'lines_removed') =>
          (rollup.files ?? []).reduce((total, file) => total + (file[key] ?? 0), 0);
        expect([sum('lines_added'), sum('lines_removed')]).toEqual([
          expected.lines_added,
          expected.lines_removed,
        ]);
      });

      it('starts just before the first model request and ends just after the last response', () => {
        const first = Date.parse(expected.first_request_at);
        const last = Date.parse(expected.last_response_at);
        expect(rollup.started_at).toBeLessThanOrEqual(first);
        expect(first - rollup.started_at).toBeLessThan(1000);
        expect(rollup.ended_at).toBeGreaterThanOrEqual(last);
        expect(rollup.ended_at - last).toBeLessThan(1000);
      });
    });
  }

  it('knows the project, branch and version but not the working directory itself', () => {
    const rollup = rollups.get('01a1fe44-da95-7c60-be31-e42f6d7a8525')!;
    expect(rollup).toMatchObject({ project: 'todo-api', branch: 'feature/x', agent_version: '0.169.0' });
    expect(rollup.cwd_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify([...rollups.values()])).not.toContain('/home/dev');
  });

  it('takes command durations from the recorded executions', () => {
    const tools = rollups.get('01a1fe44-fc33-7e60-aa53-d2a52f584c49')!.tools ?? [];
    // `npm test` ran 0.368 s ("Wall time: 0.3682 seconds"); the `cat`s took microseconds.
    expect(tools.find((t) => t.name === 'exec_command')?.duration_ms).toBe(368);
  });

  it('puts no prompt text, command or file content in any rollup (canary)', () => {
    const canaries = new Set<string>(['slugify', 'formatDuration', 'formatBytes', 'docstring']);
    for (const session of truth.sessions) {
      for (const { prompt } of session.prompts) canaries.add(prompt);
      for (const call of session.tool_calls) if (call.name === 'exec_command') canaries.add(call.summary);
    }
    // Every command Codex ran, straight from the rollouts.
    for (const file of sources) {
      for (const line of readFileSync(file.path, 'utf8').split('\n')) {
        const cmd = /"cmd\\":\\"([^"\\]+)/.exec(line)?.[1];
        if (cmd) canaries.add(cmd);
      }
    }
    expect(canaries.size).toBeGreaterThan(15);
    const serialized = JSON.stringify([...rollups.values()]);
    for (const canary of canaries) expect(serialized, canary).not.toContain(canary);
  });

  it('counts a file fed twice through the same dedupe index once', () => {
    const again = foldAll(foldAll());
    for (const [id, rollup] of rollups) expect(again.rollup(id)).toEqual(rollup);
    // A second backfill with the index of the first: the same sessions own the same keys.
    const dedupe = createMemoryDedupe();
    foldAll(createCodexFold({ dedupe }));
    const rerun = foldAll(createCodexFold({ dedupe }));
    for (const [id, rollup] of rollups) expect(rerun.rollup(id)).toEqual(rollup);
  });

  it('gives the same rollup when a file is fed in two parts with the state persisted between', () => {
    for (const file of sources) {
      const bytes = readFileSync(file.path);
      const id = file.path.match(/([0-9a-f-]{36})\.jsonl$/)![1]!;
      const whole = codexAdapter.createFold({ dedupe: createMemoryDedupe() });
      feedBytes(whole, bytes, file);
      const expected = whole.rollup(id);
      // Every line boundary as the split point: a sync may stop anywhere.
      for (const split of lineStarts(bytes).slice(1)) {
        const dedupe = createMemoryDedupe();
        const first = createCodexFold({ dedupe });
        feedBytes(first, bytes, file, 0, split);
        const stored = JSON.parse(JSON.stringify(first.exportState(id)));
        const second = createCodexFold({
          dedupe,
          states: { load: (key) => (key === id ? stored : undefined) },
        });
        feedBytes(second, bytes, file, split);
        expect(second.takeTouched()).toEqual([id]);
        expect(second.rollup(id), `${file.path} split at byte ${split}`).toEqual(expected);
      }
    }
  });

  it('builds a rollup from stored state alone (a sync that stopped before uploading)', () => {
    const id = '01a1fe44-fc33-7e60-aa53-d2a52f584c49';
    const stored = JSON.parse(JSON.stringify(fold.exportState(id)));
    const resumed = createCodexFold({ dedupe: createMemoryDedupe(), states: { load: () => stored } });
    expect(resumed.rollup(id)).toEqual(rollups.get(id));
    expect(createCodexFold({ dedupe: createMemoryDedupe() }).rollup(id)).toBeNull();
  });
});
