import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentAdapter } from '../adapter.ts';
import { listJsonlFiles, oldestFirst } from '../engine/list-jsonl.ts';
import { jsonlInside, statSource } from '../engine/source-file.ts';
import { createClaudeFold } from './claude-fold.ts';
import { claudeHooks } from './claude-hooks.ts';
import { claudeRoots, claudeSettingsFile } from './claude-paths.ts';

export const claudeAdapter: AgentAdapter = {
  id: 'claude',
  displayName: 'Claude Code',
  async detect(ctx) {
    const roots = claudeRoots(ctx);
    return {
      agent: 'claude',
      displayName: 'Claude Code',
      installed: roots.some((root) => existsSync(root)),
      dataRoots: roots.map((root) => join(root, 'projects')),
      settingsFiles: [claudeSettingsFile(ctx)],
      hooks: 'not-installed',
      notes: [],
    };
  },
  async listSources(ctx) {
    // Subagent transcripts live under <session>/subagents/: the walk is recursive on purpose.
    const roots = await Promise.all(
      claudeRoots(ctx).map((root) => listJsonlFiles('claude', join(root, 'projects'))),
    );
    return oldestFirst(roots.flat());
  },
  async hintedSources(ctx, hint) {
    const roots = claudeRoots(ctx).map((root) => join(root, 'projects'));
    const transcript = hint.transcriptPath ? jsonlInside(hint.transcriptPath, roots) : null;
    if (!transcript) return null;
    // The session's own file, and its subagents' files under <session>/subagents/ (a hook names only
    // the main transcript). A file not written yet is simply absent: it is read on a later pass.
    const main = statSource('claude', transcript);
    const subagents = await listJsonlFiles('claude', transcript.slice(0, -'.jsonl'.length));
    return oldestFirst(main ? [main, ...subagents] : subagents);
  },
  createFold: createClaudeFold,
  hooks: claudeHooks,
};
