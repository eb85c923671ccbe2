import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentId, SourceFile } from '../adapter.ts';

/** Every `*.jsonl` under `root`, recursively; a missing or unreadable directory yields nothing. */
export function listJsonlFiles(agent: AgentId, root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.jsonl')) {
        try {
          const stat = statSync(path);
          files.push({ agent, path, sizeBytes: stat.size, mtimeMs: stat.mtimeMs });
        } catch {
          // vanished between readdir and stat: nothing to read
        }
      }
    }
  };
  walk(root);
  return files;
}

/** Oldest first, so rows a newer file copied from an older one are claimed by the original. */
export function oldestFirst(files: SourceFile[]): SourceFile[] {
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.path.localeCompare(b.path));
}
