import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentContext } from '../adapter.ts';
import { claudeAdapter } from '../claude/claude-adapter.ts';
import { codexAdapter } from '../codex/codex-adapter.ts';

const home = mkdtempSync(join(tmpdir(), 'devtime-hints-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const ctx: AgentContext = { homeDir: home, env: {} };

function write(path: string, text = '{}\n'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('Claude Code: the files a hook names', () => {
  const project = join(home, '.claude/projects/-home-dev-app');
  const transcript = write(join(project, 'sess-1.jsonl'));
  const subagent = write(join(project, 'sess-1/subagents/agent-a1.jsonl'));
  write(join(project, 'sess-2.jsonl'));

  it('reads the transcript and its subagents, nothing else', async () => {
    const files = await claudeAdapter.hintedSources?.(ctx, { agent: 'claude', transcriptPath: transcript });
    expect(files?.map((file) => file.path).sort()).toEqual([transcript, subagent].sort());
  });

  it('a transcript not written yet yields no file, but is not an error', async () => {
    const later = join(project, 'sess-3.jsonl');
    expect(await claudeAdapter.hintedSources?.(ctx, { agent: 'claude', transcriptPath: later })).toEqual([]);
  });

  it('never reads outside its roots, and gives up (null) on hints it cannot use', async () => {
    const outside = write(join(home, 'elsewhere/secret.jsonl'));
    for (const transcriptPath of [
      outside,
      join(project, '../../../elsewhere/secret.jsonl'),
      join(home, '.claude/projects'),
      join(project, 'sess-1.txt'),
    ]) {
      expect(await claudeAdapter.hintedSources?.(ctx, { agent: 'claude', transcriptPath })).toBeNull();
    }
    expect(await claudeAdapter.hintedSources?.(ctx, { agent: 'claude', sessionId: 'sess-1' })).toBeNull();
  });
});

describe('Codex: the rollout a hook or notify names', () => {
  const thread = '019a0b1c-2d3e-7f40-8a5b-6c7d8e9fa0b1';
  const rollout = write(join(home, `.codex/sessions/2026/11/20/rollout-2026-11-20T10-00-00-${thread}.jsonl`));
  write(join(home, '.codex/sessions/2026/11/21/rollout-2026-11-21T09-00-00-other.jsonl'));

  it('finds a notify thread id in the newest day folders', async () => {
    const files = await codexAdapter.hintedSources?.(ctx, { agent: 'codex', sessionId: thread });
    expect(files?.map((file) => file.path)).toEqual([rollout]);
  });

  it('takes a hooks.json transcript path inside its roots', async () => {
    const files = await codexAdapter.hintedSources?.(ctx, { agent: 'codex', transcriptPath: rollout });
    expect(files?.map((file) => file.path)).toEqual([rollout]);
  });

  it('gives up (null) on an unknown thread, a path outside its roots or a malformed id', async () => {
    const unknown = '019a0b1c-0000-7f40-8a5b-6c7d8e9fa0b1';
    expect(await codexAdapter.hintedSources?.(ctx, { agent: 'codex', sessionId: unknown })).toBeNull();
    expect(await codexAdapter.hintedSources?.(ctx, { agent: 'codex', sessionId: '../../x' })).toBeNull();
    const outside = write(join(home, 'notes/rollout.jsonl'));
    expect(await codexAdapter.hintedSources?.(ctx, { agent: 'codex', transcriptPath: outside })).toBeNull();
  });
});
