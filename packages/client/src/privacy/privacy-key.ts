import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeCrypto } from '../lazy-crypto.ts';

/**
 * The secret for keyed path hashes: `<dataDir>/privacy-key`, minted once per machine and never uploaded.
 * The CLI (agent rollups) reads the same file, so a file hashes alike from the editor and from an agent.
 */
export async function readOrCreatePrivacyKey(dataDir: string): Promise<string> {
  const path = join(dataDir, 'privacy-key');
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${nodeCrypto().randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process minted it first: use theirs.
  }
  const key = await readKey(path);
  if (!key) throw new Error(`${path} does not hold a privacy key`);
  return key;
}

async function readKey(path: string): Promise<string | null> {
  try {
    const key = (await readFile(path, 'utf8')).trim();
    return /^[0-9a-f]{64}$/.test(key) ? key : null;
  } catch {
    return null;
  }
}
