import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nodeCrypto } from '../lazy-crypto.ts';

/**
 * Replaces `path` with `data` so that a crash leaves either the old or the new content, never a torn
 * file: write a temporary file, fsync it, rename it over the target, fsync the directory.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.${nodeCrypto().randomUUID()}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** Makes a created or renamed directory entry durable (a no-op where directories cannot be opened). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}
