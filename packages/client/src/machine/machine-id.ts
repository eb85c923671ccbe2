import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { MACHINE_HEADERS, MACHINE_ID_PATTERN } from '@devtime/protocol/machine-identity';
import { nodeCrypto } from '../lazy-crypto.ts';

/**
 * This machine's id from `<dataDir>/machine-id`, minted (UUIDv4) on first use — the file and rules the CLI
 * uses, so an editor and the agents' sync report the same machine. A new id is published with link(2),
 * which never replaces an existing file, so two first runs at once agree on one id.
 */
export async function readOrCreateMachineId(dataDir: string): Promise<string> {
  const file = join(dataDir, 'machine-id');
  const stored = await readId(file);
  if (stored) return stored;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${nodeCrypto().randomUUID()}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  await handle.writeFile(`${nodeCrypto().randomUUID()}\n`);
  await handle.close();
  try {
    const exists = await readFile(file, 'utf8').then(
      () => true,
      () => false,
    );
    // A file without a valid id is replaced; otherwise the first writer wins.
    if (exists) await rename(temp, file);
    else
      await link(temp, file).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
  } finally {
    await unlink(temp).catch(() => {});
  }
  const written = await readId(file);
  if (!written) throw new Error(`could not create the machine id file ${file}`);
  return written;
}

/** The headers every request carries so the server can list this machine. */
export function machineHeaders(id: string, name: string, os: string): Record<string, string> {
  return {
    [MACHINE_HEADERS.id]: id,
    // Header values must be ByteStrings: a hostname outside printable ASCII travels percent-encoded.
    [MACHINE_HEADERS.name]: headerSafe(name),
    [MACHINE_HEADERS.os]: headerSafe(os),
  };
}

function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

async function readId(file: string): Promise<string | null> {
  try {
    const id = (await readFile(file, 'utf8')).trim().toLowerCase();
    return MACHINE_ID_PATTERN.test(id) ? id : null;
  } catch {
    return null;
  }
}
