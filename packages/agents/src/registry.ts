import type { AgentAdapter } from './adapter.ts';
import { claudeAdapter } from './claude/claude-adapter.ts';
import { codexAdapter } from './codex/codex-adapter.ts';

/** Every agent DevTime reads, in the order `detect` lists them. */
export const AGENT_ADAPTERS: readonly AgentAdapter[] = [claudeAdapter, codexAdapter];

export function adapterById(id: string): AgentAdapter | undefined {
  return AGENT_ADAPTERS.find((adapter) => adapter.id === id);
}
