// Hook overhead: how much a Claude Code hook running `devtime hook --agent claude` costs the agent per
// event, against the floor of starting node at all (`node -e 0`). Interleaved, N runs each:
//   node -e 0                       the baseline
//   devtime --version               CLI start-up alone (informative)
//   hook, sync running              DEVTIME_DATA_DIR/agents/sync.lock holds a live pid (this bench's)
//   hook, spawns sync               the lock is removed before every call, so the hook starts a sync
// stdin is a recorded PostToolUse (Edit) event; HOME (a copy of the recorded sessions, the session's cwd a
// git repo) and DEVTIME_DATA_DIR are temp dirs, no server (DEVTIME_API_URL=http://127.0.0.1:9, a dummy key).
// The time is spawn → exit of the hook process (what the agent waits for). Background processes a hook
// leaves behind (the sync it starts) are found by their DEVTIME_DATA_DIR and stopped once the hook has
// exited (or, with --wait-background, left to finish and timed), so they never overlap the next run.
// Run: node bench/agents/hook.bench.ts [--runs 60] [--event PostToolUse] [--tool Edit] [--wait-background]
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hookInvocation } from '../../apps/cli/src/agents/hook-invocation.ts';
import { loadWarning, machineLoad } from '../lib/machine-load.ts';
import { type Distribution, describe, median } from '../lib/percentiles.ts';
import { formatSummary, type SummaryRow, writeResults } from '../lib/results.ts';
import { makeTempDir, removeDir } from '../lib/temp-dir.ts';
import { FIXTURE_HOOK_LOG, FIXTURE_PROJECTS } from './lib/claude-fixture.ts';
import { devtimeCommand, isUnknownCommand } from './lib/devtime-cli.ts';
import { cleanEnv } from './lib/measure-command.ts';
import { processesWithEnv, waitForNoProcessWithEnv } from './lib/process-scan.ts';

const { values: args } = parseArgs({
  options: {
    'devtime-bin': { type: 'string' },
    runs: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '3' },
    event: { type: 'string', default: 'PostToolUse' },
    tool: { type: 'string', default: 'Edit' },
    'hook-args': { type: 'string', default: 'hook --agent claude' },
    // By default the background sync a hook starts is stopped (SIGTERM, by pid) as soon as the hook has
    // exited; with this flag it is left to finish and its run-on time is reported (slower bench).
    'wait-background': { type: 'boolean', default: false },
  },
});
const runs = Number(args.runs);
const log = (line: string) => process.stdout.write(`[agents-hook] ${line}\n`);
const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);

// A HOME with the recorded Claude sessions and a git repo as the session's cwd, as on a real machine.
const home = await makeTempDir('agents-hook');
cpSync(FIXTURE_PROJECTS, join(home, '.claude', 'projects'), { recursive: true });
const cwd = join(home, 'code', 'greeter');
mkdirSync(cwd, { recursive: true });
writeFileSync(join(cwd, 'hello.py'), 'print("hello")\n');
spawnSync('git', ['init', '-q', '-b', 'feature/greeting'], { cwd });

const recorded = readFileSync(FIXTURE_HOOK_LOG, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { event: string; stdin: Record<string, unknown> })
  .find((entry) => entry.event === args.event && (!args.tool || entry.stdin.tool_name === args.tool));
if (!recorded) throw new Error(`no ${args.event} ${args.tool ?? ''} event in ${FIXTURE_HOOK_LOG}`);
// The recording's paths point into /home/dev; move them into this HOME.
const stdin = JSON.stringify(recorded.stdin)
  .replaceAll('/home/dev/.claude/', `${home}/.claude/`)
  .replaceAll('/home/dev/code/greeter', cwd);

const dataDir = (name: string) => {
  const dir = join(home, `devtime-${name}`);
  mkdirSync(join(dir, 'agents'), { recursive: true });
  return dir;
};
const dirs = { version: dataDir('version'), locked: dataDir('locked'), spawn: dataDir('spawn') };
// "A sync is running": the lock names a live pid, this bench's own.
writeFileSync(join(dirs.locked, 'agents', 'sync.lock'), `${process.pid}\n`);

const hookEnv = (dir: string) =>
  cleanEnv({
    HOME: home,
    DEVTIME_DATA_DIR: dir,
    DEVTIME_API_URL: 'http://127.0.0.1:9',
    DEVTIME_API_KEY: 'waka_00000000-0000-4000-8000-000000000000',
    // The background sync a hook starts waits 1.5 s to batch events; not part of the hook's cost, and
    // the bench waits for it before the next run, so skip the wait.
    DEVTIME_SYNC_DELAY_MS: '0',
    DEVTIME_SYNC_LINGER_MS: '0',
  });
// Exactly the command `devtime install` writes into the agents' settings (unless --devtime-bin is given).
const hookCommand = args['devtime-bin']
  ? devtimeCommand(args['hook-args'].split(' ').filter(Boolean), args['devtime-bin'])
  : hookInvocation('claude', false).commandArgv;

interface Variant {
  name: string;
  command: string[];
  env: NodeJS.ProcessEnv;
  input: string;
  dataDir?: string;
  before?: () => void;
  isHook: boolean;
}
const variants: Variant[] = [
  { name: 'node -e 0', command: [process.execPath, '-e', '0'], env: cleanEnv({}), input: '', isHook: false },
  {
    name: 'devtime --version',
    command: devtimeCommand(['--version'], args['devtime-bin']),
    env: hookEnv(dirs.version),
    input: '',
    isHook: false,
  },
  {
    name: 'hook, sync running',
    command: hookCommand,
    env: hookEnv(dirs.locked),
    input: stdin,
    dataDir: dirs.locked,
    isHook: true,
  },
  {
    name: 'hook, spawns sync',
    command: hookCommand,
    env: hookEnv(dirs.spawn),
    input: stdin,
    dataDir: dirs.spawn,
    isHook: true,
    before: () => {
      rmSync(join(dirs.spawn, 'agents', 'sync.lock'), { force: true });
      rmSync(join(dirs.spawn, 'agents', 'sync.linger'), { force: true });
    },
  },
];

interface Sample {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** SIGTERM to each pid: only processes found by one of this bench's own DEVTIME_DATA_DIRs. */
function stopAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

function runOnce(variant: Variant): Promise<Sample> {
  variant.before?.();
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(variant.command[0]!, variant.command.slice(1), {
      env: variant.env,
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdin.on('error', () => {});
    child.stdin.end(variant.input);
    // 'exit', not 'close': a detached background child may keep inherited pipes open; the agent waits
    // for the hook process itself.
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

const samples = new Map<string, number[]>(variants.map((v) => [v.name, []]));
const failures = new Map<string, Sample[]>();
const background = new Map<string, { runsWithChildren: number; waitMs: number[]; timedOut: number }>();
let active = [...variants];

// Warm-up (also finds out whether the hook command exists yet).
for (let i = 0; i < Number(args.warmup); i++) {
  for (const variant of [...active]) {
    const sample = await runOnce(variant);
    if (variant.isHook && sample.code !== 0 && isUnknownCommand(sample.stderr)) {
      log(`${variant.name}: command not available yet (${sample.stderr.trim().split('\n')[0]})`);
      active = active.filter((v) => v !== variant);
      failures.set(variant.name, [sample]);
    }
    if (variant.dataDir) await waitForNoProcessWithEnv('DEVTIME_DATA_DIR', variant.dataDir, 10_000);
  }
}

const random = (() => {
  let state = 12345;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
})();
for (let round = 0; round < runs; round++) {
  const order = [...active].sort(() => random() - 0.5);
  for (const variant of order) {
    // CLI start-up is informative and slow: a quarter of the rounds is enough.
    if (variant.name === 'devtime --version' && round % 4 !== 0) continue;
    const sample = await runOnce(variant);
    samples.get(variant.name)!.push(sample.ms);
    if (sample.code !== 0) failures.set(variant.name, [...(failures.get(variant.name) ?? []), sample]);
    if (variant.dataDir) {
      const left = processesWithEnv('DEVTIME_DATA_DIR', variant.dataDir);
      if (!args['wait-background']) stopAll(left);
      const waited = await waitForNoProcessWithEnv('DEVTIME_DATA_DIR', variant.dataDir, 15_000);
      waited.sawAny ||= left.length > 0;
      const entry = background.get(variant.name) ?? { runsWithChildren: 0, waitMs: [], timedOut: 0 };
      if (waited.sawAny) {
        entry.runsWithChildren++;
        entry.waitMs.push(waited.ms);
      }
      if (waited.timedOut) entry.timedOut++;
      background.set(variant.name, entry);
    }
  }
  if ((round + 1) % 20 === 0) log(`${round + 1}/${runs} rounds`);
}

// Anything still running with one of our data dirs was started by this bench's hooks: stop it.
for (const dir of Object.values(dirs)) stopAll(processesWithEnv('DEVTIME_DATA_DIR', dir));
await removeDir(home);

const stats = new Map<string, Distribution>();
for (const [name, values] of samples) if (values.length > 0) stats.set(name, describe(values));
const base = stats.get('node -e 0')!;
const lines = [['variant', 'p50', 'p90', 'mean', 'p50 / node -e 0', 'non-zero exits', 'left a process']];
for (const variant of variants) {
  const d = stats.get(variant.name);
  const failed = failures.get(variant.name)?.length ?? 0;
  const bg = background.get(variant.name);
  if (!d) {
    lines.push([variant.name, 'missing', '', '', '', String(failed), '']);
    continue;
  }
  lines.push([
    variant.name,
    `${d.p50.toFixed(1)} ms`,
    `${d.p90.toFixed(1)} ms`,
    `${d.mean.toFixed(1)} ms`,
    `${(d.p50 / base.p50).toFixed(2)}×`,
    String(failed),
    bg ? `${bg.runsWithChildren}/${d.count}` : '',
  ]);
}
const widths = lines[0]!.map((_, col) => Math.max(...lines.map((line) => line[col]!.length)));
const table = lines
  .map((line, i) => {
    const text = line.map((cell, col) =>
      col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!),
    );
    return i === 0 ? `${text.join('  ')}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text.join('  ');
  })
  .join('\n');

const summary: SummaryRow[] = [];
for (const name of ['hook, spawns sync', 'hook, sync running']) {
  const d = stats.get(name);
  if (!d) {
    summary.push({ figure: `${name} p50`, value: Number.NaN, unit: 'missing' });
    continue;
  }
  summary.push({
    figure: `${name} p50 / node -e 0 p50`,
    value: d.p50 / base.p50,
    unit: `× (p50 ${d.p50.toFixed(1)} ms, p90 ${d.p90.toFixed(1)} ms)`,
    target: { op: '<=', value: 1.3 },
    baseline: { label: 'node -e 0 p50 ms', value: base.p50 },
  });
}

const durationMs = performance.now() - started;
const file = await writeResults({
  name: 'agents-hook',
  startedAt: startedAt.toISOString(),
  durationMs,
  machine: load,
  summary,
  runs,
  event: { event: args.event, tool: args.tool, bytes: Buffer.byteLength(stdin) },
  hookCommand,
  variants: Object.fromEntries([...stats].map(([name, d]) => [name, d])),
  samples: Object.fromEntries(samples),
  background: Object.fromEntries(background),
  failures: Object.fromEntries(
    [...failures].map(([name, list]) => [
      name,
      list
        .slice(0, 3)
        .map((s) => ({ code: s.code, stdout: s.stdout.slice(0, 500), stderr: s.stderr.slice(0, 1000) })),
    ]),
  ),
});
process.stdout.write(`\n${table}\n\n${formatSummary(summary)}\n\n`);
for (const [name, bg] of background)
  if (bg.waitMs.length > 0 && args['wait-background'])
    log(
      `${name}: the background process it left ran on for ${median(bg.waitMs).toFixed(0)} ms (median, after the hook ` +
        `exited; waited for before the next run${bg.timedOut > 0 ? `; ${bg.timedOut} still running after 15 s` : ''})`,
    );
for (const [name, list] of failures)
  log(`${name}: ${list.length} non-zero exits, e.g. ${list[0]!.stderr.trim().split('\n')[0] ?? ''}`);
log(`done in ${(durationMs / 1000).toFixed(1)} s; results in ${file}`);
