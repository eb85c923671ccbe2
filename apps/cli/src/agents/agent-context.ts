import { homedir } from 'node:os';
import type { AgentContext } from '@devtime/agents';
import type { Env } from '../config/paths.ts';

/** The agents' homes come from HOME (and their own overrides such as CLAUDE_CONFIG_DIR, CODEX_HOME). */
export function agentContextFrom(env: Env): AgentContext {
  return { homeDir: env.HOME && env.HOME !== '' ? env.HOME : homedir(), env };
}
