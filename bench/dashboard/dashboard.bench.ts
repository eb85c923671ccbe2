// The dashboard on a year of history: first-view JavaScript (gzip), navigation → overview interactive in
// Chromium, and range-switch latency. Seeds ≥ 500,000 heartbeats and 1,000 agent sessions through the API.
// Run: node bench/dashboard/dashboard.bench.ts [--heartbeats 500000] [--sessions 1000] [--runs 7]
import { parseArgs } from 'node:util';
// The browser tests' own helpers: one build command and one set of Chromium flags for both.
import { buildDashboard } from '../../apps/cli/test/dashboard/build-dashboard.ts';
import { launchChromium } from '../../test-support/chromium.ts';
import { planEndingToday, utcMidnight } from '../lib/heartbeat-generator.ts';
import { loadWarning, machineLoad } from '../lib/machine-load.ts';
import { describe, median } from '../lib/percentiles.ts';
import { formatSummary, type SummaryRow, writeResults } from '../lib/results.ts';
import { seedHeartbeats } from '../lib/seed-heartbeats.ts';
import { startDevtime } from '../lib/spawn-devtime.ts';
import { makeTempDir, removeDir } from '../lib/temp-dir.ts';
import { generateAgentSessions } from './lib/agent-sessions.ts';
import { loadOverview, loggedInContext, type RangeSwitch, switchRange } from './lib/measure-page.ts';

const { values: args } = parseArgs({
  options: {
    heartbeats: { type: 'string', default: '500000' },
    sessions: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '7' },
  },
});
const heartbeatCount = Number(args.heartbeats);
const sessionCount = Number(args.sessions);
const runs = Number(args.runs);
const DAYS = 365;
const SWITCHES = ['today', 'year', 'last_30_days', 'month', 'week', 'yesterday', 'last_7_days'];

const startedAt = new Date();
const started = performance.now();
const load = machineLoad();
const log = (line: string) => process.stdout.write(`${line}\n`);
log(loadWarning(load) ?? `load average ${load.loadAverage1m} on ${load.cpus} CPUs`);

const build = buildDashboard();
log(`dashboard built in ${Math.round(build.durationMs)} ms`);

const dataDir = await makeTempDir('dashboard');
const server = await startDevtime({ dataDir });
const browser = await launchChromium();
try {
  const seedStarted = performance.now();
  const seeded = await seedHeartbeats(server, planEndingToday(heartbeatCount, DAYS));
  const sessions = generateAgentSessions(sessionCount, { endMs: utcMidnight(Date.now()), days: DAYS });
  for (let i = 0; i < sessions.length; i += 200) {
    const response = await fetch(`${server.url}/api/agent/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sessions: sessions.slice(i, i + 200) }),
    });
    const body = (await response.json()) as { results: Array<{ status: string }> };
    const rejected = body.results.filter((r) => r.status === 'rejected');
    if (!response.ok || rejected.length > 0)
      throw new Error(`agent upload failed: ${JSON.stringify(body).slice(0, 500)}`);
  }
  // The first read materialises the year's durations; the dashboard measures start after it.
  const flushStarted = performance.now();
  const year = (await (
    await fetch(`${server.url}/api/stats?range=all_time`, {
      headers: { authorization: `Bearer ${server.key}` },
    })
  ).json()) as { total_seconds: number; agents: { sessions: number } };
  const flushMs = performance.now() - flushStarted;
  const seedMs = performance.now() - seedStarted;
  log(
    `seeded ${seeded.load.created.toLocaleString('en-US')} heartbeats and ${year.agents.sessions} agent sessions ` +
      `in ${(seedMs / 1000).toFixed(1)} s (first stats read ${Math.round(flushMs)} ms); ` +
      `${Math.round(year.total_seconds / 3600)} h in total`,
  );

  // What the pages ask the API for, on the year (informational: where a slow page would spend its time).
  const apiMs: Record<string, number> = {};
  for (const path of [
    '/api/stats?range=last_7_days',
    '/api/stats?range=year',
    '/api/stats/hours?range=year',
    '/api/sessions?range=last_7_days',
    '/api/agent/activity?range=year',
    '/api/agent/sessions?range=year',
  ]) {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const requestStarted = performance.now();
      const response = await fetch(`${server.url}${path}`, {
        headers: { authorization: `Bearer ${server.key}` },
      });
      await response.arrayBuffer();
      samples.push(performance.now() - requestStarted);
    }
    apiMs[path] = median(samples);
  }
  log(
    `API p50 (ms): ${Object.entries(apiMs)
      .map(([path, ms]) => `${path} ${Math.round(ms)}`)
      .join(', ')}`,
  );

  // Cold loads: a new context each time (empty cache), logged in by cookie.
  const cold: Record<string, number[]> = { last_7_days: [], year: [] };
  let firstViewScripts: Array<{ url: string; bytes: number; gzipBytes: number }> = [];
  for (let run = 0; run < runs; run++) {
    for (const range of Object.keys(cold)) {
      const context = await browser.newContext();
      await loggedInContext(context, server.url, server.key);
      const page = await context.newPage();
      const overview = await loadOverview(page, server.url, range);
      cold[range]!.push(overview.interactiveMs);
      if (range === 'last_7_days') firstViewScripts = overview.scripts;
      await context.close();
    }
  }
  const firstViewGzipKb = firstViewScripts.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024;
  const firstViewRawKb = firstViewScripts.reduce((sum, s) => sum + s.bytes, 0) / 1024;

  // Range switches on one loaded overview, each range several times.
  const context = await browser.newContext();
  await loggedInContext(context, server.url, server.key);
  const page = await context.newPage();
  await loadOverview(page, server.url, 'last_7_days');
  const switchMs: Record<string, number[]> = {};
  const shownMs: number[] = [];
  const slowSwitches: Array<RangeSwitch & { range: string }> = [];
  for (let round = 0; round < runs; round++) {
    for (const range of SWITCHES) {
      const sample = await switchRange(page, range);
      const samples = switchMs[range] ?? [];
      samples.push(sample.totalMs);
      shownMs.push(sample.shownMs);
      switchMs[range] = samples;
      if (sample.totalMs > 200) slowSwitches.push({ range, ...sample });
    }
  }
  await context.close();
  const allSwitches = describe(Object.values(switchMs).flat());

  const summary: SummaryRow[] = [
    {
      figure: 'dashboard first-view JS (gzip)',
      value: firstViewGzipKb,
      unit: 'KB',
      target: { op: '<=', value: 150 },
    },
    {
      figure: 'overview interactive, last 7 days (p50, cold)',
      value: median(cold.last_7_days!),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
    },
    {
      figure: 'overview interactive, this year (p50, cold)',
      value: median(cold.year!),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
    },
    { figure: 'range switch, numbers shown (p50)', value: describe(shownMs).p50, unit: 'ms' },
    {
      figure: 'range switch, page settled (p50)',
      value: allSwitches.p50,
      unit: 'ms',
      target: { op: '<=', value: 200 },
    },
    {
      figure: 'range switch, page settled (p90)',
      value: allSwitches.p90,
      unit: 'ms',
      target: { op: '<=', value: 200 },
    },
  ];
  const file = await writeResults({
    name: 'dashboard',
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    machine: load,
    dataset: {
      heartbeats: seeded.load.created,
      agentSessions: year.agents.sessions,
      days: DAYS,
      totalSeconds: year.total_seconds,
    },
    seedMs,
    apiMs,
    firstStatsReadMs: flushMs,
    buildMs: build.durationMs,
    firstViewScripts: firstViewScripts.map((s) => ({ ...s, url: new URL(s.url).pathname })),
    firstViewRawKb,
    coldInteractiveMs: cold,
    switchMs,
    shownMs,
    slowSwitches,
    summary,
  });
  log(
    `\nfirst-view scripts: ${firstViewScripts.map((s) => `${new URL(s.url).pathname} ${(s.gzipBytes / 1024).toFixed(1)} KB`).join(', ')}`,
  );
  log(
    `range switch by range (p50 ms): ${Object.entries(switchMs)
      .map(([r, v]) => `${r} ${Math.round(median(v))}`)
      .join(', ')}`,
  );
  for (const slow of slowSwitches) {
    log(
      `slow switch to ${slow.range}: ${Math.round(slow.totalMs)} ms (DOM updated at ${Math.round(slow.shownMs)} ms), slowest request ` +
        `${slow.slowestRequest} ${Math.round(slow.slowestRequestMs)} ms`,
    );
  }
  log(`\n${formatSummary(summary)}\n\nresults: ${file}`);
} finally {
  await browser.close();
  await server.stop();
  await removeDir(dataDir);
}
