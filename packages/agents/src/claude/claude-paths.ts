import { join } from 'node:path';
import type { AgentContext } from '../adapter.ts';

/**
 * Claude Code's data roots: `CLAUDE_CONFIG_DIR` (comma-separated list allowed, as ccusage accepts) or
 * both `~/.claude` and `~/.config/claude`, which newer versions use.
 */
export function claudeRoots(ctx: AgentContext): string[] {
  const configured = ctx.env.CLAUDE_CONFIG_DIR;
  if (configured && configured.trim() !== '') {
    return configured
      .split(',')
      .map((root) => root.trim())
      .filter((root) => root !== '');
  }
  return [join(ctx.homeDir, '.claude'), join(ctx.homeDir, '.config', 'claude')];
}

/** The user settings file our hooks go into: the first root's `settings.json`. */
export function claudeSettingsFile(ctx: AgentContext): string {
  return join(claudeRoots(ctx)[0] ?? join(ctx.homeDir, '.claude'), 'settings.json');
}
