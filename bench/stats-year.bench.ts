// Stats for one user over a year holding 1,000,000 heartbeats: latency of GET /api/stats?range=year (the
// default response: by_day and every breakdown) through HTTP, against recomputing the same year from raw
// heartbeats (store.readEvents + core computeDurations + summarize) in this process.
// Run: node bench/stats-year.bench.ts [--data-dir DIR] [--runs 200] [--cpu-prof]
// Without --data-dir it seeds its own temp database through the HTTP batch API first (as ingest-1m does).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveRange } from '@devtime/core';
import { onlyUser, openBenchStore } from './lib/bench-store.ts';
import { formatCpuSummary, summarizeLatestProfile } from './lib/cpu-profile.ts';
import { DAY_MS, planEndingToday, utcMidnight } from './lib/heartbeat-generator.ts';
import { loadWarning, machineLoad } from './lib/machine-load.ts';
import { median } from './lib/percentiles.ts';
import { processCpuMs } from './lib/process-cpu.ts';
import { statsFromDurations, statsFromRawEvents } from './lib/raw-year-stats.ts';
import { formatSummary, RESULTS_DIR, type SummaryRow, writeResults } from './lib/results.ts';
import { type SeedResult, seedHeartbeats } from './lib/seed-heartbeats.ts';
import { startDevtime } from './lib/spawn-devtime.ts';
import { measureStatsLatency } from './lib/stats-client.ts';
import { makeTempDir, removeDir } from './lib/temp-dir.ts';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    heartbeats: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'baseline-runs': { type: 'string', default: '3' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const TZ = 'Europe/Berlin';
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const log = (line: string) => process.stdout.write(`[stats-year] ${line}\n`);

const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);
const reuse = args['data-dir'];
if (reuse && !existsSync(join(reuse, 'devtime.sqlite'))) throw new Error(`no devtime.sqlite in ${reuse}`);
const dir = reuse ?? (await makeTempDir('stats'));
const profileDir = join(dir, 'profile-stats');
const server = await startDevtime({
  dataDir: dir,
  nodeFlags: args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
});
log(`devtime at ${server.url} on ${reuse ? `the database in ${dir}` : 'a new database'}`);

let seed: SeedResult | null = null;
if (!reuse) {
  const plan = planEndingToday(Number(args.heartbeats), 365, 42);
  log(
    `seeding ${plan.total.toLocaleString()} heartbeats over the last 365 days through POST /api/heartbeat/batch…`,
  );
  seed = await seedHeartbeats(server, plan);
  log(
    `seeded in ${(seed.load.durationMs / 1000).toFixed(1)} s (${Math.round(seed.load.itemsPerSecond).toLocaleString()} heartbeats/s)`,
  );
}

const nowMs = Date.now();
const year = resolveRange({ range: 'year' }, { nowMs, timeZone: TZ });
if (!year.ok) throw new Error(year.error);
// The seeded span (planEndingToday: the 365 UTC days before today) through today: every heartbeat.
const seededFromMs = utcMidnight(nowMs) - 365 * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const queries = {
  year: `range=year&tz=${encodeURIComponent(TZ)}`,
  last365: `start=${isoDay(seededFromMs)}&end=${isoDay(nowMs)}&tz=${encodeURIComponent(TZ)}`,
};

// The first read also flushes anything not yet materialised; it is not part of the latency figures.
await measureStatsLatency(server, queries.year, { warmup: 0, runs: 1 });
const cpuBefore = processCpuMs(server.child.pid);
const yearLatency = await measureStatsLatency(server, queries.year, { warmup, runs });
const cpuPerRequestMs = (processCpuMs(server.child.pid) - cpuBefore) / (warmup + runs);
log(
  `GET /api/stats?${queries.year}: p50 ${yearLatency.latencyMs.p50.toFixed(2)} ms, p90 ${yearLatency.latencyMs.p90.toFixed(2)} ms, ` +
    `p99 ${yearLatency.latencyMs.p99.toFixed(2)} ms (${runs} sequential requests, ${Math.round(yearLatency.responseBytes / 1024)} KB, ` +
    `${yearLatency.body.by_day.length} days)`,
);
const last365Latency = await measureStatsLatency(server, queries.last365, { warmup, runs });
log(
  `GET /api/stats?${queries.last365}: p50 ${last365Latency.latencyMs.p50.toFixed(2)} ms, p90 ${last365Latency.latencyMs.p90.toFixed(2)} ms, ` +
    `p99 ${last365Latency.latencyMs.p99.toFixed(2)} ms (${Math.round(last365Latency.responseBytes / 1024)} KB)`,
);
await server.stop();

// In-process figures on the same database, the server stopped.
const store = await openBenchStore(server.sqlitePath);
const user = await onlyUser(store);
const allRows = (await store.readDurations(user.id, { fromMs: 0, toMs: nowMs + DAY_MS })).length;
const yearRange = {
  fromMs: year.value.fromMs,
  toMs: year.value.toMs,
  timeZone: TZ,
  timeoutMs: user.timeoutMs,
};
const materialised = [];
for (let i = 0; i < 25; i++) {
  const timing = await statsFromDurations(store, user.id, yearRange);
  if (i >= 5) materialised.push(timing); // the first runs warm up the JIT of this process
}
const raw = [];
for (let i = 0; i < Number(args['baseline-runs']); i++) {
  raw.push(await statsFromRawEvents(store, user.id, yearRange));
  log(
    `baseline run ${i + 1}: ${Math.round(raw.at(-1)!.totalMs)} ms from ${raw.at(-1)!.events.toLocaleString()} raw events`,
  );
}
const totalHeartbeats = (await store.readEvents(user.id, { fromMs: 0, toMs: nowMs + DAY_MS })).length;
await store.close();
const cpuProfile = args['cpu-prof']
  ? await summarizeLatestProfile(profileDir, join(RESULTS_DIR, 'stats-year.cpuprofile'))
  : null;
if (!reuse) await removeDir(dir);

const rawMs = median(raw.map((r) => r.totalMs));
const rawFirst = raw[0]!;
const materialisedMs = median(materialised.map((m) => m.totalMs));
// Both paths must agree on the answer, or the comparison means nothing.
const apiTotalMs = yearLatency.body.total_seconds * 1000;
const agreement = Math.abs(rawFirst.summary.totalMs - apiTotalMs);
log(
  `year from raw events: ${Math.round(rawMs)} ms (read ${Math.round(rawFirst.readEventsMs)} + durations ${Math.round(rawFirst.computeDurationsMs)} ` +
    `+ summarize ${Math.round(rawFirst.summarizeMs)}); materialised in-process ${materialisedMs.toFixed(1)} ms ` +
    `(readDurations ${median(materialised.map((m) => m.readDurationsMs)).toFixed(1)} + summarize ${median(materialised.map((m) => m.summarizeMs)).toFixed(1)}) ` +
    `(${materialised[0]!.rows.toLocaleString()} rows); totals differ by ${agreement} ms`,
);

const summary: SummaryRow[] = [
  {
    figure: 'stats range=year p50 (HTTP, by_day + breakdowns)',
    value: yearLatency.latencyMs.p50,
    unit: 'ms',
    target: { op: '<=', value: 20 },
    baseline: { label: 'raw recompute', value: rawMs },
    ratio: yearLatency.latencyMs.p50 / rawMs,
  },
  {
    figure: 'stats range=year p90 / p99',
    value: yearLatency.latencyMs.p90,
    unit: `/ ${yearLatency.latencyMs.p99.toFixed(1)} ms`,
  },
  {
    figure: 'stats whole seeded span (all 1M) p50',
    value: last365Latency.latencyMs.p50,
    unit: `ms (p99 ${last365Latency.latencyMs.p99.toFixed(1)})`,
    target: { op: '<=', value: 20 },
  },
  { figure: 'stats range=year: server CPU per request', value: cpuPerRequestMs, unit: 'ms' },
  {
    figure: 'stats range=year in-process, no HTTP',
    value: materialisedMs,
    unit: `ms (readDurations ${median(materialised.map((m) => m.readDurationsMs)).toFixed(1)} + summarize ${median(materialised.map((m) => m.summarizeMs)).toFixed(1)})`,
  },
  {
    figure: 'materialised duration rows (all time)',
    value: allRows,
    unit: `rows for ${totalHeartbeats.toLocaleString()} heartbeats`,
  },
];

const durationMs = performance.now() - started;
const file = await writeResults({
  name: 'stats-year',
  startedAt: startedAt.toISOString(),
  durationMs,
  machine: load,
  summary,
  seeded: seed ? 'in this run, through POST /api/heartbeat/batch' : `reused ${dir}`,
  seed,
  heartbeats: totalHeartbeats,
  durationRows: allRows,
  yearRange: {
    ...yearRange,
    from: new Date(yearRange.fromMs).toISOString(),
    to: new Date(yearRange.toMs).toISOString(),
  },
  api: {
    year: {
      query: queries.year,
      latencyMs: yearLatency.latencyMs,
      responseBytes: yearLatency.responseBytes,
      serverCpuPerRequestMs: cpuPerRequestMs,
    },
    last365: {
      query: queries.last365,
      latencyMs: last365Latency.latencyMs,
      responseBytes: last365Latency.responseBytes,
    },
  },
  inProcess: materialised.map(({ summary: _s, ...rest }) => rest),
  rawBaseline: raw.map(({ summary: _s, ...rest }) => rest),
  agreement: {
    apiTotalSeconds: yearLatency.body.total_seconds,
    rawTotalSeconds: rawFirst.summary.totalMs / 1000,
    differenceMs: agreement,
  },
  cpuProfile,
});
process.stdout.write(`\n${formatSummary(summary)}\n\n`);
if (cpuProfile) process.stdout.write(`${formatCpuSummary(cpuProfile)}\n\n`);
log(`done in ${(durationMs / 1000).toFixed(1)} s; results in ${file}`);
if (agreement > 1) process.exitCode = 1;
