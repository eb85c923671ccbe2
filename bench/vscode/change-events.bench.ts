// CPU the VS Code extension spends on typing: 10,000 onDidChangeTextDocument events pushed through the
// real adapter (activateDevtime with a fake `vscode`: event subscription → session → debounce → tracker →
// heartbeats → the disk queue on real files), a keystroke every 30 ms of (fake) time across two files.
// process.cpuUsage() around the loop and until the resulting heartbeats are queued. Target ≤ 50 ms.
// Baseline: the same loop firing the same fake events at a no-op listener (the harness's own cost).
// Run: node bench/vscode/change-events.bench.ts [--events 10000] [--rounds 5]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { activateDevtime } from '../../apps/vscode/src/activate-devtime.ts';
import { createFakeVscode, fakeDocument } from '../../apps/vscode/test/fake-vscode.ts';
import { FakeScheduler } from '../../packages/client/src/test-support/fake-scheduler.ts';
import { loadWarning, machineLoad } from '../lib/machine-load.ts';
import { describe, median } from '../lib/percentiles.ts';
import { formatSummary, type SummaryRow, writeResults } from '../lib/results.ts';
import { makeTempDir, removeDir } from '../lib/temp-dir.ts';

const { values: args } = parseArgs({
  options: { events: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } },
});
const events = Number(args.events);
const rounds = Number(args.rounds);
const KEYSTROKE_MS = 30;
const log = (line: string) => process.stdout.write(`[vscode-change-events] ${line}\n`);
const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const warning = loadWarning(load);
if (warning) log(warning);

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Types `events` keystrokes, half in each file; returns CPU ms for the loop and until queued. */
async function round(
  withExtension: boolean,
): Promise<{ loopMs: number; queuedMs: number; heartbeats: number }> {
  const home = await makeTempDir('vscode-events');
  const folder = join(home, 'shop');
  mkdirSync(join(home, '.devtime'), { recursive: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(home, '.devtime', 'config.toml'),
    '[api]\nendpoint = "http://127.0.0.1:1"\nkey = "waka_bench"\n',
  );
  const fake = createFakeVscode({ workspaceFolder: folder });
  const scheduler = new FakeScheduler(Date.now());
  const session = withExtension
    ? activateDevtime(fake.api, fake.context, { home, env: {}, extensionVersion: 'bench', scheduler })
    : null;
  if (!session) fake.emitters.changeText.event(() => {});
  await session?.load();
  const files = [
    fakeDocument(join(folder, 'cart.ts'), 'typescript', 300),
    fakeDocument(join(folder, 'util.py'), 'python', 80),
  ];
  fake.focusEditor(files[0]!);
  // Warm-up (JIT), not measured.
  for (let i = 0; i < 1_000; i += 1) {
    fake.type(files[0]!);
    scheduler.advance(KEYSTROKE_MS);
  }
  await session?.settled();

  const before = process.cpuUsage();
  for (let i = 0; i < events; i += 1) {
    if (i === events / 2) fake.focusEditor(files[1]!);
    fake.type(files[i < events / 2 ? 0 : 1]!);
    scheduler.advance(KEYSTROKE_MS);
  }
  const loopMs = cpuMs(process.cpuUsage(before));
  await session?.settled();
  const queuedMs = cpuMs(process.cpuUsage(before));
  const { readdirSync, readFileSync } = await import('node:fs');
  const queueDir = join(home, '.devtime', 'queue', 'heartbeats');
  const heartbeats = session
    ? readdirSync(queueDir)
        .filter((name) => name.startsWith('segment-'))
        .reduce(
          (sum, name) => sum + readFileSync(join(queueDir, name), 'utf8').split('\n').filter(Boolean).length,
          0,
        )
    : 0;
  await session?.dispose();
  await removeDir(home);
  return { loopMs, queuedMs, heartbeats };
}

const devtime: Array<Awaited<ReturnType<typeof round>>> = [];
const baseline: Array<Awaited<ReturnType<typeof round>>> = [];
for (let i = 0; i < rounds; i += 1) {
  devtime.push(await round(true));
  baseline.push(await round(false));
}
const total = median(devtime.map((r) => r.queuedMs));
const harness = median(baseline.map((r) => r.queuedMs));
log(
  `heartbeats queued per round: ${devtime.map((r) => r.heartbeats).join(', ')} (from ${events + 1_000} events)`,
);

const summary: SummaryRow[] = [
  {
    figure: `vscode: CPU for ${events.toLocaleString('en-US')} change events (p50)`,
    value: total,
    unit: 'ms',
    target: { op: '<=', value: 50 },
    baseline: { label: 'fake events, no-op listener', value: harness },
    ratio: total / harness,
  },
  {
    figure: 'vscode: … of which the extension (minus baseline)',
    value: Math.max(0, total - harness),
    unit: 'ms',
  },
  {
    figure: 'vscode: CPU per change event (extension)',
    value: (Math.max(0, total - harness) / events) * 1000,
    unit: 'µs',
  },
];
await writeResults({
  name: 'vscode-change-events',
  startedAt: startedAt.toISOString(),
  durationMs: performance.now() - started,
  machine: load,
  events,
  rounds,
  keystrokeMs: KEYSTROKE_MS,
  devtime: { loop: describe(devtime.map((r) => r.loopMs)), queued: describe(devtime.map((r) => r.queuedMs)) },
  baseline: { queued: describe(baseline.map((r) => r.queuedMs)) },
  heartbeats: devtime.map((r) => r.heartbeats),
  summary,
});
process.stdout.write(`\n${formatSummary(summary)}\n`);
