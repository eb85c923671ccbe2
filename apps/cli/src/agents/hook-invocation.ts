import { resolve } from 'node:path';
import type { AgentId, HookInstallOptions } from '@devtime/agents';

/**
 * What the hooks run: the CommonJS fast path itself (as fast to start as `node -e 0`), by absolute path so
 * a hook works whatever PATH the agent has. `hook --agent <id>` follows, as for `devtime hook`, and is
 * how the installers recognise their own entries.
 */
export const HOOK_ENTRY = resolve(import.meta.dirname, '../hook/fast-hook.cjs');

/**
 * What an agent's hook runs: this Node (DevTime needs ≥ 22; the agent's PATH may hold an older one)
 * and this checkout's entry point.
 */
export function hookInvocation(agent: AgentId, force: boolean): HookInstallOptions {
  const commandArgv = [process.execPath, HOOK_ENTRY, 'hook', '--agent', agent];
  return { commandArgv, command: commandArgv.map(shellQuote).join(' '), force };
}

/** POSIX single quoting: safe for paths with spaces or quotes; plain words stay readable. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
