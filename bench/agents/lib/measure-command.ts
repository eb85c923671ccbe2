import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface Measured {
  command: string[];
  exitCode: number | null;
  signal: string | null;
  /** From spawn to exit, measured in this process. */
  wallMs: number;
  /** Peak resident set of the process tree's largest process (GNU time %M, else /proc VmHWM polling). */
  peakRssMb: number | null;
  rssSource: 'gnu-time' | 'proc-poll';
  /** CPU time of the process and its waited-for children (GNU time only). */
  userMs: number | null;
  systemMs: number | null;
  stdout: string;
  stderr: string;
}

export interface MeasureOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string;
  timeoutMs?: number;
}

/**
 * Runs a command to completion and measures wall time, peak RSS and CPU. Uses GNU time (`-f %M` is the
 * max RSS over the child and the children it waited for, e.g. ccusage's node launcher + native binary)
 * when /usr/bin/time exists; otherwise polls VmHWM of the process and its descendants every 25 ms.
 */
export async function measureCommand(command: string[], options: MeasureOptions): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const dir = useTime ? await mkdtemp(join(tmpdir(), 'devtime-bench-time-')) : null;
  const timeFile = dir ? join(dir, 'time.txt') : null;
  const argv = timeFile ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, ...command] : command;
  const started = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), {
    env: options.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  child.stdin.on('error', () => {});
  child.stdin.end(options.input ?? '');
  let polledKb = 0;
  const poll =
    !useTime && child.pid !== undefined
      ? setInterval(() => {
          polledKb = Math.max(polledKb, treePeakKb(child.pid!));
        }, 25)
      : null;
  const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => {
    child.on('error', () => resolve([null, 'spawn-error']));
    child.on('close', (code, sig) => resolve([code, sig]));
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  if (timer) clearTimeout(timer);
  let peakRssMb: number | null = polledKb > 0 ? polledKb / 1024 : null;
  let userMs: number | null = null;
  let systemMs: number | null = null;
  if (timeFile) {
    const text = await readFile(timeFile, 'utf8').catch(() => '');
    // GNU time prints "Command exited with non-zero status N" first when the command fails.
    const last = text.trim().split('\n').at(-1) ?? '';
    const [kb, user, sys] = last.split(' ').map(Number);
    if (Number.isFinite(kb)) peakRssMb = kb! / 1024;
    if (Number.isFinite(user)) userMs = user! * 1000;
    if (Number.isFinite(sys)) systemMs = sys! * 1000;
    await rm(dir!, { recursive: true, force: true });
  }
  return {
    command,
    exitCode,
    signal,
    wallMs,
    peakRssMb,
    rssSource: useTime ? 'gnu-time' : 'proc-poll',
    userMs,
    systemMs,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}

function treePeakKb(pid: number): number {
  let peak = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      peak = Math.max(peak, Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0));
      const children = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim();
      for (const c of children ? children.split(' ') : []) visit(Number(c));
    } catch {
      // exited between reads
    }
  };
  visit(pid);
  return peak;
}

/** An environment without the caller's DevTime, Claude and agent settings, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(DEVTIME_|CLAUDE_|CODEX_|ANTHROPIC_|OPENCODE|GEMINI_|PI_|AMP_)/.test(name)) continue;
    if (name === 'DATABASE_URL' || name === 'NODE_OPTIONS') continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}
