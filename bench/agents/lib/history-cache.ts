// A generated history is expensive (500 MB–1 GB), so benches share one per size under bench/results/
// (git-ignored) and regenerate only when it is missing, incomplete, made with other options, or marked
// dirty by a bench that appended to it and did not restore it.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RESULTS_DIR } from '../../lib/results.ts';
import {
  EXPECTED_FILE,
  type ExpectedTotals,
  GENERATOR_VERSION,
  type GenerateOptions,
  generateClaudeHistory,
} from './generate-history.ts';

export const HISTORY_CACHE_DIR = join(RESULTS_DIR, 'agents-history');
const DIRTY_FILE = 'DIRTY';

export const DEFAULT_HISTORY = {
  seed: 7,
  projects: 50,
  days: 365,
  growingOutput: true,
  fillCacheSplit: false,
} as const;

export interface HistoryRequest {
  sizeMb: number;
  /** Where to keep it; default `bench/results/agents-history/claude-<size>mb`. */
  dir?: string;
  log?: (line: string) => void;
}

export interface History {
  home: string;
  expected: ExpectedTotals;
  reused: boolean;
}

export function historyDir(sizeMb: number): string {
  return join(HISTORY_CACHE_DIR, `claude-${sizeMb}mb`);
}

/** Reuses the cached tree when it was generated with the same options and is clean; else generates it. */
export async function ensureHistory(request: HistoryRequest): Promise<History> {
  const home = request.dir ?? historyDir(request.sizeMb);
  const log = request.log ?? (() => {});
  const cached = await readExpected(home);
  const g = cached?.generator;
  if (
    g &&
    g.version === GENERATOR_VERSION &&
    g.sizeMb === request.sizeMb &&
    g.seed === DEFAULT_HISTORY.seed &&
    g.projects === DEFAULT_HISTORY.projects &&
    g.days === DEFAULT_HISTORY.days &&
    g.growingOutput === DEFAULT_HISTORY.growingOutput &&
    g.fillCacheSplit === DEFAULT_HISTORY.fillCacheSplit &&
    !existsSync(join(home, DIRTY_FILE))
  ) {
    log(`reusing the ${request.sizeMb} MB history in ${home} (generated ${g.generatedAt})`);
    return { home, expected: cached, reused: true };
  }
  log(`generating a ${request.sizeMb} MB Claude history in ${home}…`);
  await rm(home, { recursive: true, force: true });
  const options: GenerateOptions = { ...DEFAULT_HISTORY, out: home, sizeMb: request.sizeMb };
  const expected = await generateClaudeHistory({
    ...options,
    onProgress: (bytes) => log(`  ${Math.round(bytes / 2 ** 20)} MB written`),
  });
  log(
    `generated ${Math.round(expected.tree.bytes / 2 ** 20)} MB in ${(expected.generator.durationMs / 1000).toFixed(1)} s ` +
      `(${expected.tree.files.toLocaleString()} files, ${expected.tree.sessions.toLocaleString()} sessions)`,
  );
  return { home, expected, reused: false };
}

/** `--home DIR` (an existing generated tree) or the cached tree of `sizeMb`, generated when missing. */
export async function historyFor(
  home: string | undefined,
  sizeMb: number,
  log: (line: string) => void,
): Promise<Pick<History, 'home' | 'expected'>> {
  if (!home) return ensureHistory({ sizeMb, log });
  const expected = await readExpected(home);
  if (!expected)
    throw new Error(`no expected-totals.json in ${home} (generate it with generate-claude-history.ts)`);
  return { home, expected };
}

export async function readExpected(home: string): Promise<ExpectedTotals | null> {
  try {
    return JSON.parse(await readFile(join(home, EXPECTED_FILE), 'utf8')) as ExpectedTotals;
  } catch {
    return null;
  }
}

/** Marks the tree as modified (a bench appended to it); cleared by `markClean` once restored. */
export async function markDirty(home: string, why: string): Promise<void> {
  await writeFile(join(home, DIRTY_FILE), `${why}\n`);
}

export async function markClean(home: string): Promise<void> {
  await rm(join(home, DIRTY_FILE), { force: true });
}
