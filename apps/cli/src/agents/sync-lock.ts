import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One sync at a time per data dir: an exclusive lock file holding the owner's pid. A lock whose pid is
 * gone (a crashed sync) is taken over. Hooks (src/hook/fast-hook.cjs) touch the `pending` file, and
 * the running sync loops while it is newer than its last pass — that is the throttle.
 */
export function lockPaths(dataDir: string) {
  const dir = join(dataDir, 'agents');
  return {
    dir,
    lock: join(dir, 'sync.lock'),
    pending: join(dir, 'sync.pending'),
    /** Names the background sync that is waiting for more hook events; hooks do not start another. */
    linger: join(dir, 'sync.linger'),
  };
}

export function tryLock(dataDir: string): (() => void) | null {
  const { dir, lock } = lockPaths(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return claimPidFile(lock) ? () => rmSync(lock, { force: true }) : null;
}

/** Becomes the lingering background sync, unless a live one already is. */
export function claimLinger(path: string): boolean {
  return claimPidFile(path);
}

/** Creates `path` holding this pid, exclusively; a file naming a dead process is taken over. */
function claimPidFile(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isAlive(readPid(path))) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

export function releaseLinger(path: string): void {
  if (readPid(path) === process.pid) rmSync(path, { force: true });
}

/** When a hook last asked for a sync, or null when none ever did. */
export function pendingSinceMs(dataDir: string): number | null {
  try {
    return statSync(lockPaths(dataDir).pending).mtimeMs;
  } catch {
    return null;
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
