// Generates a large Claude Code history from the recorded fixture sessions (fresh ids, dates spread over
// the past year, ~50 projects) and writes expected-totals.json beside it.
// Run: node bench/agents/generate-claude-history.ts [--size-mb 500] [--out DIR] [--seed 7] [--projects 50]
//        [--days 365] [--no-growing-output] [--fill-cache-split]
// DIR is used as HOME: transcripts go to DIR/.claude/projects/-home-dev-code-<project>/<sessionId>.jsonl
// (point CLAUDE_CONFIG_DIR at DIR/.claude, or HOME at DIR). Default DIR: bench/results/agents-history/claude-<N>mb.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateClaudeHistory } from './lib/generate-history.ts';
import { DEFAULT_HISTORY, historyDir } from './lib/history-cache.ts';
import { formatModelComparison } from './lib/token-totals.ts';

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    'size-mb': { type: 'string', default: '500' },
    out: { type: 'string' },
    seed: { type: 'string', default: String(DEFAULT_HISTORY.seed) },
    projects: { type: 'string', default: String(DEFAULT_HISTORY.projects) },
    days: { type: 'string', default: String(DEFAULT_HISTORY.days) },
    'growing-output': { type: 'boolean', default: DEFAULT_HISTORY.growingOutput },
    'fill-cache-split': { type: 'boolean', default: DEFAULT_HISTORY.fillCacheSplit },
  },
});
const sizeMb = Number(args['size-mb']);
const out = resolve(args.out ?? historyDir(sizeMb));
const log = (line: string) => process.stdout.write(`[generate-claude-history] ${line}\n`);

log(`writing ≥ ${sizeMb} MB of Claude Code transcripts under ${out}/.claude/projects`);
const expected = await generateClaudeHistory({
  out,
  sizeMb,
  seed: Number(args.seed),
  projects: Number(args.projects),
  days: Number(args.days),
  growingOutput: args['growing-output'],
  fillCacheSplit: args['fill-cache-split'],
  onProgress: (bytes) => log(`${Math.round(bytes / 2 ** 20)} MB`),
});
const { tree, generator } = expected;
const seconds = generator.durationMs / 1000;
log(
  `${(tree.bytes / 2 ** 20).toFixed(1)} MB in ${seconds.toFixed(1)} s (${(tree.bytes / 2 ** 20 / seconds).toFixed(0)} MB/s): ` +
    `${tree.sessions.toLocaleString()} sessions (${Object.entries(tree.copiesByTemplate)
      .map(([name, n]) => `${name} ×${n}`)
      .join(
        ', ',
      )}), ${tree.subagentFiles.toLocaleString()} subagent files, ${tree.lines.toLocaleString()} lines, ` +
    `${tree.projects} projects, ${tree.firstTimestamp} … ${tree.lastTimestamp}`,
);
const pick = (key: 'transcript' | 'compactResidual' | 'groundTruth') =>
  Object.fromEntries(Object.entries(expected.models).map(([model, m]) => [model, m[key]]));
process.stdout.write(
  `\n${formatModelComparison([
    { label: 'transcript', models: pick('transcript') },
    { label: 'compact residual', models: pick('compactResidual') },
    { label: 'ground truth', models: pick('groundTruth') },
  ])}\n\n`,
);
log(`expected totals in ${out}/expected-totals.json`);
