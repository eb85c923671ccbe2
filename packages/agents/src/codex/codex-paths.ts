import path from 'node:path';
import type { AgentContext } from '../adapter.ts';

/** Where Codex keeps its history and settings, after the `CODEX_HOME` override. */
export interface CodexPaths {
  root: string;
  sessionsDir: string;
  archivedSessionsDir: string;
  configToml: string;
  hooksJson: string;
}

/**
 * Resolves `${CODEX_HOME:-<home>/.codex}` from the context, never from `process.env`, so tests and `--home`
 * runs cannot touch the real home. A relative `CODEX_HOME` is resolved against the home directory rather
 * than the process cwd, so the result does not depend on where DevTime happens to be started.
 */
export function codexPaths(ctx: AgentContext): CodexPaths {
  const override = ctx.env.CODEX_HOME?.trim();
  let root: string;
  if (!override) root = path.join(ctx.homeDir, '.codex');
  else if (override === '~' || override.startsWith('~/')) root = path.join(ctx.homeDir, override.slice(1));
  else root = path.resolve(ctx.homeDir, override);
  return {
    root,
    sessionsDir: path.join(root, 'sessions'),
    archivedSessionsDir: path.join(root, 'archived_sessions'),
    configToml: path.join(root, 'config.toml'),
    hooksJson: path.join(root, 'hooks.json'),
  };
}
