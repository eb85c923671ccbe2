import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentId, SyncHint } from '@devtime/agents';
import { HINTS_MAX_BYTES } from '../hook/fast-hook.cjs';

export interface TakenHints {
  hints: SyncHint[];
  /** Hooks stopped recording (the file reached its cap): some changes are not in `hints`. */
  overflowed: boolean;
}

/**
 * Takes the hints hooks appended to `agents/sync.hints` since the last pass (src/hook/fast-hook.cjs).
 * Called under the sync lock. The file is renamed first, so a hook appending meanwhile starts a new file
 * for the next pass; a `.taken` file left by a crashed pass is read again (hints are idempotent).
 */
export function takeHints(dataDir: string, knownAgents: ReadonlySet<string>): TakenHints {
  const path = join(dataDir, 'agents', 'sync.hints');
  const taken = `${path}.taken`;
  let text = readOrEmpty(taken) + readOrEmpty(`${taken}.new`);
  try {
    renameSync(path, `${taken}.new`);
    text += readOrEmpty(`${taken}.new`);
  } catch {
    // no new hints
  }
  const hints: SyncHint[] = [];
  for (const line of text.split('\n')) {
    const hint = parseHint(line, knownAgents);
    if (hint) hints.push(hint);
  }
  rmSync(`${taken}.new`, { force: true });
  rmSync(taken, { force: true });
  return { hints, overflowed: Buffer.byteLength(text) >= HINTS_MAX_BYTES };
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** A line written by the hook; anything else (a torn or foreign line) is ignored. */
export function parseHint(line: string, knownAgents: ReadonlySet<string>): SyncHint | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { agent, transcriptPath, sessionId } = value as Record<string, unknown>;
  if (typeof agent !== 'string' || !knownAgents.has(agent)) return null;
  const hint: SyncHint = { agent: agent as AgentId };
  if (typeof transcriptPath === 'string' && transcriptPath !== '') hint.transcriptPath = transcriptPath;
  if (typeof sessionId === 'string' && sessionId !== '') hint.sessionId = sessionId;
  return hint.transcriptPath || hint.sessionId ? hint : null;
}
