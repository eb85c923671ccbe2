import type { Command } from 'commander';
import type { Env } from '../config/paths.ts';
import { openStore } from '../open-store.ts';
import { fail } from './fail.ts';
import { serverSettingsFor, withDatabaseOptions } from './server-options.ts';

export function registerRebuild(program: Command, env: Env): void {
  withDatabaseOptions(program.command('rebuild'))
    .description('recompute materialised durations from heartbeats and agent sessions')
    .option('--user <username>', 'only this user (default: everyone)')
    .action(async (flags: { dataDir?: string; databaseUrl?: string; user?: string }) => {
      const store = await openStore(await serverSettingsFor(flags, env));
      try {
        const users = flags.user ? [await store.getUserByUsername(flags.user)] : await store.listUsers();
        if (users.some((u) => u === null)) fail(`no user "${flags.user}"`);
        for (const user of users) {
          if (!user) continue;
          const started = performance.now();
          await store.rebuildDurations(user.id);
          process.stdout.write(`Rebuilt ${user.username} in ${Math.round(performance.now() - started)} ms\n`);
        }
      } finally {
        await store.close();
      }
    });
}
