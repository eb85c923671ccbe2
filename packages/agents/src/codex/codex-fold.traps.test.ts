import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AgentSessionRollupInput, agentSessionRollupSchema } from '@devtime/protocol';
import { describe, expect, it } from 'vitest';
import type { DedupeIndex, HistoryFold } from '../adapter.ts';
import { createMemoryDedupe } from '../engine/memory-dedupe.ts';
import { createCodexFold } from './codex-fold.ts';
import {
  event,
  item,
  meta,
  session,
  taskComplete,
  taskStarted,
  tokenCount,
  turnContext,
  userItem,
  userMessage,
} from './codex-test-records.ts';
import { CODEX_FIXTURE, feedBytes, jsonl, sourceOf } from './codex-test-support.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

function rolloutPath(id: string, dir = 'sessions/2026/03/01'): string {
  return `/home/u/.codex/${dir}/rollout-2026-03-01T10-00-00-${id}.jsonl`;
}

function feed(
  records: unknown[],
  options: { id?: string; path?: string; fold?: HistoryFold; dedupe?: DedupeIndex } = {},
) {
  const fold = options.fold ?? createCodexFold({ dedupe: options.dedupe ?? createMemoryDedupe() });
  feedBytes(fold, jsonl(records), sourceOf(options.path ?? rolloutPath(options.id ?? A)));
  return fold;
}

function rollupOf(fold: HistoryFold, id = A): AgentSessionRollupInput {
  const rollup = fold.rollup(id);
  expect(rollup).not.toBeNull();
  expect(() => agentSessionRollupSchema.parse(rollup)).not.toThrow();
  return rollup!;
}

/** [calls, uncached input, cache read, output, reasoning] of one model. */
function usage(fold: HistoryFold, id = A, model = 'gpt-5.5'): number[] {
  const m = rollupOf(fold, id).models.find((entry) => entry.model === model);
  return m ? [m.calls, m.input_tokens, m.cache_read_tokens, m.output_tokens, m.reasoning_tokens ?? 0] : [];
}

describe('Codex token_count traps', () => {
  it('prefers last_token_usage, and converts to disjoint counts (cached out of input)', () => {
    // The totals disagree with last on purpose: last is the call itself and wins.
    const fold = feed(
      session(
        A,
        tokenCount(
          3,
          { input: 1000, cached: 200, output: 50, reasoning: 20 },
          { input: 1000, cached: 200, output: 50, reasoning: 20 },
        ),
        tokenCount(
          4,
          { input: 9999, cached: 300, output: 90, reasoning: 30 },
          { input: 1100, cached: 900, output: 40, reasoning: 10 },
        ),
      ),
    );
    expect(usage(fold)).toEqual([2, 800 + 200, 200 + 900, 90, 30]);
  });

  it('subtracts the previous total when only total_token_usage is written', () => {
    const fold = feed(
      session(
        A,
        tokenCount(3, { input: 1000, cached: 0, output: 100, reasoning: 40 }, null),
        tokenCount(4, { input: 2500, cached: 900, output: 160, reasoning: 50 }, null),
      ),
    );
    // Second call: 1500 input of which 900 cached, 60 output of which 10 reasoning.
    expect(usage(fold)).toEqual([2, 1000 + 600, 900, 160, 50]);
  });

  it('treats a total that went down as a counter that started afresh', () => {
    const fold = feed(
      session(
        A,
        tokenCount(3, { input: 5000, output: 100 }, null),
        tokenCount(4, { input: 800, output: 10 }, null),
      ),
    );
    expect(usage(fold)).toEqual([2, 5800, 0, 110, 0]);
  });

  it('skips a token_count whose totals repeat the previous one (only rate limits changed)', () => {
    const same = { input: 1000, cached: 100, output: 10 };
    const fold = feed(
      session(
        A,
        tokenCount(3, same, same),
        tokenCount(4, same, same),
        tokenCount(5, same, { input: 0, output: 0 }),
      ),
    );
    expect(usage(fold)).toEqual([1, 900, 100, 10, 0]);
  });

  it('skips token_count with info null (written before the first call)', () => {
    const fold = feed(
      session(
        A,
        event(3, { type: 'token_count', info: null, rate_limits: { primary: { used_percent: 5 } } }),
      ),
    );
    expect(rollupOf(fold).models).toEqual([]);
    expect(fold.skippedLines).toBe(0);
  });

  it("skips a subagent's leading replay of its parent's token history", () => {
    const parent = [
      { input: 1000, output: 10 },
      { input: 3000, output: 30 },
    ];
    const fold = feed(
      [
        meta(B, 0, { source: { subagent: { thread_spawn: { parent_thread_id: A } } } }),
        // The parent's history, stamped at the spawn second, before the subagent's own first turn.
        tokenCount(0, parent[0]!, parent[0]!),
        tokenCount(0, parent[1]!, { input: 2000, output: 20 }),
        item(0, { type: 'function_call', name: 'exec_command', call_id: 'call_parent', arguments: '{}' }),
        taskStarted(1),
        turnContext(1),
        userMessage(1, 'subtask'),
        tokenCount(2, { input: 3500, output: 35 }, { input: 500, output: 5 }),
      ],
      { id: B },
    );
    expect(usage(fold, B)).toEqual([1, 500, 0, 5, 0]);
    expect(rollupOf(fold, B).tools).toEqual([]);
    expect(rollupOf(fold, B).turns.map((t) => t.prompt_chars)).toEqual([7]);
  });

  it('counts a forked file only for what it adds: copied token events and tool calls are claimed by the original', () => {
    const dedupe = createMemoryDedupe();
    const history = [
      tokenCount(3, { input: 1000, output: 10 }, { input: 1000, output: 10 }),
      item(4, { type: 'function_call', name: 'exec_command', call_id: 'call_1', arguments: '{}' }),
      tokenCount(5, { input: 2200, cached: 900, output: 25 }, { input: 1200, cached: 900, output: 15 }),
    ];
    const parent = feed(session(A, ...history), { dedupe });
    const before = usage(parent);
    // The fork copies the history after its own turn_context (so the leading-run rule does not catch it);
    // one copy keeps the original timestamps, the other is re-stamped at fork time.
    const restamped = history.map((record) => ({ ...record, timestamp: '2026-03-01T11:00:00.000Z' }));
    for (const copy of [history, restamped]) {
      const forkId = copy === history ? B : C;
      // Sibling forks doing identical work would share token vectors; these differ, as real work does.
      const own = copy === history ? 0 : 7;
      const fork = feed(
        [
          meta(forkId, 3600, { forked_from_id: A }),
          taskStarted(3600),
          turnContext(3600),
          ...copy.slice(1),
          userMessage(3601, 'continue'),
          tokenCount(
            3602,
            { input: 3500 + own, cached: 2000, output: 40 },
            { input: 1300 + own, cached: 1100, output: 15 },
          ),
        ],
        { id: forkId, dedupe },
      );
      expect(usage(fork, forkId)).toEqual([1, 200 + own, 1100, 15, 0]);
      expect(rollupOf(fork, forkId).tools).toEqual([]);
      // Copied lines with the parent's timestamps do not move the fork's start before its creation.
      expect(rollupOf(fork, forkId).started_at).toBe(Date.parse('2026-03-01T11:00:00.000Z'));
    }
    expect(usage(parent)).toEqual(before);
  });

  it('ignores history a fork copied with its original times even when the original file is gone', () => {
    const fold = feed(
      [
        meta(B, 3600, { forked_from_id: A }),
        taskStarted(3600),
        turnContext(3600),
        userMessage(2, 'copied prompt'),
        tokenCount(3, { input: 1000, output: 10 }, { input: 1000, output: 10 }),
        item(4, { type: 'function_call', name: 'exec_command', call_id: 'call_1', arguments: '{}' }),
        userMessage(3601, 'new'),
        tokenCount(3602, { input: 1500, output: 15 }, { input: 500, output: 5 }),
      ],
      { id: B },
    );
    const rollup = rollupOf(fold, B);
    expect(usage(fold, B)).toEqual([1, 500, 0, 5, 0]);
    expect(rollup.turns.map((t) => t.prompt_chars)).toEqual([3]);
    expect(rollup.tools).toEqual([]);
  });

  it('does not merge two unrelated sessions whose first calls are identical', () => {
    const dedupe = createMemoryDedupe();
    const first = { input: 4000, output: 12 };
    const one = feed(session(A, tokenCount(3, first, first)), { dedupe });
    const two = feed(
      [meta(B, 60), taskStarted(61), turnContext(61), userMessage(62, 'hi'), tokenCount(63, first, first)],
      {
        id: B,
        dedupe,
      },
    );
    expect(usage(one)).toEqual([1, 4000, 0, 12, 0]);
    expect(usage(two, B)).toEqual([1, 4000, 0, 12, 0]);
  });

  it('counts the same rollout file under sessions/ and archived_sessions/ once', () => {
    const records = session(A, tokenCount(3, { input: 100, output: 1 }, { input: 100, output: 1 }));
    const fold = feed(records);
    feed(records, { fold, path: rolloutPath(A, 'archived_sessions') });
    expect(usage(fold)).toEqual([1, 100, 0, 1, 0]);
    expect(rollupOf(fold).turns).toHaveLength(1);
  });

  it('uses the model a token event names (older rollouts) over the turn context', () => {
    const lines = readFileSync(join(CODEX_FIXTURE, '../public/codex/ccusage-session-alpha.jsonl'));
    const fold = createCodexFold({ dedupe: createMemoryDedupe() });
    feedBytes(fold, lines, sourceOf('/x/sessions/ccusage-session-alpha.jsonl'));
    expect(usage(fold, 'ccusage-session-alpha', 'gpt-5.2-codex')).toEqual([1, 750, 250, 125, 75]);
    expect(usage(fold, 'ccusage-session-alpha', 'gpt-5.3-codex')).toEqual([1, 2000, 500, 300, 200]);
  });
});

describe('Codex prompts and turns', () => {
  it('counts only real prompts: injected AGENTS.md and environment context are not prompts', () => {
    const fold = feed([
      meta(A, 0),
      taskStarted(1),
      turnContext(1),
      item(1, {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: '<environment_context>x</environment_context>' }],
      }),
      userMessage(1, '<environment_context>\n  <cwd>/work/app</cwd>\n</environment_context>'),
      userMessage(1, '# AGENTS.md instructions for /work/app\n\n<INSTRUCTIONS>…</INSTRUCTIONS>'),
      userMessage(1, 'be terse', 'user_instructions'),
      item(1, { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the bug' }] }),
      userMessage(2, 'fix the bug'),
      tokenCount(3, { input: 10, output: 1 }, { input: 10, output: 1 }),
      taskComplete(4),
    ]);
    expect(rollupOf(fold).turns.map((t) => t.prompt_chars)).toEqual([11]);
  });

  it('reads prompts from UserMessage items too, and counts a prompt written both ways once', () => {
    const fold = feed([
      meta(A, 0),
      taskStarted(1),
      turnContext(1),
      userMessage(2, 'first'),
      userItem(2, 'u1', 'first'),
      tokenCount(3, { input: 10, output: 1 }, { input: 10, output: 1 }),
      taskComplete(4),
      taskStarted(10),
      userItem(11, 'u2', 'second prompt'),
      tokenCount(12, { input: 30, output: 2 }, { input: 20, output: 1 }),
      taskComplete(13),
    ]);
    expect(rollupOf(fold).turns.map((t) => [t.prompt_chars, t.started_at, t.ended_at])).toEqual([
      [5, Date.parse('2026-03-01T10:00:02.000Z'), Date.parse('2026-03-01T10:00:04.000Z')],
      [13, Date.parse('2026-03-01T10:00:11.000Z'), Date.parse('2026-03-01T10:00:13.000Z')],
    ]);
  });

  it('ends a turn at task_complete: the next task setup does not stretch it', () => {
    const fold = feed([
      ...session(A, tokenCount(3, { input: 1, output: 1 }, { input: 1, output: 1 }), taskComplete(5)),
      taskStarted(600),
    ]);
    const turn = rollupOf(fold).turns[0]!;
    expect(turn.ended_at - turn.started_at).toBe(3000);
    expect(rollupOf(fold).ended_at - rollupOf(fold).started_at).toBe(600_000);
  });

  it('puts usage that precedes the prompt (a compaction at task start) in that prompt’s turn', () => {
    const fold = feed([
      meta(A, 0),
      taskStarted(1),
      turnContext(1),
      tokenCount(2, { input: 500, output: 5 }, { input: 500, output: 5 }),
      userMessage(3, 'go'),
      tokenCount(4, { input: 900, output: 9 }, { input: 400, output: 4 }),
      taskComplete(5),
    ]);
    const turns = rollupOf(fold).turns;
    expect(
      turns.map((t) => [
        t.prompt_chars,
        t.started_at - Date.parse('2026-03-01T10:00:00Z'),
        t.models?.[0]?.calls,
      ]),
    ).toEqual([[2, 1000, 2]]);
  });
});

describe('Codex tools and files', () => {
  it('takes failures and durations from exec results and outputs, once per call', () => {
    const fold = feed(
      session(
        A,
        item(3, { type: 'function_call', name: 'shell', call_id: 'c1', arguments: '{"command":["false"]}' }),
        event(3, {
          type: 'exec_command_end',
          call_id: 'c1',
          exit_code: 1,
          duration: { secs: 1, nanos: 500_000_000 },
        }),
        item(3, {
          type: 'function_call_output',
          call_id: 'c1',
          output: 'Exit code: 1\nWall time: 1.5 seconds',
        }),
        item(4, { type: 'function_call', name: 'exec_command', call_id: 'c2', arguments: '{}' }),
        event(4, {
          type: 'item_completed',
          item: { type: 'CommandExecution', id: 'c2', exit_code: 0, duration: { secs: 0, nanos: 2_000_000 } },
        }),
        item(5, { type: 'function_call', name: 'exec_command', call_id: 'c3', arguments: '{}' }),
        item(5, {
          type: 'function_call_output',
          call_id: 'c3',
          output: 'Chunk ID: 1\nProcess exited with code 2\nOutput:\n',
        }),
        item(6, { type: 'function_call', name: 'shell', call_id: 'c4', arguments: '{}' }),
        item(6, {
          type: 'function_call_output',
          call_id: 'c4',
          output: '{"output":"","metadata":{"exit_code":0,"duration_seconds":0.25}}',
        }),
        item(7, { type: 'web_search_call', id: 'ws1', status: 'completed' }),
      ),
    );
    expect(rollupOf(fold).tools).toEqual([
      { name: 'exec_command', calls: 2, failures: 1, duration_ms: 2 },
      { name: 'shell', calls: 2, failures: 1, duration_ms: 1750 },
      { name: 'web_search', calls: 1, failures: 0, duration_ms: 0 },
    ]);
  });

  it('counts apply_patch lines from structured changes, or from the patch when none arrive', () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: src/new.ts',
      '+a',
      '+b',
      '*** Update File: src/old.ts',
      '*** Move to: src/renamed.ts',
      '@@',
      ' keep',
      '-gone',
      '+here',
      '+also',
      '*** Delete File: src/dead.ts',
      '*** End Patch',
    ].join('\n');
    const fold = feed(
      session(
        A,
        // Structured: a deleted file's size is only known here.
        item(3, {
          type: 'custom_tool_call',
          name: 'apply_patch',
          call_id: 'p1',
          input: '*** Begin Patch\n*** Delete File: old.txt\n*** End Patch',
        }),
        event(3, {
          type: 'item_completed',
          item: {
            type: 'FileChange',
            id: 'p1',
            status: 'completed',
            changes: { '/work/app/old.txt': { type: 'delete', content: 'x\ny\nz\n' } },
          },
        }),
        item(3, { type: 'custom_tool_call_output', call_id: 'p1', output: 'Exit code: 0' }),
        // Older externally tagged changes, outside the project.
        item(4, { type: 'function_call', name: 'shell', call_id: 'p2', arguments: '{}' }),
        event(4, {
          type: 'patch_apply_end',
          call_id: 'p2',
          success: true,
          changes: {
            '/etc/hosts': { update: { unified_diff: '@@ -1 +1,2 @@\n-a\n+b\n+c\n', move_path: null } },
          },
        }),
        // No structured change: the patch text counts.
        item(5, { type: 'custom_tool_call', name: 'apply_patch', call_id: 'p3', input: patch }),
        item(5, {
          type: 'custom_tool_call_output',
          call_id: 'p3',
          output: 'Exit code: 0\nOutput:\nSuccess.',
        }),
        // A failed patch changed nothing.
        item(6, { type: 'custom_tool_call', name: 'apply_patch', call_id: 'p4', input: patch }),
        item(6, {
          type: 'custom_tool_call_output',
          call_id: 'p4',
          output: 'Exit code: 1\nOutput:\nerror: no such file',
        }),
      ),
    );
    const files = Object.fromEntries(
      (rollupOf(fold).files ?? []).map((f) => [f.path, [f.writes, f.lines_added, f.lines_removed]]),
    );
    expect(files).toEqual({
      'old.txt': [1, 0, 3],
      '/etc/hosts': [1, 2, 1],
      'src/new.ts': [1, 2, 0],
      'src/renamed.ts': [1, 2, 1],
      'src/dead.ts': [1, 0, 0],
    });
    expect(rollupOf(fold).tools?.find((t) => t.name === 'apply_patch')).toEqual({
      name: 'apply_patch',
      calls: 3,
      failures: 1,
      duration_ms: 0,
    });
  });
});

describe('Codex malformed input', () => {
  it('counts lines it cannot read and never throws', () => {
    const fold = feed([
      ...session(A),
      'not json',
      '{"truncated": ',
      '[1, 2]',
      '{"timestamp":"2026-03-01T10:00:05Z","type":"event_msg","payload":"nope"}',
      event(5, { type: 'token_count', info: { total_token_usage: 'x' } }),
      event(5, { type: 'item_completed', item: null }),
      item(5, { type: 'function_call' }),
      '',
      tokenCount(6, { input: 10, output: 1 }, { input: 10, output: 1 }),
    ]);
    expect(fold.skippedLines).toBe(7);
    expect(usage(fold)).toEqual([1, 10, 0, 1, 0]);
  });

  it('keys a file without session_meta by the thread id in its name', () => {
    const fold = feed([turnContext(1), tokenCount(2, { input: 10, output: 1 }, { input: 10, output: 1 })], {
      id: C,
    });
    expect(fold.takeTouched()).toEqual([C]);
    expect(usage(fold, C)).toEqual([1, 10, 0, 1, 0]);
  });

  it('ignores a parent session_meta copied into a fork', () => {
    const fold = feed(
      [
        meta(B, 0, { cwd: '/work/fork' }),
        meta(A, 0, { cwd: '/work/parent' }),
        taskStarted(1),
        userMessage(2, 'x'),
      ],
      { id: B },
    );
    expect(rollupOf(fold, B).project).toBe('fork');
    expect(fold.rollup(A)).toBeNull();
  });

  it('has no rollup for a thread opened and left without a prompt or a call', () => {
    const fold = feed([meta(A, 0), taskStarted(1), turnContext(1), taskComplete(2)]);
    expect(fold.takeTouched()).toEqual([A]);
    expect(fold.rollup(A)).toBeNull();
  });
});
