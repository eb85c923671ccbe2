import { type Dirent, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentId, SourceFile } from '../adapter.ts';
import { compareText } from '../common/compare-text.ts';

/** Stats in flight at once: libuv's thread pool does them in parallel (a sync run stats every file). */
const STAT_CONCURRENCY = 64;

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
  const files: SourceFile[] = [];
  for (let start = 0; start < paths.length; start += STAT_CONCURRENCY) {
    const batch = paths.slice(start, start + STAT_CONCURRENCY);
    const stats = await Promise.all(batch.map((path) => stat(path).catch(() => null)));
    stats.forEach((info, index) => {
      // null: vanished between readdir and stat, nothing to read
      const path = batch[index];
      if (info && path) files.push({ agent, path, sizeBytes: info.size, mtimeMs: info.mtimeMs });
    });
  }
  return files;
}

/** Oldest first, so rows a newer file copied from an older one are claimed by the original. */
export function oldestFirst(files: SourceFile[]): SourceFile[] {
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || compareText(a.path, b.path));
}
