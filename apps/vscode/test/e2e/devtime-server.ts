import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

// The real `devtime` binary, run as a black box (apps never import each other).
const DEVTIME_BIN = fileURLToPath(new URL('../../../cli/bin/devtime.js', import.meta.url));

export interface DevtimeServer {
  url: string;
  /** The API key printed on first run (null on later starts of the same data dir). */
  firstRunKey: string | null;
  output(): string;
  stop(): Promise<void>;
}

/** The inherited environment without the caller's DevTime settings. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DEVTIME_') && name !== 'DATABASE_URL'),
  );
  return { ...inherited, ...extra };
}

/** Starts `devtime serve` on a fixed port (so a restart is at the same address) and waits for its URL. */
export async function startDevtimeServer(options: {
  home: string;
  dataDir: string;
  port: number;
}): Promise<DevtimeServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [DEVTIME_BIN, 'serve', '--port', String(options.port), '--data-dir', options.dataDir],
    {
      env: cleanEnv({ HOME: options.home, DEVTIME_RATE_LIMIT_PER_SECOND: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`devtime serve did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] && (!output.includes('First run') || output.includes('Saved the endpoint'))) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`devtime serve exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    firstRunKey: /API key\s+(\S+)/.exec(output)?.[1] ?? null,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
