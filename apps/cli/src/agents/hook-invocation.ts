import { resolve } from 'node:path';
import type { AgentId, HookInstallOptions } from '@devtime/agents';

/** The devtime entry point the hooks run: absolute, so a hook works whatever PATH the agent has. */
export const DEVTIME_BIN = resolve(import.meta.dirname, '../../bin/devtime.js');

/**
 * What an agent's hook runs: this Node (DevTime needs ≥ 22; the agent's PATH may hold an older one)
 * and this checkout's entry point.
 */
export function hookInvocation(agent: AgentId, force: boolean): HookInstallOptions {
  const commandArgv = [process.execPath, DEVTIME_BIN, 'hook', '--agent', agent];
  return { commandArgv, command: commandArgv.map(shellQuote).join(' '), force };
}

/** POSIX single quoting: safe for paths with spaces or quotes; plain words stay readable. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
