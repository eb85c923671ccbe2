import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../bin/devtime.js', import.meta.url));

/** The caller's DevTime settings must never leak into a test: drop them from the inherited env. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('DEVTIME_') && name !== 'DATABASE_URL'),
  );
  return { ...inherited, ...env };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `devtime` binary with the given environment (HOME and data dir in a temp folder). */
export async function runCli(
  args: string[],
  env: Record<string, string>,
  input?: string,
): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { env: childEnv(env), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(input ?? '');
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

export interface RunningServer {
  url: string;
  stdout(): string;
  stop(): Promise<void>;
  child: ChildProcess;
}

/** Starts `devtime serve --port 0` and waits for the line that prints its URL. */
export async function startServer(args: string[], env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: childEnv(env),
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stdout}\n${stderr}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      // Wait for the first-run block too, when there is one, so config.toml is written.
      if (match?.[1] && (!stdout.includes('First run') || stdout.includes('Saved the endpoint'))) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return {
    url,
    child,
    stdout: () => stdout,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/**
 * Removes a test's temp folder. A hook's detached `devtime sync` may still write (and recreate its data
 * dir) after a first removal, so remove again until the folder has stayed gone for a second (5 s at most).
 */
export async function removeWhenSettled(root: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  let goneSince = 0;
  while (Date.now() < deadline && (!goneSince || Date.now() - goneSince < 1_000)) {
    if (existsSync(root)) {
      rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      goneSince = 0;
    } else goneSince ||= Date.now();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
