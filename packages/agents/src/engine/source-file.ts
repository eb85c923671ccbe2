import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { AgentId, SourceFile } from '../adapter.ts';

/** The file as a source, or null when it does not exist (yet) or is not a regular file. */
export function statSource(agent: AgentId, path: string): SourceFile | null {
  try {
    const info = statSync(path);
    return info.isFile() ? { agent, path, sizeBytes: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

/**
 * The absolute path when `path` is a `.jsonl` file strictly inside one of `roots`, else null. Hints come
 * from a file other processes can write to, so a hinted path is only ever read inside the agent's roots.
 */
export function jsonlInside(path: string, roots: readonly string[]): string | null {
  if (!path.endsWith('.jsonl')) return null;
  const absolute = resolve(path);
  for (const root of roots) {
    const rel = relative(resolve(root), absolute);
    if (rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return absolute;
  }
  return null;
}
