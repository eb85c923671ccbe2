import { open, readFile, stat, unlink } from 'node:fs/promises';
import { nodeCrypto } from '../lazy-crypto.ts';

export interface FileLockOptions {
  /** Give up waiting after this long (the holder is alive and busy). */
  timeoutMs?: number;
  /** A lock older than this is stale even if its pid is alive (pid reuse, a hung process). */
  staleMs?: number;
  /** Poll interval while waiting. */
  retryMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(path: string, holder: string) {
    super(`timed out waiting for ${path} (held by ${holder.trim() || 'unknown'})`);
    this.name = 'LockTimeoutError';
  }
}

/**
 * An exclusive lock shared by processes on one machine: a file created with O_EXCL holding
 * "pid time token". Two editor windows (two extension hosts) and the CLI share one queue through it.
 * A lock whose process is gone (a crashed window) or that is older than `staleMs` is taken over.
 * Returns the release function.
 */
export async function acquireFileLock(
  path: string,
  options: FileLockOptions = {},
): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const release = await tryAcquireFileLock(path, options);
    if (release) return release;
    if (Date.now() >= deadline) throw new LockTimeoutError(path, await readHolder(path));
    await sleep(options.retryMs ?? 10 + Math.random() * 15);
  }
}

/** One attempt: the release function, or null when a live holder has it. */
export async function tryAcquireFileLock(
  path: string,
  options: FileLockOptions = {},
): Promise<(() => Promise<void>) | null> {
  const staleMs = options.staleMs ?? 30_000;
  const content = `${process.pid} ${Date.now()} ${nodeCrypto().randomUUID()}\n`;
  // Two attempts: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return async () => {
        // Only our own lock is removed: after a stale takeover the file may be someone else's.
        if ((await readHolder(path)) === content) await unlink(path).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(path);
    if (!(await isStale(path, holder, staleMs))) return null;
    // Re-read right before removing, so a lock that changed hands meanwhile is left alone.
    if ((await readHolder(path)) === holder) await unlink(path).catch(() => {});
  }
  return null;
}

async function isStale(path: string, holder: string, staleMs: number): Promise<boolean> {
  const [pidText, timeText] = holder.split(' ');
  const pid = Number(pidText);
  const sinceMs = Number(timeText);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isFinite(sinceMs)) {
    // Empty or garbled: a holder between create and write, or one that crashed there. Judge by age.
    const modifiedMs = await stat(path).then(
      (stats) => stats.mtimeMs,
      () => 0,
    );
    return Date.now() - modifiedMs > Math.min(staleMs, 2_000);
  }
  if (Date.now() - sinceMs > staleMs) return true;
  return !isAlive(pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
