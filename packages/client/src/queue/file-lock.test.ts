import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir.ts';
import { acquireFileLock, LockTimeoutError, tryAcquireFileLock } from './file-lock.ts';

let remove: () => void = () => {};
afterEach(() => remove());
function lockPath() {
  const temp = makeTempDir('lock');
  remove = temp.remove;
  return join(temp.dir, 'queue.lock');
}
/** A pid that certainly is not running: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid;

describe('file lock', () => {
  it('is exclusive while held and free after release', async () => {
    const path = lockPath();
    const release = await acquireFileLock(path);
    expect(await tryAcquireFileLock(path)).toBeNull();
    await release();
    const again = await tryAcquireFileLock(path);
    expect(again).not.toBeNull();
    await again!();
  });

  it('takes over a lock whose process died, or that is older than staleMs', async () => {
    const path = lockPath();
    writeFileSync(path, `${deadPid()} ${Date.now()} crashed\n`);
    const release = await tryAcquireFileLock(path);
    expect(release).not.toBeNull();
    expect(readFileSync(path, 'utf8')).toMatch(new RegExp(`^${process.pid} `));
    await release!();
    writeFileSync(path, `${process.pid} ${Date.now() - 60_000} hung\n`); // alive, but far too old
    expect(await tryAcquireFileLock(path, { staleMs: 30_000 })).not.toBeNull();
  });

  it('times out waiting for a live holder, naming it', async () => {
    const path = lockPath();
    writeFileSync(path, `${process.pid} ${Date.now()} other-window\n`);
    await expect(acquireFileLock(path, { timeoutMs: 100 })).rejects.toThrow(LockTimeoutError);
  });
});
