/**
 * Tool ids that are AI agents rather than editors. DevTime's own adapters upload `claude` and `codex`;
 * the others are ids clients of other agents use. Any agent with token usage in the range (the keys of
 * `agents.by_agent`) counts too, so a new agent is recognised without a release.
 */
const KNOWN_AGENTS = new Set(['claude', 'claude-code', 'codex', 'opencode', 'pi', 'amp', 'gemini', 'aider']);

export function isAgentTool(tool: string, agentsWithUsage: ReadonlySet<string> = new Set()): boolean {
  return KNOWN_AGENTS.has(tool) || agentsWithUsage.has(tool);
}

/** Splits `by_tool` into editors and agents (seconds per tool, order kept). */
export function splitTools(
  byTool: Record<string, number>,
  agentsWithUsage: Iterable<string>,
): { editors: Record<string, number>; agents: Record<string, number> } {
  const agents = new Set(agentsWithUsage);
  const split = { editors: {} as Record<string, number>, agents: {} as Record<string, number> };
  for (const [tool, seconds] of Object.entries(byTool)) {
    (isAgentTool(tool, agents) ? split.agents : split.editors)[tool] = seconds;
  }
  return split;
}
