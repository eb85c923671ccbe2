// Incremental sync on a large generated Claude Code history: `devtime sync` once over everything (initial,
// reported, no target), once with nothing new, then `--rounds` times: append one new turn (a user prompt
// row + an assistant row with usage, fresh ids, the current time) to an existing session file, run the
// real hook with the event Claude Code sends on Stop, and time
//   the pass that hook starts (`devtime sync --background`, no delay or linger): reads the file the hook
//     named, uploads to a local `devtime serve` and persists                              (target ≤ 200 ms)
// then append another turn and time the foreground commands, which list the whole history:
//   devtime sync --dry-run   read what was appended, build the payload, upload and persist nothing
//   devtime sync             the same, uploaded and persisted
// The session files are truncated back and their mtimes restored at the end, so the cached history keeps
// matching its expected-totals.json (it is marked DIRTY, and regenerated, if the bench dies in between).
// Run: node bench/agents/sync.bench.ts [--size-mb 1024] [--rounds 5] [--home DIR] [--cpu-prof] [--devtime-bin PATH]
import {
  appendFileSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuSummary, formatCpuSummary } from '../lib/cpu-profile.ts';
import { loadWarning, machineLoad } from '../lib/machine-load.ts';
import { median } from '../lib/percentiles.ts';
import { formatSummary, type SummaryRow, writeResults } from '../lib/results.ts';
import { type DevtimeServer, startDevtime } from '../lib/spawn-devtime.ts';
import { makeTempDir, removeDir } from '../lib/temp-dir.ts';
import { devtimeCommand, isUnknownCommand, profileDevtime } from './lib/devtime-cli.ts';
import { historyFor, markClean, markDirty } from './lib/history-cache.ts';
import { cleanEnv, type Measured, measureCommand } from './lib/measure-command.ts';
import { newTurn } from './lib/new-turn.ts';

const { values: args } = parseArgs({
  options: {
    'devtime-bin': { type: 'string' },
    'size-mb': { type: 'string', default: '1024' },
    rounds: { type: 'string', default: '5' },
    home: { type: 'string' },
    'sync-args': { type: 'string', default: 'sync --source claude --json' },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const rounds = Math.max(1, Number(args.rounds));
const log = (line: string) => process.stdout.write(`[agents-sync] ${line}\n`);
const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);

const { home, expected } = await historyFor(args.home, Number(args['size-mb']), log);
const mb = expected.tree.bytes / 2 ** 20;

const serverDir = await makeTempDir('agents-sync-server');
const clientDir = await makeTempDir('agents-sync-client');
let server: DevtimeServer | null = null;
try {
  server = await startDevtime({ dataDir: serverDir });
  log(`devtime serve at ${server.url}`);
} catch (error) {
  log(
    `could not start devtime serve (${(error as Error).message.split('\n')[0]}); only --dry-run is measured`,
  );
}
const env = cleanEnv({
  HOME: home,
  DEVTIME_DATA_DIR: clientDir,
  DEVTIME_CONFIG: join(clientDir, 'config.toml'),
  DEVTIME_API_URL: server?.url ?? 'http://127.0.0.1:9',
  DEVTIME_API_KEY: server?.key ?? 'waka_00000000-0000-4000-8000-000000000000',
});
const syncArgs = args['sync-args'].split(' ').filter(Boolean);
const sync = (dryRun: boolean) =>
  measureCommand(
    devtimeCommand(
      dryRun ? [...syncArgs.filter((a) => a !== '--json'), '--dry-run'] : syncArgs,
      args['devtime-bin'],
    ),
    {
      env,
      timeoutMs: 20 * 60_000,
    },
  );

interface SyncRun {
  label: string;
  wallMs: number;
  peakRssMb: number | null;
  cpuMs: number | null;
  exitCode: number | null;
  report: unknown;
  stderr: string;
}
const summarise = (label: string, m: Measured): SyncRun => {
  let report: unknown = null;
  try {
    const parsed = JSON.parse(m.stdout) as Record<string, unknown>;
    // A dry run prints the payload; keep its size, not the whole thing.
    report = Array.isArray(parsed.sessions)
      ? {
          sessions: parsed.sessions.length,
          bytes: m.stdout.length,
          turns: (parsed.sessions as Array<{ turns?: unknown[] }>).reduce(
            (n, s) => n + (s.turns?.length ?? 0),
            0,
          ),
        }
      : parsed;
  } catch {
    report = m.stdout.slice(0, 500);
  }
  return {
    label,
    wallMs: m.wallMs,
    peakRssMb: m.peakRssMb,
    cpuMs: m.userMs !== null && m.systemMs !== null ? m.userMs + m.systemMs : null,
    exitCode: m.exitCode,
    report,
    stderr: m.stderr.slice(0, 1500),
  };
};
const describeRun = (run: SyncRun) =>
  `${run.label}: ${run.wallMs.toFixed(0)} ms, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB` +
  (run.exitCode === 0
    ? `; ${JSON.stringify(run.report).slice(0, 300)}`
    : `; exit ${run.exitCode}: ${run.stderr.split('\n')[0]}`);

const runs: SyncRun[] = [];
let missing: string | null = null;
let uploadsWork = server !== null;

// Initial sync: everything (no target; reported).
const initial = summarise(`initial sync (${mb.toFixed(0)} MB)`, await sync(!uploadsWork));
runs.push(initial);
log(describeRun(initial));
if (initial.exitCode !== 0) {
  if (isUnknownCommand(initial.stderr))
    missing = `command not available yet: ${initial.stderr.split('\n')[0]}`;
  else if (uploadsWork) {
    uploadsWork = false;
    log(
      'the uploading sync failed; measuring an initial --dry-run only (it persists no state, so there is no incremental run)',
    );
    const dry = summarise(`initial sync --dry-run (${mb.toFixed(0)} MB)`, await sync(true));
    runs.push(dry);
    log(describeRun(dry));
  }
}

const appended: Array<{ path: string; size: number; mtime: Date }> = [];
let cpuProfile: CpuSummary[] = [];
const incremental = { hooked: [] as SyncRun[], dryRun: [] as SyncRun[], upload: [] as SyncRun[] };
const lingerFile = join(clientDir, 'agents', 'sync.linger');
/** The pass a hook starts (`sync --background`), with no throttle delay and no lingering afterwards. */
const hookedPass = () =>
  measureCommand(devtimeCommand(['sync', '--background'], args['devtime-bin']), {
    env: { ...env, DEVTIME_SYNC_DELAY_MS: '0', DEVTIME_SYNC_LINGER_MS: '0' },
    timeoutMs: 60_000,
  });
const lastLogLine = () => {
  try {
    return (
      readFileSync(join(clientDir, 'agents', 'sync.log'), 'utf8')
        .trim()
        .split('\n')
        .at(-1) ?? ''
    );
  } catch {
    return '';
  }
};
let noChange: SyncRun | null = null;
if (!missing && uploadsWork) {
  noChange = summarise('sync, nothing new', await sync(false));
  runs.push(noChange);
  log(describeRun(noChange));

  await markDirty(home, 'sync.bench.ts appended turns to session files');
  try {
    for (let round = 1; round <= rounds; round++) {
      // Alternate between the sample sessions so appends land in different files and projects.
      const target = expected.sampleSessions[(round - 1) % expected.sampleSessions.length]!;
      if (!appended.some((a) => a.path === target.path)) {
        const stat = statSync(target.path);
        appended.push({ path: target.path, size: stat.size, mtime: stat.mtime });
      }
      // The real flow: a turn is written, the agent's Stop hook runs (the bench holds the linger file, so
      // the hook only records its hint, as when a sync is alive), and the pass a hook starts reads it.
      appendFileSync(target.path, newTurn(readFileSync(target.path, 'utf8'), Date.now(), round).lines);
      writeFileSync(lingerFile, String(process.pid));
      const hook = await measureCommand(devtimeCommand(['hook', '--agent', 'claude'], args['devtime-bin']), {
        env,
        input: JSON.stringify({
          session_id: target.sessionId,
          transcript_path: target.path,
          hook_event_name: 'Stop',
        }),
      });
      rmSync(lingerFile, { force: true });
      const pass = summarise(`round ${round} hooked sync pass (+1 turn)`, await hookedPass());
      pass.report = lastLogLine();
      // Counted only if the pass really read just the hinted file and uploaded the turn.
      if (hook.exitCode !== 0 || !/files hooks named.*1 updated/.test(String(pass.report)))
        pass.exitCode = pass.exitCode || 1;
      incremental.hooked.push(pass);
      runs.push(pass);
      log(describeRun(pass));

      // A second turn, picked up by a foreground `devtime sync`, which lists the whole history.
      appendFileSync(target.path, newTurn(readFileSync(target.path, 'utf8'), Date.now(), round + 100).lines);
      const dry = summarise(`round ${round} sync --dry-run (+1 turn)`, await sync(true));
      incremental.dryRun.push(dry);
      const upload = summarise(`round ${round} sync (+1 turn)`, await sync(false));
      incremental.upload.push(upload);
      runs.push(dry, upload);
      log(`${describeRun(dry)}`);
      log(`${describeRun(upload)}`);
    }
    if (args['cpu-prof']) {
      // One more round, profiled and not timed: where an incremental sync's time goes.
      const target = expected.sampleSessions[0]!;
      cpuProfile = await profileDevtime(syncArgs, env, 'agents-sync', {
        ...(args['devtime-bin'] ? { bin: args['devtime-bin'] } : {}),
        before: () =>
          appendFileSync(target.path, newTurn(readFileSync(target.path, 'utf8'), Date.now(), 0).lines),
      });
    }
  } finally {
    for (const { path, size, mtime } of appended) {
      truncateSync(path, size);
      utimesSync(path, mtime, mtime);
    }
    await markClean(home);
  }
}

// Floors for the incremental figure: starting node, and starting the CLI (same env, nothing to do).
const floor = async (command: string[]) => {
  const times: number[] = [];
  for (let i = 0; i < 7; i++) times.push((await measureCommand(command, { env })).wallMs);
  return median(times.slice(2));
};
const nodeFloorMs = await floor([process.execPath, '-e', '0']);
const cliFloorMs = await floor(devtimeCommand(['--version'], args['devtime-bin']));
log(
  `floors: node -e 0 ${nodeFloorMs.toFixed(0)} ms, devtime --version ${cliFloorMs.toFixed(0)} ms (medians of 5)`,
);
await server?.stop();
await removeDir(serverDir);
await removeDir(clientDir);

const ok = (list: SyncRun[]) => list.filter((r) => r.exitCode === 0);
const summary: SummaryRow[] = [];
const hookedMs = ok(incremental.hooked).map((r) => r.wallMs);
const uploadMs = ok(incremental.upload).map((r) => r.wallMs);
if (hookedMs.length > 0)
  summary.push({
    figure: 'sync pass a hook starts, after one new turn, median',
    value: median(hookedMs),
    unit: `ms (${hookedMs.length} rounds, max ${Math.max(...hookedMs).toFixed(0)}; reads the file the hook named)`,
    target: { op: '<=', value: 200 },
  });
else summary.push({ figure: 'sync pass a hook starts', value: Number.NaN, unit: missing ?? 'missing' });
const dryMs = ok(incremental.dryRun).map((r) => r.wallMs);
if (uploadMs.length > 0)
  summary.push({
    figure: 'devtime sync (foreground, lists the whole history) after one new turn, median',
    value: median(uploadMs),
    unit: `ms (${uploadMs.length} rounds, max ${Math.max(...uploadMs).toFixed(0)})`,
    ...(noChange?.exitCode === 0
      ? {
          baseline: { label: 'sync, nothing new', value: noChange.wallMs },
          ratio: median(uploadMs) / noChange.wallMs,
        }
      : {}),
  });
else
  summary.push({ figure: 'sync after one new turn (upload)', value: Number.NaN, unit: missing ?? 'missing' });
if (dryMs.length > 0)
  summary.push({
    figure: 'sync --dry-run after one new turn, median',
    value: median(dryMs),
    unit: `ms (${dryMs.length} rounds)`,
  });
summary.push(
  { figure: 'floor: node -e 0', value: nodeFloorMs, unit: 'ms' },
  { figure: 'floor: devtime --version (CLI start-up)', value: cliFloorMs, unit: 'ms' },
);
if (noChange?.exitCode === 0)
  summary.push({
    figure: 'sync, nothing new',
    value: noChange.wallMs,
    unit: `ms (peak RSS ${noChange.peakRssMb?.toFixed(0) ?? '?'} MB)`,
  });
if (initial.exitCode === 0)
  summary.push({
    figure: `initial sync, ${mb.toFixed(0)} MB${uploadsWork ? '' : ' (--dry-run)'}`,
    value: initial.wallMs / 1000,
    unit: `s (${(mb / (initial.wallMs / 1000)).toFixed(0)} MB/s, peak RSS ${initial.peakRssMb?.toFixed(0) ?? '?'} MB)`,
  });

const durationMs = performance.now() - started;
const file = await writeResults({
  name: 'agents-sync',
  startedAt: startedAt.toISOString(),
  durationMs,
  machine: load,
  summary,
  history: { ...expected.tree, home },
  server: server ? { url: server.url } : null,
  uploadsWork,
  missing,
  floors: { nodeMs: nodeFloorMs, devtimeVersionMs: cliFloorMs },
  runs,
  cpuProfile,
});
process.stdout.write(`\n${formatSummary(summary)}\n\n`);
for (const [i, profile] of cpuProfile.entries())
  process.stdout.write(
    `${formatCpuSummary(profile).replace('server CPU profile', `devtime CPU profile, thread ${i + 1}/${cpuProfile.length}`)}\n\n`,
  );
log(`done in ${(durationMs / 1000).toFixed(1)} s; results in ${file}`);
