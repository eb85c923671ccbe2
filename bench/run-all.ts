// Runs every bench in sequence (each in its own process), then prints one summary table.
// ingest-1m keeps its 1M-heartbeat database for stats-year, so the year is seeded once.
// --agents adds the AI-agent benches (bench/agents/: backfill, hook, sync), which generate 500 MB and 1 GB
// Claude Code histories on first use (cached under bench/results/agents-history/); --agents-only runs
// just those. The dashboard bench (bench/dashboard/: bundle size, overview load and range switches in
// Chromium on a seeded year) runs with the core set; --dashboard-only runs just it. So do the VS Code
// extension benches (bench/vscode/: activation, change events; ~30 s); --vscode-only runs just those.
// Run: node bench/run-all.ts [--cpu-prof] [--agents | --agents-only | --dashboard-only | --vscode-only]   (or: pnpm bench)
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadWarning, machineLoad } from './lib/machine-load.ts';
import { formatSummary, readResults, type SummaryRow, writeResults } from './lib/results.ts';
import { removeDir } from './lib/temp-dir.ts';

const passThrough = process.argv.slice(2).filter((arg) => arg === '--cpu-prof');
const agentsOnly = process.argv.includes('--agents-only');
const dashboardOnly = process.argv.includes('--dashboard-only');
const vscodeOnly = process.argv.includes('--vscode-only');
const withAgents = agentsOnly || process.argv.includes('--agents');
const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const timings: Record<string, number> = {};
const failures: string[] = [];

async function run(name: string, args: string[] = [], forward = passThrough): Promise<void> {
  process.stdout.write(`\n=== ${name} ${args.join(' ')}\n`);
  const benchStarted = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, `${name}.bench.ts`), ...args, ...forward],
      {
        stdio: 'inherit',
      },
    );
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  timings[name] = performance.now() - benchStarted;
  if (code !== 0) failures.push(`${name} exited with ${code}`);
}

const benches: string[] = [];
if (!agentsOnly && !dashboardOnly && !vscodeOnly) {
  benches.push('ingest-http', 'ingest-1m', 'stats-year');
  await run('ingest-http');
  await run('ingest-1m', ['--keep-data-dir']);
  const seeded = await readResults('ingest-1m').catch(() => null);
  const dataDir = typeof seeded?.dataDir === 'string' ? seeded.dataDir : null;
  if (dataDir) {
    await run('stats-year', ['--data-dir', dataDir]);
    await removeDir(dataDir);
  } else {
    await run('stats-year');
  }
}
if (!agentsOnly && !vscodeOnly) {
  // Needs /usr/bin/chromium; it seeds its own year (500,000 heartbeats, 1,000 agent sessions).
  benches.push('dashboard');
  await run('dashboard/dashboard', [], []);
}
if (!agentsOnly && !dashboardOnly) {
  // Results are written as vscode-<name>.json; they profile no server.
  for (const name of ['activation', 'change-events']) {
    benches.push(`vscode-${name}`);
    await run(`vscode/${name}`, [], []);
  }
}
if (withAgents && !dashboardOnly && !vscodeOnly) {
  // Results are written as agents-<name>.json; the hook bench profiles nothing.
  for (const name of ['backfill', 'hook', 'sync']) {
    benches.push(`agents-${name}`);
    await run(`agents/${name}`, [], name === 'hook' ? [] : passThrough);
  }
}

const rows: SummaryRow[] = [];
for (const name of benches) {
  const results = await readResults(name).catch(() => null);
  if (results && Date.parse(results.startedAt) >= startedAt.getTime()) rows.push(...results.summary);
  else failures.push(`${name} wrote no results`);
}
const durationMs = performance.now() - started;
await writeResults({
  name: 'run-all',
  startedAt: startedAt.toISOString(),
  durationMs,
  machine: load,
  timings,
  failures,
  summary: rows,
});

process.stdout.write(`\n=== summary (ratio = value / baseline)\n${formatSummary(rows)}\n\n`);
process.stdout.write(
  `bench times: ${Object.entries(timings)
    .map(([name, ms]) => `${name} ${(ms / 1000).toFixed(0)} s`)
    .join(', ')}; total ${(durationMs / 1000).toFixed(0)} s\n`,
);
const warning = loadWarning(load);
if (warning) process.stdout.write(`${warning}\n`);
if (failures.length > 0) {
  process.stdout.write(`failures:\n  ${failures.join('\n  ')}\n`);
  process.exitCode = 1;
}
