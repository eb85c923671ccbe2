import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface CpuEntry {
  name: string;
  ms: number;
  percent: number;
}

export interface CpuSummary {
  file: string;
  sampledMs: number;
  /** Sampled time not idle and not start-up (module loading); the percentages below are of this. */
  busyMs: number;
  startupMs: number;
  idleMs: number;
  /** Self time by where the code lives: a @devtime package, an npm package, node internals, GC, idle. */
  byArea: CpuEntry[];
  topSelf: CpuEntry[];
  /** Time with the function anywhere on the stack. */
  topInclusive: CpuEntry[];
}

/** The newest `.cpuprofile` in `dir` (written by `node --cpu-prof --cpu-prof-dir=dir` at exit). */
export async function latestProfile(dir: string): Promise<string | null> {
  const files = (await readdir(dir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  return files.length > 0 ? join(dir, files.at(-1)!) : null;
}

/** Summarises the newest profile in `dir` and keeps a copy at `keepAs` (to open in Chrome DevTools). */
export async function summarizeLatestProfile(dir: string, keepAs: string): Promise<CpuSummary | null> {
  const file = await latestProfile(dir);
  if (!file) return null;
  await mkdir(dirname(keepAs), { recursive: true });
  await copyFile(file, keepAs);
  return summarizeCpuProfile(keepAs);
}

export async function summarizeCpuProfile(file: string, top = 15): Promise<CpuSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let startupUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0;
    totalUs += us;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame && frame.callFrame.functionName !== '(root)') stack.push(frame);
    }
    if (stack.some(isStartup)) {
      startupUs += us;
      return;
    }
    add(self, frameName(node), us);
    add(areas, areaOf(node), us);
    const seen = new Set<string>();
    for (const frame of stack) {
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      add(inclusive, name, us);
    }
  });
  const busyUs = totalUs - idleUs - startupUs;
  const entries = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, ms: us / 1000, percent: (100 * us) / busyUs }));
  return {
    file,
    sampledMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    startupMs: startupUs / 1000,
    idleMs: idleUs / 1000,
    byArea: entries(areas, 20),
    topSelf: entries(self, top),
    topInclusive: entries(inclusive, top),
  };
}

export function formatCpuSummary(summary: CpuSummary): string {
  const block = (title: string, rows: CpuEntry[]) =>
    [
      title,
      ...rows.map(
        (r) => `  ${r.percent.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`,
      ),
    ].join('\n');
  return [
    `server CPU profile: ${summary.file}`,
    `  ${(summary.sampledMs / 1000).toFixed(1)} s sampled = ${(summary.busyMs / 1000).toFixed(1)} s busy ` +
      `+ ${(summary.idleMs / 1000).toFixed(1)} s idle + ${(summary.startupMs / 1000).toFixed(1)} s start-up (module loading); % of busy time`,
    block('self time by area:', summary.byArea),
    block('top functions, self time:', summary.topSelf),
    block('top functions, inclusive time:', summary.topInclusive),
  ].join('\n');
}

/** Top-level module evaluation and loading: start-up, not request work. */
function isStartup(node: ProfileNode): boolean {
  const { url } = node.callFrame;
  return url === 'node:internal/main/run_main_module' || url === 'node:internal/modules/esm/loader';
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  return `${name} ${shortUrl(url)}:${lineNumber + 1}`;
}

function shortUrl(url: string): string {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/(.+)$/.exec(url);
  if (pnpm) return pnpm[1]!;
  const repo = /\/((?:packages|apps|bench)\/.+)$/.exec(url);
  return repo ? repo[1]! : url;
}

function areaOf(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native/builtin)';
  if (url.startsWith('node:')) return 'node internals';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1]!;
  const workspace = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (workspace) return workspace[1] === 'packages' ? `@devtime/${workspace[2]}` : `apps/${workspace[2]}`;
  return url;
}
