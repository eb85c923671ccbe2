import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type NodeChild, spawnNode } from './node-child.ts';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const DEVTIME_BIN = join(REPO_ROOT, 'apps', 'cli', 'bin', 'devtime.js');

export interface DevtimeServer {
  url: string;
  /** The local admin's API key (printed on first run, else read back from config.toml). */
  key: string;
  dataDir: string;
  sqlitePath: string;
  child: NodeChild;
  /** SIGTERM: the server flushes pending durations, closes the store and exits. */
  stop(): Promise<void>;
}

export interface StartDevtimeOptions {
  /** Holds the database and, as HOME, `.devtime/config.toml`. Reused as is when it already has data. */
  dataDir: string;
  /** Extra flags for the server's node, e.g. `--cpu-prof`. */
  nodeFlags?: readonly string[];
  env?: Record<string, string>;
}

/** `devtime serve --port 0` in a child process, rate limiting off, its own HOME. */
export async function startDevtime(options: StartDevtimeOptions): Promise<DevtimeServer> {
  const configFile = join(options.dataDir, '.devtime', 'config.toml');
  const firstRun = !existsSync(configFile);
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('DEVTIME_') && name !== 'DATABASE_URL') env[name] = value;
  }
  Object.assign(env, { HOME: options.dataDir, DEVTIME_RATE_LIMIT_PER_SECOND: '0' }, options.env);

  const child = spawnNode([DEVTIME_BIN, 'serve', '--port', '0', '--data-dir', options.dataDir], {
    env,
    cwd: REPO_ROOT,
    nodeFlags: options.nodeFlags ?? [],
  });
  try {
    const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/, 60_000);
    let key: string;
    if (firstRun) {
      [, key = ''] = await child.waitFor(/API key\s+(\S+)/, 10_000);
    } else {
      const match = (await readFile(configFile, 'utf8')).match(/^\s*key\s*=\s*"([^"]+)"/m);
      if (!match) throw new Error(`no API key in ${configFile}`);
      key = match[1]!;
    }
    return {
      url: url!,
      key,
      dataDir: options.dataDir,
      sqlitePath: join(options.dataDir, 'devtime.sqlite'),
      child,
      stop: () => child.stop(),
    };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
