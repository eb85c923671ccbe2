import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir, e.g. `/tmp/devtime-bench-ingest-<random>`. */
export function makeTempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `devtime-bench-${name}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
