import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** `~/.devtime` unless DEVTIME_DATA_DIR moves it (tests and multi-instance setups do). */
export function dataDir(env: Env, flag?: string): string {
  return flag ?? env.DEVTIME_DATA_DIR ?? join(homedir(), '.devtime');
}

/** The shared client config read by every DevTime client (CLI, editors, agents). */
export function configPath(env: Env): string {
  return env.DEVTIME_CONFIG ?? join(homedir(), '.devtime', 'config.toml');
}
