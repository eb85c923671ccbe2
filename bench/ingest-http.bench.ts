// Ingest over real HTTP on loopback: DevTime (SQLite, validation, auth, duration maintenance) against a
// bare Hono endpoint that only parses the JSON body, both in child processes, load from autocannon here.
// Run: node bench/ingest-http.bench.ts [--rounds 3] [--batches 150] [--singles 12000] [--phase batch|single|both] [--cpu-prof]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countStoredHeartbeats, onlyUser, openBenchStore } from './lib/bench-store.ts';
import { formatCpuSummary, summarizeLatestProfile } from './lib/cpu-profile.ts';
import { DAY_MS, generateHeartbeats, planForCount } from './lib/heartbeat-generator.ts';
import { acceptedInBatch, createdSingle, type LoadResult, runLoad } from './lib/load-test.ts';
import { median } from './lib/percentiles.ts';
import { processCpuMs } from './lib/process-cpu.ts';
import { takeBatchBodies, takeSingleBodies } from './lib/request-bodies.ts';
import { formatSummary, RESULTS_DIR, type SummaryRow, writeResults } from './lib/results.ts';
import { startBareServer } from './lib/spawn-bare-server.ts';
import { startDevtime } from './lib/spawn-devtime.ts';
import { getStats } from './lib/stats-client.ts';
import { makeTempDir, removeDir } from './lib/temp-dir.ts';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    batches: { type: 'string', default: '150' },
    'batch-size': { type: 'string', default: '1000' },
    singles: { type: 'string', default: '12000' },
    'batch-connections': { type: 'string', default: '32' },
    'single-connections': { type: 'string', default: '64' },
    phase: { type: 'string', default: 'both' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const rounds = Number(args.rounds);
const batchesPerRound = Number(args.batches);
const batchSize = Number(args['batch-size']);
const singlesPerRound = Number(args.singles);
const batchConnections = Number(args['batch-connections']);
const singleConnections = Number(args['single-connections']);
const runBatch = args.phase !== 'single';
const runSingle = args.phase !== 'batch';
const WARMUP_BATCHES = 20;
const WARMUP_SINGLES = 3_000;
const TZ = 'Europe/Berlin';

const startedAt = new Date();
const started = performance.now();
const dir = await makeTempDir('ingest-http');
const profileDir = join(dir, 'profile');
const nodeFlags = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
const log = (line: string) => process.stdout.write(`[ingest-http] ${line}\n`);

// Every body below is distinct: one generator stream is cut into warm-up and measured pools.
const total =
  (runBatch ? (WARMUP_BATCHES + rounds * batchesPerRound) * batchSize : 0) +
  (runSingle ? WARMUP_SINGLES + rounds * singlesPerRound : 0);
const plan = planForCount(total, 7);
const source = generateHeartbeats(plan);
const genStarted = performance.now();
const warmupBatches = runBatch ? takeBatchBodies(source, WARMUP_BATCHES, batchSize) : [];
const roundBatches = Array.from({ length: runBatch ? rounds : 0 }, () =>
  takeBatchBodies(source, batchesPerRound, batchSize),
);
const warmupSingles = runSingle ? takeSingleBodies(source, WARMUP_SINGLES) : [];
const roundSingles = Array.from({ length: runSingle ? rounds : 0 }, () =>
  takeSingleBodies(source, singlesPerRound),
);
log(
  `generated ${total.toLocaleString()} distinct heartbeats over ${plan.days} days in ${Math.round(performance.now() - genStarted)} ms ` +
    `(batch body ~${Math.round((roundBatches[0]?.[0]?.length ?? 0) / 1024)} KB, single body ~${warmupSingles[0]?.length ?? 0} B)`,
);

const devtime = await startDevtime({ dataDir: dir, nodeFlags });
const bare = await startBareServer({ nodeFlags: [] });
log(`devtime at ${devtime.url} (pid ${devtime.child.pid}), bare hono at ${bare.url}`);
const auth = { authorization: `Bearer ${devtime.key}` };
const statsQuery = `start=${isoDate(plan.firstDayMs)}&end=${isoDate(plan.firstDayMs + (plan.days - 1) * DAY_MS)}&tz=${encodeURIComponent(TZ)}`;

let sent = 0;
let created = 0;
const record = (result: LoadResult) => {
  sent += result.items;
  created += result.created;
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(
      `devtime load had failures: ${JSON.stringify(result.statusCounts)} errors ${result.errors} timeouts ${result.timeouts}`,
    );
  }
  return result;
};
/** Time for the stats read that first flushes everything just ingested. */
const materialise = async () => (await getStats(devtime, statsQuery)).ms;

interface Round {
  devtime: LoadResult;
  bare: LoadResult;
  materialiseMs: number;
  /** Server CPU time for the load (DevTime: including materialising its durations). */
  devtimeCpuMs: number;
  bareCpuMs: number;
}

async function phase(
  name: 'batch' | 'single',
  warmup: Buffer[],
  pools: Buffer[][],
  options: {
    path: string;
    itemsPerBody: number;
    connections: number;
    createdOf: (status: number, body: string) => number;
  },
): Promise<Round[]> {
  const devtimeLoad = (bodies: Buffer[]) =>
    runLoad({ url: devtime.url, bodies, headers: auth, ...options }).then(record);
  const bareLoad = (bodies: Buffer[]) =>
    runLoad({
      url: bare.url,
      path: options.path,
      bodies,
      itemsPerBody: options.itemsPerBody,
      connections: options.connections,
    });
  await bareLoad(warmup);
  await devtimeLoad(warmup);
  await materialise();
  const measureBare = async (bodies: Buffer[]) => {
    const cpuBefore = processCpuMs(bare.child.pid);
    const result = await bareLoad(bodies);
    return { result, cpuMs: processCpuMs(bare.child.pid) - cpuBefore };
  };
  const measureDevtime = async (bodies: Buffer[]) => {
    const cpuBefore = processCpuMs(devtime.child.pid);
    const result = await devtimeLoad(bodies);
    const materialiseMs = await materialise();
    return { result, materialiseMs, cpuMs: processCpuMs(devtime.child.pid) - cpuBefore };
  };
  const results: Round[] = [];
  for (const [index, bodies] of pools.entries()) {
    // Alternate who goes first so drift on a shared machine hits both sides alike.
    let bareRun: Awaited<ReturnType<typeof measureBare>>;
    let devtimeRun: Awaited<ReturnType<typeof measureDevtime>>;
    if (index % 2 === 0) {
      bareRun = await measureBare(bodies);
      devtimeRun = await measureDevtime(bodies);
    } else {
      devtimeRun = await measureDevtime(bodies);
      bareRun = await measureBare(bodies);
    }
    const { result: devtimeResult, materialiseMs } = devtimeRun;
    const bareResult = bareRun.result;
    const unit = name === 'batch' ? 'heartbeats/s' : 'req/s';
    const rate = (r: LoadResult) =>
      Math.round(name === 'batch' ? r.itemsPerSecond : r.requestsPerSecond).toLocaleString();
    log(
      `${name} round ${index + 1}: devtime ${rate(devtimeResult)} ${unit} (p50 ${devtimeResult.latencyMs.p50} ms, p99 ${devtimeResult.latencyMs.p99} ms), ` +
        `bare ${rate(bareResult)} ${unit}; durations materialised ${Math.round(materialiseMs)} ms after the load; ` +
        `server CPU ${(devtimeRun.cpuMs / 1000).toFixed(1)} s vs bare ${(bareRun.cpuMs / 1000).toFixed(1)} s`,
    );
    results.push({
      devtime: devtimeResult,
      bare: bareResult,
      materialiseMs,
      devtimeCpuMs: devtimeRun.cpuMs,
      bareCpuMs: bareRun.cpuMs,
    });
  }
  return results;
}

const batchRounds = runBatch
  ? await phase('batch', warmupBatches, roundBatches, {
      path: '/api/heartbeat/batch',
      itemsPerBody: batchSize,
      connections: batchConnections,
      createdOf: acceptedInBatch,
    })
  : [];
const singleRounds = runSingle
  ? await phase('single', warmupSingles, roundSingles, {
      path: '/api/heartbeat',
      itemsPerBody: 1,
      connections: singleConnections,
      createdOf: createdSingle,
    })
  : [];

const finalStats = await getStats(devtime, statsQuery);
await Promise.all([devtime.stop(), bare.stop()]);

// Independent check: what the database holds.
const store = await openBenchStore(devtime.sqlitePath);
const user = await onlyUser(store);
const stored = await countStoredHeartbeats(store, user.id, plan.firstDayMs - DAY_MS, Date.now() + DAY_MS);
await store.close();
log(
  `created ${created.toLocaleString()} of ${sent.toLocaleString()} sent; ${stored.toLocaleString()} heartbeats in the database`,
);

const cpuProfile = args['cpu-prof']
  ? await summarizeLatestProfile(profileDir, join(RESULTS_DIR, `ingest-http-${args.phase}.cpuprofile`))
  : null;
await removeDir(dir);

const medianOf = (list: Round[], pick: (round: Round) => number) => median(list.map(pick));
const summary: SummaryRow[] = [];
if (runBatch) {
  const value = medianOf(batchRounds, (r) => r.devtime.itemsPerSecond);
  const baseline = medianOf(batchRounds, (r) => r.bare.itemsPerSecond);
  summary.push(
    {
      figure: `batch ingest (${batchSize}/req, ${batchConnections} conns)`,
      value,
      unit: 'heartbeats/s',
      target: { op: '>=', value: 100_000 },
      baseline: { label: 'bare hono', value: baseline },
      ratio: value / baseline,
    },
    cpuRow('batch ingest per server CPU-second', 'heartbeats/CPU-s', batchRounds, (r) => r.devtime.items),
    {
      figure: 'durations materialised after batch load',
      value: medianOf(batchRounds, (r) => r.materialiseMs),
      unit: 'ms',
    },
  );
}
if (runSingle) {
  const value = medianOf(singleRounds, (r) => r.devtime.requestsPerSecond);
  const baseline = medianOf(singleRounds, (r) => r.bare.requestsPerSecond);
  summary.push(
    {
      figure: `single-heartbeat requests (${singleConnections} conns)`,
      value,
      unit: 'req/s',
      target: { op: '>=', value: 15_000 },
      baseline: { label: 'bare hono', value: baseline },
      ratio: value / baseline,
    },
    cpuRow('single requests per server CPU-second', 'req/CPU-s', singleRounds, (r) => r.devtime.requests),
    {
      figure: 'durations materialised after single load',
      value: medianOf(singleRounds, (r) => r.materialiseMs),
      unit: 'ms',
    },
  );
}
summary.push({
  figure: 'ingest: heartbeats created (== sent, == stored)',
  value: created === stored ? created : Math.min(created, stored),
  unit: 'heartbeats',
  target: { op: '>=', value: sent },
});

const durationMs = performance.now() - started;
const file = await writeResults({
  name: 'ingest-http',
  startedAt: startedAt.toISOString(),
  durationMs,
  summary,
  settings: {
    rounds,
    batchesPerRound,
    batchSize,
    singlesPerRound,
    batchConnections,
    singleConnections,
    plan,
  },
  batchRounds,
  singleRounds,
  verification: { sent, created, stored },
  finalStats: {
    totalSeconds: finalStats.body.total_seconds,
    days: finalStats.body.by_day.length,
    ms: finalStats.ms,
  },
  cpuProfile,
});
process.stdout.write(`\n${formatSummary(summary)}\n\n`);
if (cpuProfile) process.stdout.write(`${formatCpuSummary(cpuProfile)}\n\n`);
log(`done in ${(durationMs / 1000).toFixed(1)} s; results in ${file}`);
if (created !== sent || stored !== sent) process.exitCode = 1;

/** Throughput per CPU-second of the server process: what a core buys, whatever else the machine runs. */
function cpuRow(figure: string, unit: string, list: Round[], itemsOf: (round: Round) => number): SummaryRow {
  const value = median(list.map((r) => itemsOf(r) / (r.devtimeCpuMs / 1000)));
  const baseline = median(list.map((r) => itemsOf(r) / (r.bareCpuMs / 1000)));
  return { figure, value, unit, baseline: { label: 'bare hono', value: baseline }, ratio: value / baseline };
}

function isoDate(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}
