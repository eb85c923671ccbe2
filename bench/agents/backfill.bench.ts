// Backfill throughput on a large generated Claude Code history (warm page cache): ccusage from npm, two
// plain-node baselines and DevTime's `backfill plan`, each a child process measured for wall time, MB/s,
// peak RSS and CPU, and the per-model token totals each one reports against the totals put in.
// Run: node bench/agents/backfill.bench.ts [--size-mb 500] [--runs 3] [--home DIR]
//        [--devtime-args "backfill plan --source claude --json"] [--devtime-models-path a.b] [--cpu-prof]
//        [--no-ccusage-js] [--devtime-bin PATH]
// Without --home it reuses (or generates) bench/results/agents-history/claude-<size>mb.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatCpuSummary } from '../lib/cpu-profile.ts';
import { loadWarning, machineLoad } from '../lib/machine-load.ts';
import { median } from '../lib/percentiles.ts';
import { formatSummary, type SummaryRow, writeResults } from '../lib/results.ts';
import { makeTempDir, removeDir } from '../lib/temp-dir.ts';
import { ccusageCommand, ccusageModelTotals, findCcusage } from './lib/ccusage.ts';
import { devtimeCommand, extractModelTotals, isUnknownCommand, profileDevtime } from './lib/devtime-cli.ts';
import { explainTotals, pickExpected } from './lib/explain-totals.ts';
import { historyFor } from './lib/history-cache.ts';
import { cleanEnv, type Measured, measureCommand } from './lib/measure-command.ts';
import { listJsonl, type ScanOutput } from './lib/scan-baseline.ts';
import { formatModelComparison, type ModelTotals, sameModelTotals } from './lib/token-totals.ts';

const { values: args } = parseArgs({
  allowNegative: true,
  options: {
    'devtime-bin': { type: 'string' },
    'size-mb': { type: 'string', default: '500' },
    runs: { type: 'string', default: '3' },
    home: { type: 'string' },
    'devtime-args': { type: 'string', default: 'backfill plan --source claude --json' },
    'devtime-models-path': { type: 'string' },
    'ccusage-args': { type: 'string', default: 'claude daily --json --offline' },
    'ccusage-js': { type: 'boolean', default: true },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(args.runs));
const log = (line: string) => process.stdout.write(`[agents-backfill] ${line}\n`);
const MB = 2 ** 20;

const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);

const { home, expected } = await historyFor(args.home, Number(args['size-mb']), log);
const mb = expected.tree.bytes / MB;

// Warm the page cache: every tool then reads from memory, and the first one is not penalised.
const warmStarted = performance.now();
const files = listJsonl(join(home, '.claude', 'projects'));
let warmBytes = 0;
for (const file of files) warmBytes += readFileSync(file).length;
const warmMs = performance.now() - warmStarted;
if (warmBytes !== expected.tree.bytes)
  throw new Error(
    `the tree holds ${warmBytes} bytes of .jsonl, expected-totals.json says ${expected.tree.bytes}`,
  );
log(
  `history: ${mb.toFixed(0)} MB in ${files.length.toLocaleString()} .jsonl files, ${expected.tree.lines.toLocaleString()} lines ` +
    `(page cache warmed in ${(warmMs / 1000).toFixed(1)} s, ${(mb / (warmMs / 1000)).toFixed(0)} MB/s)`,
);

const devtimeData = await makeTempDir('agents-backfill');
const ccusage = findCcusage('ccusage');
const ccusageJs = args['ccusage-js'] ? findCcusage('ccusage-js') : null;
const ccusageArgs = args['ccusage-args'].split(' ').filter(Boolean);
if (ccusage && !ccusage.nativeBinary)
  log(`ccusage ${ccusage.version}: no native binary for ${process.platform}-${process.arch}; it will fail`);

interface Tool {
  name: string;
  command: string[];
  env: NodeJS.ProcessEnv;
  totals(stdout: string): { models: ModelTotals; note?: string } | null;
}

const baselineScript = join(import.meta.dirname, 'lib', 'scan-baseline.ts');
const scanTotals = (stdout: string) => {
  const output = JSON.parse(stdout) as ScanOutput;
  return { models: output.models, note: `${output.parsedLines.toLocaleString()} lines parsed` };
};
const tools: Tool[] = [];
if (ccusage)
  tools.push({
    name: 'ccusage',
    command: ccusageCommand(ccusage, ccusageArgs),
    // HOME for ~/.claude and ~/.config/claude; CLAUDE_CONFIG_DIR as a user with a moved config would.
    env: cleanEnv({ HOME: home, CLAUDE_CONFIG_DIR: join(home, '.claude'), TZ: 'UTC', NO_COLOR: '1' }),
    totals: (stdout) => ({ models: ccusageModelTotals(stdout) }),
  });
if (ccusageJs)
  tools.push({
    name: `ccusage ${ccusageJs.version} (JS)`,
    command: ccusageCommand(ccusageJs, ccusageArgs),
    env: cleanEnv({ HOME: home, CLAUDE_CONFIG_DIR: join(home, '.claude'), TZ: 'UTC', NO_COLOR: '1' }),
    totals: (stdout) => ({ models: ccusageModelTotals(stdout) }),
  });
tools.push(
  {
    name: 'node JSON.parse every line',
    command: [process.execPath, baselineScript, 'parse-all', home],
    env: cleanEnv({}),
    totals: scanTotals,
  },
  {
    name: 'node parse "usage" lines only',
    command: [process.execPath, baselineScript, 'usage-lines', home],
    env: cleanEnv({}),
    totals: scanTotals,
  },
  {
    name: 'DevTime backfill plan',
    command: devtimeCommand(args['devtime-args'].split(' ').filter(Boolean), args['devtime-bin']),
    env: cleanEnv({
      HOME: home,
      DEVTIME_DATA_DIR: devtimeData,
      DEVTIME_CONFIG: join(devtimeData, 'config.toml'),
      DEVTIME_API_URL: 'http://127.0.0.1:9',
    }),
    totals: (stdout) => {
      const found = extractModelTotals(JSON.parse(stdout), args['devtime-models-path']);
      return found ? { models: found.models, note: `per-model totals read from ${found.path}` } : null;
    },
  },
);

interface ToolResult {
  name: string;
  command: string[];
  runs: Measured[];
  missing: string | null;
  models: ModelTotals | null;
  note: string | null;
  outputHead: string;
}
const results = new Map<string, ToolResult>(
  tools.map((t) => [
    t.name,
    { name: t.name, command: t.command, runs: [], missing: null, models: null, note: null, outputHead: '' },
  ]),
);

// One unmeasured run each (checks the command works and reads its totals), then `runs` rounds with the
// order rotated so no tool always runs right after the same neighbour.
for (let round = 0; round <= runs; round++) {
  const order = tools.map((_, i) => tools[(i + round) % tools.length]!);
  for (const tool of order) {
    const result = results.get(tool.name)!;
    if (result.missing) continue;
    const measured = await measureCommand(tool.command, { env: tool.env, timeoutMs: 15 * 60_000 });
    if (measured.exitCode !== 0) {
      const why = measured.stderr.trim().split('\n').slice(0, 6).join(' | ') || `exit ${measured.exitCode}`;
      result.missing = isUnknownCommand(measured.stderr)
        ? `command not available yet: ${why}`
        : `failed: ${why}`;
      log(`${tool.name}: ${result.missing}`);
      continue;
    }
    if (round === 0) {
      result.outputHead = measured.stdout.slice(0, 4000);
      try {
        const totals = tool.totals(measured.stdout);
        result.models = totals?.models ?? null;
        result.note = totals ? (totals.note ?? null) : 'no per-model token totals found in its output';
      } catch (error) {
        result.note = `could not read its output: ${(error as Error).message}`;
      }
      log(
        `${tool.name}: ${(measured.wallMs / 1000).toFixed(2)} s (warm-up)${result.note ? `; ${result.note}` : ''}`,
      );
    } else {
      result.runs.push(measured);
      log(
        `round ${round} ${tool.name}: ${(measured.wallMs / 1000).toFixed(2)} s, ` +
          `${(mb / (measured.wallMs / 1000)).toFixed(0)} MB/s, peak RSS ${measured.peakRssMb?.toFixed(0) ?? '?'} MB`,
      );
    }
  }
}
const devtimeTool = tools.find((t) => t.name === 'DevTime backfill plan')!;
const cpuProfile =
  args['cpu-prof'] && !results.get(devtimeTool.name)!.missing
    ? await profileDevtime(
        args['devtime-args'].split(' ').filter(Boolean),
        devtimeTool.env,
        'agents-backfill',
        {
          ...(args['devtime-bin'] ? { bin: args['devtime-bin'] } : {}),
        },
      )
    : [];
await removeDir(devtimeData);

interface Row {
  name: string;
  wallMs: number;
  mbPerSecond: number;
  peakRssMb: number | null;
  cpuMs: number | null;
}
const rows: Row[] = [];
for (const result of results.values()) {
  if (result.runs.length === 0) continue;
  const wallMs = median(result.runs.map((r) => r.wallMs));
  const cpu = result.runs.map((r) => (r.userMs ?? Number.NaN) + (r.systemMs ?? Number.NaN));
  const rss = result.runs.map((r) => r.peakRssMb).filter((v): v is number => v !== null);
  rows.push({
    name: result.name,
    wallMs,
    mbPerSecond: mb / (wallMs / 1000),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : null,
    cpuMs: cpu.every(Number.isFinite) ? median(cpu) : null,
  });
}
const reference = rows.find((r) => r.name === 'ccusage');
const table = [
  ['tool', 'wall (median)', 'MB/s', '× ccusage MB/s', 'peak RSS', 'CPU (user+sys)', 'MB/CPU-s'],
  ...rows.map((r) => [
    r.name,
    `${(r.wallMs / 1000).toFixed(2)} s`,
    r.mbPerSecond.toFixed(0),
    reference ? `${(r.mbPerSecond / reference.mbPerSecond).toFixed(2)}×` : '',
    r.peakRssMb === null ? '?' : `${r.peakRssMb.toFixed(0)} MB`,
    r.cpuMs === null ? '?' : `${(r.cpuMs / 1000).toFixed(2)} s`,
    r.cpuMs === null ? '?' : (mb / (r.cpuMs / 1000)).toFixed(0),
  ]),
  ...[...results.values()].filter((r) => r.missing).map((r) => [r.name, 'missing', '', '', '', '', '']),
];
const widths = table[0]!.map((_, col) => Math.max(...table.map((line) => line[col]!.length)));
const tableText = table
  .map((line, i) => {
    const text = line.map((cell, col) =>
      col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!),
    );
    return i === 0 ? `${text.join('  ')}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text.join('  ');
  })
  .join('\n');

// Token totals: what went in (transcript, compact residual, ground truth) against what each tool read.
const sources = [
  { label: 'expected: transcript', models: pickExpected(expected, 'transcript') },
  { label: 'expected: compact residual', models: pickExpected(expected, 'compactResidual') },
  { label: 'expected: ground truth', models: pickExpected(expected, 'groundTruth') },
  ...[...results.values()].map((r) => ({ label: r.name, models: r.missing ? null : r.models })),
];
const explanations: string[] = [];
let baselinesAgree = true;
for (const result of results.values()) {
  if (result.missing || !result.models) {
    explanations.push(`${result.name}: ${result.missing ?? result.note ?? 'no totals'}`);
    continue;
  }
  explanations.push(...explainTotals(result.name, result.models, expected));
  if (
    result.name.startsWith('node ') &&
    !sameModelTotals(result.models, pickExpected(expected, 'transcript'))
  )
    baselinesAgree = false;
}
if (ccusageJs && results.get(`ccusage ${ccusageJs.version} (JS)`)?.models)
  explanations.push(
    `ccusage ${ccusageJs.version} (JS, the last JavaScript release): counts cache_creation_input_tokens; also misses the /compact calls.`,
  );
if (results.get('ccusage')?.models)
  explanations.push(
    'ccusage (native, v20): only parses lines containing the exact bytes `"usage":{` (a line written with a space ' +
      'after the colon is skipped); keeps, per message.id+requestId, the entry with the largest token total ' +
      '(= largest output here), and drops sidechain replays of a parent message; takes cache_creation from ' +
      'usage.cache_creation.ephemeral_5m/1h when that object is present; never reads cost-state, so /compact calls are missing.',
  );

const summary: SummaryRow[] = [];
const devtimeRow = rows.find((r) => r.name === 'DevTime backfill plan');
const baselineRow = rows.find((r) => r.name === 'node parse "usage" lines only');
if (devtimeRow)
  summary.push({
    figure: `backfill plan, ${mb.toFixed(0)} MB Claude history`,
    value: devtimeRow.mbPerSecond,
    unit: 'MB/s',
    ...(reference
      ? {
          baseline: { label: 'ccusage', value: reference.mbPerSecond },
          ratio: devtimeRow.mbPerSecond / reference.mbPerSecond,
        }
      : {}),
  });
else summary.push({ figure: 'backfill plan (DevTime)', value: Number.NaN, unit: 'missing' });
if (devtimeRow?.peakRssMb != null)
  summary.push({
    figure: 'backfill plan peak RSS',
    value: devtimeRow.peakRssMb,
    unit: 'MB',
    ...(reference?.peakRssMb ? { baseline: { label: 'ccusage', value: reference.peakRssMb } } : {}),
    ...(reference?.peakRssMb ? { ratio: devtimeRow.peakRssMb / reference.peakRssMb } : {}),
  });
if (reference)
  summary.push({
    figure: `ccusage ${ccusage?.version} ${ccusageArgs.join(' ')}`,
    value: reference.mbPerSecond,
    unit: `MB/s (peak RSS ${reference.peakRssMb?.toFixed(0) ?? '?'} MB)`,
    ...(baselineRow
      ? {
          baseline: { label: 'node "usage" lines', value: baselineRow.mbPerSecond },
          ratio: reference.mbPerSecond / baselineRow.mbPerSecond,
        }
      : {}),
  });

const durationMs = performance.now() - started;
const file = await writeResults({
  name: 'agents-backfill',
  startedAt: startedAt.toISOString(),
  durationMs,
  machine: load,
  summary,
  history: { ...expected.tree, home, generator: expected.generator, warmReadMs: warmMs },
  ccusage: ccusage
    ? {
        ...ccusage,
        kind: ccusage.nativeBinary ? 'node launcher + static native binary' : 'js',
        args: ccusageArgs,
      }
    : null,
  tools: [...results.values()].map((r) => ({
    name: r.name,
    command: r.command,
    missing: r.missing,
    note: r.note,
    models: r.models,
    runs: r.runs.map(({ stdout: _o, stderr, ...rest }) => ({ ...rest, stderr: stderr.slice(0, 2000) })),
    outputHead: r.outputHead,
  })),
  table: rows,
  expected: {
    models: expected.models,
    totals: expected.totals,
    counts: expected.counts,
    rule: expected.rule,
  },
  explanations,
  baselinesAgreeWithExpected: baselinesAgree,
  cpuProfile,
});

process.stdout.write(`\n${tableText}\n\n${formatModelComparison(sources)}\n\n`);
process.stdout.write(`${explanations.map((line) => `- ${line}`).join('\n')}\n\n`);
process.stdout.write(`${formatSummary(summary)}\n\n`);
for (const [i, profile] of cpuProfile.entries())
  process.stdout.write(
    `${formatCpuSummary(profile).replace('server CPU profile', `devtime CPU profile, thread ${i + 1}/${cpuProfile.length}`)}\n\n`,
  );
log(`done in ${(durationMs / 1000).toFixed(1)} s; results in ${file}`);
if (!baselinesAgree) {
  log('the node baselines disagree with expected-totals.json: the generator or the baselines are wrong');
  process.exitCode = 1;
}
