import { stat } from 'node:fs/promises';
import type { AgentAdapter, AgentContext, Detection } from '../adapter.ts';
import { createCodexFold } from './codex-fold.ts';
import { codexHookPresence, codexHooks } from './codex-hooks.ts';
import { codexPaths } from './codex-paths.ts';
import { hintedCodexSources, listCodexSources } from './codex-sources.ts';

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}

async function detect(ctx: AgentContext): Promise<Detection> {
  const paths = codexPaths(ctx);
  const installed = await isDirectory(paths.root);
  const hooks = installed ? await codexHookPresence(ctx) : 'not-installed';
  return {
    agent: 'codex',
    displayName: 'Codex CLI',
    installed,
    dataRoots: [paths.root],
    settingsFiles: [paths.configToml, paths.hooksJson],
    hooks,
    notes: hooks === 'not-installed' ? [] : codexHooks.installNotes.slice(0, 1),
  };
}

/** Codex CLI: rollouts under `${CODEX_HOME:-~/.codex}/sessions` and `archived_sessions`, hooks + notify. */
export const codexAdapter: AgentAdapter = {
  id: 'codex',
  displayName: 'Codex CLI',
  detect,
  listSources: listCodexSources,
  hintedSources: hintedCodexSources,
  createFold: createCodexFold,
  hooks: codexHooks,
};
