// Activation cost of the VS Code extension: what DevTime adds to the extension host when it activates.
// Each run is a fresh Node process (a cold extension host): require the bundled dist/extension.cjs (as the
// VSIX ships it) with a fake `vscode`, then call activate(). Target: load + activate ≤ 20 ms (median).
// Baseline: the same for a minimal extension (one status bar item, one command) — the floor.
// Run: node bench/vscode/activation.bench.ts [--runs 20]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildExtension } from '../../apps/vscode/scripts/build.ts';
import { loadWarning, machineLoad } from '../lib/machine-load.ts';
import { describe, median } from '../lib/percentiles.ts';
import { formatSummary, type SummaryRow, writeResults } from '../lib/results.ts';
import { makeTempDir, removeDir } from '../lib/temp-dir.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(args.runs);
const log = (line: string) => process.stdout.write(`[vscode-activation] ${line}\n`);
const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);

const { outfile, bytes } = await buildExtension();
log(`bundle ${outfile} (${(bytes / 1024).toFixed(1)} KiB)`);
const home = await makeTempDir('vscode-activation');
const workspace = join(home, 'workspace');
mkdirSync(join(home, '.devtime'), { recursive: true });
mkdirSync(workspace, { recursive: true });
writeFileSync(
  join(home, '.devtime', 'config.toml'),
  '[api]\nendpoint = "http://127.0.0.1:1"\nkey = "waka_bench"\n',
);

const child = join(import.meta.dirname, 'lib', 'activate-child.ts');
const measure = (target: string) => {
  const out = execFileSync(process.execPath, [child, target, workspace], {
    env: { PATH: process.env.PATH, HOME: home },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { loadMs: number; activateMs: number };
};

const devtime: Array<{ loadMs: number; activateMs: number }> = [];
const baseline: Array<{ loadMs: number; activateMs: number }> = [];
measure(outfile); // warm the OS file cache once
for (let run = 0; run < runs; run += 1) {
  // Interleaved, so drift in machine load hits both alike.
  devtime.push(measure(outfile));
  baseline.push(measure('--baseline'));
}
await removeDir(home);

const total = (sample: { loadMs: number; activateMs: number }) => sample.loadMs + sample.activateMs;
const totals = devtime.map(total);
const baselineTotals = baseline.map(total);
const summary: SummaryRow[] = [
  {
    figure: 'vscode activation: load + activate() (p50)',
    value: median(totals),
    unit: 'ms',
    target: { op: '<=', value: 20 },
    baseline: { label: 'minimal extension', value: median(baselineTotals) },
    ratio: median(totals) / median(baselineTotals),
  },
  {
    figure: 'vscode activation: require(bundle) (p50)',
    value: median(devtime.map((s) => s.loadMs)),
    unit: 'ms',
  },
  {
    figure: 'vscode activation: activate() (p50)',
    value: median(devtime.map((s) => s.activateMs)),
    unit: 'ms',
  },
  { figure: 'vscode bundle size', value: bytes / 1024, unit: 'KiB' },
];
await writeResults({
  name: 'vscode-activation',
  startedAt: startedAt.toISOString(),
  durationMs: performance.now() - started,
  machine: load,
  runs,
  devtime: {
    total: describe(totals),
    load: describe(devtime.map((s) => s.loadMs)),
    activate: describe(devtime.map((s) => s.activateMs)),
  },
  baseline: { total: describe(baselineTotals) },
  summary,
});
process.stdout.write(`\n${formatSummary(summary)}\n`);
