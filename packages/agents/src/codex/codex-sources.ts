import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AgentContext, SourceFile, SyncHint } from '../adapter.ts';
import { listJsonlFiles, oldestFirst } from '../engine/list-jsonl.ts';
import { jsonlInside, statSource } from '../engine/source-file.ts';
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

/** Day folders (sessions/YYYY/MM/DD) searched for a thread id: a turn can end days after it started. */
const RECENT_DAY_DIRS = 3;
const THREAD_ID = /^[0-9a-f-]{8,64}$/i;

/**
 * The rollout a hook points at: `transcript_path` from a hooks.json event, or the `thread-id` of a
 * `notify` event, looked up by file name in the newest day folders. Null when neither resolves.
 */
export async function hintedCodexSources(ctx: AgentContext, hint: SyncHint): Promise<SourceFile[] | null> {
  const paths = codexPaths(ctx);
  const roots = [paths.sessionsDir, paths.archivedSessionsDir];
  const transcript = hint.transcriptPath ? jsonlInside(hint.transcriptPath, roots) : null;
  if (transcript) {
    const file = statSource('codex', transcript);
    return file ? [file] : null;
  }
  if (!hint.sessionId || !THREAD_ID.test(hint.sessionId)) return null;
  const suffix = `-${hint.sessionId}.jsonl`;
  for (const dir of newestDayDirs(paths.sessionsDir, RECENT_DAY_DIRS)) {
    const name = entries(dir).find((entry) => entry.endsWith(suffix));
    const file = name ? statSource('codex', join(dir, name)) : null;
    if (file) return [file];
  }
  return null;
}

function newestDayDirs(sessionsDir: string, count: number): string[] {
  const found: string[] = [];
  for (const year of entries(sessionsDir).sort().reverse()) {
    for (const month of entries(join(sessionsDir, year)).sort().reverse()) {
      for (const day of entries(join(sessionsDir, year, month))
        .sort()
        .reverse()) {
        found.push(join(sessionsDir, year, month, day));
        if (found.length === count) return found;
      }
    }
  }
  return found;
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
