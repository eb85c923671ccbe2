import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanEnv } from './devtime-server.ts';

const run = promisify(execFile);

export interface CodeServerDirs {
  bin: string;
  home: string;
  userDataDir: string;
  extensionsDir: string;
}

/** Installs a VSIX the way a user would (`code-server --install-extension`), into a private extensions dir. */
export async function installExtension(dirs: CodeServerDirs, vsix: string): Promise<string> {
  const { stdout, stderr } = await run(
    dirs.bin,
    [
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
      '--install-extension',
      vsix,
    ],
    { env: cleanEnv({ HOME: dirs.home }), timeout: 120_000 },
  );
  return stdout + stderr;
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export interface RunningCodeServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts code-server (a real VS Code server with a real extension host) on `port` with no auth. */
export async function startCodeServer(
  dirs: CodeServerDirs,
  port: number,
  workspace: string,
): Promise<RunningCodeServer> {
  const config = join(dirs.userDataDir, 'code-server.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const child: ChildProcess = spawn(
    dirs.bin,
    [
      '--config',
      config,
      '--user-data-dir',
      dirs.userDataDir,
      '--extensions-dir',
      dirs.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { env: cleanEnv({ HOME: dirs.home }), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`code-server did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Its own process group: the extension host and file watchers go with it.
      process.kill(-child.pid!, 'SIGTERM');
      const exited = once(child, 'exit');
      const timeout = new Promise((resolve) => setTimeout(resolve, 5_000));
      if ((await Promise.race([exited.then(() => 'exited'), timeout])) !== 'exited')
        process.kill(-child.pid!, 'SIGKILL');
    },
  };
}
