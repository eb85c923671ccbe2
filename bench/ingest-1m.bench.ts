// One year of one developer (1,000,000 heartbeats over the last 365 days) through POST /api/heartbeat/batch,
// with the server child's RSS sampled every 250 ms: ingest throughput at scale, and memory staying flat.
// Run: node bench/ingest-1m.bench.ts [--heartbeats 1000000] [--connections 32] [--keep-data-dir] [--cpu-prof]
// --keep-data-dir leaves the database for `stats-year.bench.ts --data-dir <dir>` (run-all.ts does this).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countStoredHeartbeats, onlyUser, openBenchStore } from './lib/bench-store.ts';
import { formatCpuSummary, summarizeLatestProfile } from './lib/cpu-profile.ts';
import { DAY_MS, planEndingToday } from './lib/heartbeat-generator.ts';
import { loadWarning, machineLoad } from './lib/machine-load.ts';
import { processCpuMs } from './lib/process-cpu.ts';
import { formatSummary, RESULTS_DIR, type SummaryRow, writeResults } from './lib/results.ts';
import { type RssSample, sampleAt, startRssSampler } from './lib/rss-sampler.ts';
import { seedHeartbeats } from './lib/seed-heartbeats.ts';
import { startDevtime } from './lib/spawn-devtime.ts';
import { getStats } from './lib/stats-client.ts';
import { makeTempDir, removeDir } from './lib/temp-dir.ts';

const { values: args } = parseArgs({
  options: {
    heartbeats: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '1000' },
    connections: { type: 'string', default: '32' },
    'keep-data-dir': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const total = Number(args.heartbeats);
const TZ = 'Europe/Berlin';
const log = (line: string) => process.stdout.write(`[ingest-1m] ${line}\n`);

const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);
const dir = await makeTempDir('year');
const profileDir = join(dir, 'profile');
const server = await startDevtime({
  dataDir: dir,
  nodeFlags: args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
});
log(`devtime at ${server.url} (pid ${server.child.pid}), data in ${dir}`);

const progress = { items: 0 };
const sampler = startRssSampler(server.child.pid, { intervalMs: 250, progress: () => progress.items });
await new Promise((resolve) => setTimeout(resolve, 500));
const idle = sampler.samples.at(-1);

const plan = planEndingToday(total, 365, 42);
const reporter = setInterval(() => {
  const rss = sampler.samples.at(-1);
  log(`  ${progress.items.toLocaleString()} heartbeats acknowledged, server RSS ${rss?.rssMb.toFixed(0)} MB`);
}, 5_000);
const cpuBefore = processCpuMs(server.child.pid);
const seed = await seedHeartbeats(server, plan, {
  batchSize: Number(args['batch-size']),
  connections: Number(args.connections),
  progress,
});
clearInterval(reporter);
const afterIngest = sampler.samples.at(-1);
const { load: result } = seed;
log(
  `generated ${total.toLocaleString()} heartbeats (${seed.bodyMb.toFixed(0)} MB of JSON) in ${Math.round(seed.generationMs)} ms; ` +
    `ingested in ${(result.durationMs / 1000).toFixed(1)} s = ${Math.round(result.itemsPerSecond).toLocaleString()} heartbeats/s ` +
    `(batch p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms)`,
);

// The first read flushes whatever the background flusher has not materialised yet.
const statsQuery = `start=${isoDate(plan.firstDayMs)}&end=${isoDate(plan.firstDayMs + (plan.days - 1) * DAY_MS)}&tz=${encodeURIComponent(TZ)}`;
const firstRead = await getStats(server, statsQuery);
log(
  `durations materialised and read ${Math.round(firstRead.ms)} ms after the last batch (total ${Math.round(firstRead.body.total_seconds / 3600)} h)`,
);
const serverCpuMs = processCpuMs(server.child.pid) - cpuBefore;
await new Promise((resolve) => setTimeout(resolve, 1_000));
const samples = await sampler.stop();
await server.stop();

const store = await openBenchStore(server.sqlitePath);
const user = await onlyUser(store);
const stored = await countStoredHeartbeats(store, user.id, plan.firstDayMs - DAY_MS, Date.now() + DAY_MS);
await store.close();
log(
  `created ${result.created.toLocaleString()} of ${result.items.toLocaleString()} sent; ${stored.toLocaleString()} in the database`,
);

const cpuProfile = args['cpu-prof']
  ? await summarizeLatestProfile(profileDir, join(RESULTS_DIR, 'ingest-1m.cpuprofile'))
  : null;
if (!args['keep-data-dir']) await removeDir(dir);

const rssAt = (fraction: number) => sampleAt(samples, total, fraction)?.rssMb ?? Number.NaN;
const peakMb = Math.max(...samples.map((s) => s.hwmMb));
const rss = {
  idleMb: idle?.rssMb ?? Number.NaN,
  at10PercentMb: rssAt(0.1),
  at50PercentMb: rssAt(0.5),
  at100PercentMb: afterIngest?.rssMb ?? rssAt(1),
  afterMaterialiseMb: samples.at(-1)?.rssMb ?? Number.NaN,
  peakMb,
};
log(
  `server RSS: idle ${rss.idleMb.toFixed(0)} MB, at 10% ${rss.at10PercentMb.toFixed(0)} MB, 50% ${rss.at50PercentMb.toFixed(0)} MB, ` +
    `100% ${rss.at100PercentMb.toFixed(0)} MB, after flush ${rss.afterMaterialiseMb.toFixed(0)} MB; peak (VmHWM) ${peakMb.toFixed(0)} MB`,
);

const summary: SummaryRow[] = [
  {
    figure: `1M ingest over HTTP (${seed.batchSize}/req, ${seed.connections} conns)`,
    value: result.itemsPerSecond,
    unit: 'heartbeats/s',
    target: { op: '>=', value: 100_000 },
  },
  {
    figure: '1M ingest per server CPU-second (incl. durations)',
    value: result.items / (serverCpuMs / 1000),
    unit: 'heartbeats/CPU-s',
  },
  { figure: '1M ingest: durations materialised after load', value: firstRead.ms, unit: 'ms' },
  {
    figure: '1M ingest: server RSS at 10% / 50% of ingest',
    value: rss.at10PercentMb,
    unit: `/ ${rss.at50PercentMb.toFixed(0)} MB`,
  },
  { figure: '1M ingest: server RSS at 100% of ingest', value: rss.at100PercentMb, unit: 'MB' },
  {
    figure: '1M ingest: server peak RSS (VmHWM)',
    value: peakMb,
    unit: 'MB',
    baseline: { label: 'idle RSS', value: rss.idleMb },
    ratio: peakMb / rss.idleMb,
  },
  {
    figure: '1M ingest: heartbeats created (== sent, == stored)',
    value: result.created === stored ? result.created : Math.min(result.created, stored),
    unit: 'heartbeats',
    target: { op: '>=', value: total },
  },
];

const durationMs = performance.now() - started;
const file = await writeResults({
  name: 'ingest-1m',
  startedAt: startedAt.toISOString(),
  durationMs,
  machine: load,
  summary,
  dataDir: args['keep-data-dir'] ? dir : null,
  plan,
  seed,
  serverCpuMs,
  rss,
  rssSamples: downsample(samples, 200),
  verification: { sent: result.items, created: result.created, stored },
  cpuProfile,
});
process.stdout.write(`\n${formatSummary(summary)}\n\n`);
if (cpuProfile) process.stdout.write(`${formatCpuSummary(cpuProfile)}\n\n`);
log(
  `done in ${(durationMs / 1000).toFixed(1)} s; results in ${file}${args['keep-data-dir'] ? `; database kept in ${dir}` : ''}`,
);
if (result.created !== total || stored !== total) process.exitCode = 1;

function downsample(list: readonly RssSample[], max: number): RssSample[] {
  const step = Math.max(1, Math.ceil(list.length / max));
  return list.filter((_, i) => i % step === 0 || i === list.length - 1);
}

function isoDate(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}
