import { basename } from 'node:path';
import type { AgentContext, SourceFile } from '../adapter.ts';
import { listJsonlFiles, oldestFirst } from '../engine/list-jsonl.ts';
import { codexPaths } from './codex-paths.ts';

/**
 * Every rollout under sessions/ and archived_sessions/, oldest first (so copies in newer files dedupe
 * against the original). Archiving moves a file keeping its name, and a scan can catch it in both places:
 * of the files sharing a basename only the newest is kept.
 */
export async function listCodexSources(ctx: AgentContext): Promise<SourceFile[]> {
  const paths = codexPaths(ctx);
  const found = [
    ...(await listJsonlFiles('codex', paths.sessionsDir)),
    ...(await listJsonlFiles('codex', paths.archivedSessionsDir)),
  ];
  const byName = new Map<string, SourceFile>();
  for (const file of found) {
    const kept = byName.get(basename(file.path));
    if (!kept || file.mtimeMs > kept.mtimeMs) byName.set(basename(file.path), file);
  }
  return oldestFirst([...byName.values()]);
}
