import { join } from 'node:path';

/** The environment variables a client honours; the app reads them and passes them in. */
export interface ClientEnv {
  DEVTIME_API_URL?: string | undefined;
  DEVTIME_API_KEY?: string | undefined;
  DEVTIME_CONFIG?: string | undefined;
  DEVTIME_DATA_DIR?: string | undefined;
}

export interface ClientPaths {
  /** `~/.devtime` (or DEVTIME_DATA_DIR), as the CLI has it. */
  dataDir: string;
  /** The shared client config (or DEVTIME_CONFIG). */
  configFile: string;
  /** The heartbeat queue every editor client on the machine shares. */
  queueDir: string;
}

/** Where the shared files live, from the user's home directory and the environment (both passed in). */
export function clientPaths(home: string, env: ClientEnv): ClientPaths {
  const dataDir = env.DEVTIME_DATA_DIR || join(home, '.devtime');
  return {
    dataDir,
    configFile: env.DEVTIME_CONFIG || join(home, '.devtime', 'config.toml'),
    queueDir: join(dataDir, 'queue', 'heartbeats'),
  };
}
