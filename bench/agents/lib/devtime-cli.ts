import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type CpuSummary, summarizeCpuProfile } from '../../lib/cpu-profile.ts';
import { RESULTS_DIR } from '../../lib/results.ts';
import { REPO_ROOT } from '../../lib/spawn-devtime.ts';
import { makeTempDir, removeDir } from '../../lib/temp-dir.ts';
import { measureCommand } from './measure-command.ts';
import { addInto, type ModelTotals, type TokenTotals, totalsOf, zeroTotals } from './token-totals.ts';

export const DEVTIME_BIN = join(REPO_ROOT, 'apps', 'cli', 'bin', 'devtime.js');

/** `node apps/cli/bin/devtime.js …args` (`bin` replaces the script, e.g. another checkout's). */
export function devtimeCommand(args: readonly string[], bin: string = DEVTIME_BIN): string[] {
  return [process.execPath, bin, ...args];
}

/** True when the output says the command itself does not exist (commander's wording). */
export function isUnknownCommand(stderr: string): boolean {
  return /unknown command|unknown option|error: .*not .*found/i.test(stderr);
}

const FIELD_ALIASES: Record<keyof TokenTotals, readonly string[]> = {
  input: ['input', 'input_tokens', 'inputTokens', 'uncached_input_tokens', 'uncachedInputTokens'],
  output: ['output', 'output_tokens', 'outputTokens'],
  cache_creation: [
    'cache_creation',
    'cache_creation_tokens',
    'cache_creation_input_tokens',
    'cacheCreationTokens',
    'cache_write',
    'cache_write_tokens',
    'cacheWrite',
    'cacheWriteTokens',
  ],
  cache_read: ['cache_read', 'cache_read_tokens', 'cache_read_input_tokens', 'cacheRead', 'cacheReadTokens'],
};

function asTotals(value: unknown): TokenTotals | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const totals = zeroTotals();
  let found = 0;
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [keyof TokenTotals, readonly string[]][]) {
    const alias = aliases.find((name) => typeof record[name] === 'number');
    if (alias) {
      totals[field] = record[alias] as number;
      found++;
    }
  }
  return found >= 2 ? totals : null;
}

/**
 * Finds per-model token totals in DevTime's JSON output without knowing its exact shape: the shallowest
 * (breadth-first) of either an object keyed by model name whose values carry token fields, or an array
 * of objects with a `model`/`modelName` and token fields (summed per model). `path` (dot-separated)
 * forces where to look. Returns where it found them, so the report can say what it compared.
 */
export function extractModelTotals(
  json: unknown,
  path?: string,
): { models: ModelTotals; path: string } | null {
  if (path) {
    let at: unknown = json;
    for (const key of path.split('.').filter(Boolean)) at = (at as Record<string, unknown> | null)?.[key];
    const models = modelsAt(at);
    return models ? { models, path } : null;
  }
  const queue: Array<{ value: unknown; path: string }> = [{ value: json, path: '' }];
  while (queue.length > 0) {
    const { value, path: at } = queue.shift()!;
    const models = modelsAt(value);
    if (models) return { models, path: at || '(root)' };
    if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value))
        queue.push({ value: child, path: at ? `${at}.${key}` : key });
  }
  return null;
}

function modelsAt(value: unknown): ModelTotals | null {
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const out: ModelTotals = {};
    for (const item of value) {
      const record = item as Record<string, unknown> | null;
      const model = record?.model ?? record?.modelName;
      const totals = asTotals(record);
      if (typeof model !== 'string' || !totals) return null;
      addInto(totalsOf(out, model), totals);
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return null;
  const entries = Object.entries(value);
  if (
    entries.length === 0 ||
    !entries.every(([key]) => /^(claude|<synthetic>|gpt|o\d|gemini|unknown)/i.test(key))
  )
    return null;
  const out: ModelTotals = {};
  for (const [model, child] of entries) {
    const totals = asTotals(child);
    if (!totals) return null;
    out[model] = totals;
  }
  return out;
}

/**
 * Runs one more (unmeasured) DevTime command under `node --cpu-prof` and summarises where its time went,
 * one summary per thread (node writes a profile for the main thread and each worker); the profiles are
 * kept as bench/results/<name>[.<n>].cpuprofile for Chrome DevTools.
 */
export async function profileDevtime(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  name: string,
  options: { bin?: string; before?: () => void } = {},
): Promise<CpuSummary[]> {
  const dir = await makeTempDir(`${name}-prof`);
  try {
    options.before?.();
    const command = [
      process.execPath,
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      options.bin ?? DEVTIME_BIN,
      ...args,
    ];
    const run = await measureCommand(command, { env });
    if (run.exitCode !== 0) return [];
    const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
    const summaries: CpuSummary[] = [];
    await mkdir(RESULTS_DIR, { recursive: true });
    for (const [i, file] of files.entries()) {
      const kept = join(RESULTS_DIR, files.length === 1 ? `${name}.cpuprofile` : `${name}.${i}.cpuprofile`);
      await copyFile(join(dir, file), kept);
      summaries.push(await summarizeCpuProfile(kept));
    }
    // The thread that did the most work first.
    return summaries.sort((a, b) => b.busyMs - a.busyMs);
  } finally {
    await removeDir(dir);
  }
}
