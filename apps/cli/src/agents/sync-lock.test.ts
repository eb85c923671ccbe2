import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimLinger, lockPaths, releaseLinger, tryLock } from './sync-lock.ts';

/** A pid that is certainly not running (above the kernel's pid_max default). */
const DEAD_PID = 2 ** 22 + 1;

describe('the sync lock and linger files', () => {
  it('lets one sync hold the lock until it releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devtime-lock-'));
    const release = tryLock(dir);
    expect(release).not.toBeNull();
    expect(readFileSync(lockPaths(dir).lock, 'utf8')).toBe(String(process.pid));
    expect(tryLock(dir)).toBeNull();
    release?.();
    const again = tryLock(dir);
    expect(again).not.toBeNull();
    again?.();
  });

  it('takes over a lock or linger file left by a process that is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devtime-lock-'));
    const paths = lockPaths(dir);
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.lock, String(DEAD_PID));
    writeFileSync(paths.linger, String(DEAD_PID));
    const release = tryLock(dir);
    expect(release).not.toBeNull();
    release?.();
    expect(claimLinger(paths.linger)).toBe(true);
    expect(claimLinger(paths.linger)).toBe(false);
    releaseLinger(paths.linger);
    expect(claimLinger(paths.linger)).toBe(true);
  });

  it('releases a linger file only when it is its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devtime-lock-'));
    const paths = lockPaths(dir);
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.linger, String(process.ppid));
    releaseLinger(paths.linger);
    expect(readFileSync(paths.linger, 'utf8')).toBe(String(process.ppid));
  });
});
