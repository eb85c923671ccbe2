import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentId, SourceFile } from '../adapter.ts';
import { compareText } from '../common/compare-text.ts';

/** Every `*.jsonl` under `root`, recursively; a missing or unreadable directory yields nothing. */
export async function listJsonlFiles(agent: AgentId, root: string): Promise<SourceFile[]> {
  const paths: string[] = [];
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
      else if (entry.isFile() && entry.name.endsWith('.jsonl')) paths.push(path);
    }
  };
  walk(root);
  // Synchronous stats: faster than promises through the thread pool for thousands of cached inodes
  // (measured on 3,163 files: 25–34 ms vs 33–66 ms), and a foreground sync lists them all.
  const files: SourceFile[] = [];
  for (const path of paths) {
    const info = statSync(path, { throwIfNoEntry: false });
    // undefined: vanished between readdir and stat, nothing to read
    if (info) files.push({ agent, path, sizeBytes: info.size, mtimeMs: info.mtimeMs });
  }
  return files;
}

/** Oldest first, so rows a newer file copied from an older one are claimed by the original. */
export function oldestFirst(files: SourceFile[]): SourceFile[] {
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || compareText(a.path, b.path));
}
