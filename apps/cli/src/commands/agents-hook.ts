import type { Command } from 'commander';
import { agentClient, selectAdapters } from '../agents/agent-client.ts';
import { runSync } from '../agents/run-sync.ts';
import type { Env } from '../config/paths.ts';
import { fail } from './fail.ts';

/**
 * `devtime hook` is normally served by the CommonJS fast path (src/hook/fast-hook.cjs, also reached through bin/devtime.js);
 * this registration documents it and handles `--dry-run`, which shows what the sync it triggers would send.
 */
export function registerHook(program: Command, env: Env): void {
  program
    .command('hook')
    .description('internal: run by the installed agent hooks; returns at once and syncs in the background')
    .requiredOption('--agent <id>', 'the agent whose hook fired (claude, codex, …)')
    .option('--chain <argv>', 'internal: the notify program configured before DevTime, as a JSON argv')
    .option('--dry-run', 'print the exact payload the triggered sync would upload')
    .argument('[event]', 'Codex notify passes its event JSON as an argument')
    .action(async (_event: string | undefined, flags: { agent: string; dryRun?: boolean }) => {
      if (!flags.dryRun) return; // reached only if the fast path was bypassed: nothing to do but exit 0
      try {
        const client = await agentClient(env, {});
        const report = await runSync({ ...client, adapters: selectAdapters(flags.agent), dryRun: true });
        process.stdout.write(`${JSON.stringify({ sessions: report.payload ?? [] }, null, 2)}\n`);
      } catch (error) {
        fail((error as Error).message);
      }
    });
}
