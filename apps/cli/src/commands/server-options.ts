import type { Command } from 'commander';
import { readConfig } from '../config/config-file.ts';
import { configPath, type Env } from '../config/paths.ts';
import { resolveServerSettings, type ServeFlags, type ServerSettings } from '../config/server-settings.ts';
import { fail } from './fail.ts';

/** Admin commands work on the database directly, so they take the same location flags as serve. */
export function withDatabaseOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'where the SQLite database lives (default ~/.devtime)')
    .option('--database-url <url>', 'postgres://… when the server runs on PostgreSQL');
}

/** The serve option for cost estimates' prices file (also `DEVTIME_PRICES_FILE`, `prices_file` in [server]). */
export async function serverSettingsFor(flags: ServeFlags, env: Env): Promise<ServerSettings> {
  const config = await readConfig(configPath(env));
  if (!config.ok) return fail(config.error);
  const settings = resolveServerSettings(flags, env, config.value);
  if (!settings.ok) return fail(settings.error);
  return settings.value;
}
