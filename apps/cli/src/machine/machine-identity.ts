import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { MACHINE_HEADERS, MACHINE_ID_PATTERN } from '@devtime/protocol/machine-identity';

export const MACHINE_ID_FILE = 'machine-id';

export interface MachineIdentityOptions {
  /** Where the "replaced a corrupt file" warning goes; stderr by default. */
  warn?: (message: string) => void;
}

type Stored = { kind: 'ok'; id: string } | { kind: 'missing' } | { kind: 'corrupt' };

/**
 * This machine's id: a UUIDv4 minted on first use and kept in `<dataDir>/machine-id` (mode 0600).
 * The file is published whole and never over an existing one (written to a temporary file, then
 * hard-linked into place, which fails if the name exists), and every caller returns what ends up on
 * disk, so two first runs at once agree on one id. A file that does not hold a UUID is replaced, with a
 * warning.
 */
export function readOrCreateMachineId(dataDir: string, options: MachineIdentityOptions = {}): string {
  const file = join(dataDir, MACHINE_ID_FILE);
  const stored = readStored(file);
  if (stored.kind === 'ok') return stored.id;

  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (stored.kind === 'missing') {
    publishExclusive(file, randomUUID());
  } else {
    // A writer on a filesystem without hard links may be between creating and filling the file.
    sleepSync(50);
    const again = readStored(file);
    if (again.kind === 'ok') return again.id;
    const warn =
      options.warn ?? ((message: string) => process.stderr.write(`devtime: warning: ${message}\n`));
    warn(`${file} does not hold a machine id; replacing it with a new one`);
    replace(file, randomUUID());
  }
  const written = readStored(file);
  if (written.kind !== 'ok') throw new Error(`could not create the machine id file ${file}`);
  return written.id;
}

/** The headers every request to the server carries, so it can list and name this machine. */
export function machineHeaders(
  dataDir: string,
  overrides: { id?: string; name?: string; os?: string } = {},
  options: MachineIdentityOptions = {},
): Record<string, string> {
  return {
    [MACHINE_HEADERS.id]: overrides.id ?? readOrCreateMachineId(dataDir, options),
    // Header values must be ByteStrings: a hostname outside Latin-1 travels percent-encoded (the server
    // decodes it).
    [MACHINE_HEADERS.name]: headerSafe(overrides.name ?? hostname()),
    [MACHINE_HEADERS.os]: headerSafe(overrides.os ?? process.platform),
  };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

function readStored(file: string): Stored {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  const id = text.trim().toLowerCase();
  return MACHINE_ID_PATTERN.test(id) ? { kind: 'ok', id } : { kind: 'corrupt' };
}

/** Writes a fresh owner-only temporary file next to `file` (exclusive create, so never someone else's). */
function writeTemp(file: string, id: string): string {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${id}\n`);
  } finally {
    closeSync(fd);
  }
  return temp;
}

/** Puts `id` at `file` unless the file already exists (then the other writer's id stands). */
function publishExclusive(file: string, id: string): void {
  const temp = writeTemp(file, id);
  try {
    // link(2) is the rename that refuses to replace: the file appears complete, and only once.
    linkSync(temp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    // A filesystem without hard links: create the file exclusively instead.
    createExclusive(file, id);
  } finally {
    unlinkSync(temp);
  }
}

function createExclusive(file: string, id: string): void {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    writeSync(fd, `${id}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Replaces a corrupt file atomically (temporary file + rename). */
function replace(file: string, id: string): void {
  const temp = writeTemp(file, id);
  try {
    renameSync(temp, file);
  } catch (error) {
    unlinkSync(temp);
    throw error;
  }
}
