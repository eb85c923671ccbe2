// Writes a large Claude Code history made of copies of the recorded fixture sessions, each copy with
// fresh ids (session id and file name, uuid/parentUuid, message.id, requestId, tool_use ids, agent id),
// shifted timestamps spread over the past year and one of ~50 project directories, plus
// `expected-totals.json`: the exact per-model token sums that went in.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRandom, pickWeighted } from '../../lib/random.ts';
import {
  loadSessionTemplates,
  render,
  type SessionTemplate,
  type TemplateOptions,
} from './claude-fixture.ts';
import { addModelTotals, type ModelTotals, sumOfModels, type TokenTotals } from './token-totals.ts';

export const GENERATOR_VERSION = 1;
const DAY_MS = 86_400_000;
const MB = 2 ** 20;

export interface GenerateOptions extends TemplateOptions {
  /** HOME of the generated tree: files go to `<out>/.claude/projects/…`. */
  out: string;
  /** Stop once at least this many MiB of transcripts are written. */
  sizeMb: number;
  seed: number;
  projects: number;
  /** Copies start within the `days` days before `nowMs`. */
  days: number;
  nowMs?: number;
  onProgress?: (bytes: number) => void;
}

export interface ExpectedModel {
  /** What the transcripts hold: one count per message.id + requestId, the row with the largest output. */
  transcript: TokenTotals;
  /** Billed calls that leave no assistant row (the /compact summarisation), from the fixture ground truth. */
  compactResidual: TokenTotals;
  /** transcript + compactResidual: every call the model server billed. */
  groundTruth: TokenTotals;
  /** What a first-row-wins dedupe (message.id + requestId) would count. */
  firstRowPerKey: TokenTotals;
  /** What counting every assistant row (no dedupe) would count. */
  everyRow: TokenTotals;
  /** Sum of usage.cache_creation.ephemeral_5m/1h of the counted rows (0 in the mock recordings). */
  cacheCreationFromSplit: number;
}

export interface ExpectedTotals {
  generator: {
    version: number;
    sizeMb: number;
    seed: number;
    projects: number;
    days: number;
    growingOutput: boolean;
    fillCacheSplit: boolean;
    generatedAt: string;
    durationMs: number;
  };
  tree: {
    home: string;
    projectsDir: string;
    bytes: number;
    lines: number;
    files: number;
    sessionFiles: number;
    subagentFiles: number;
    sessions: number;
    projects: number;
    copiesByTemplate: Record<string, number>;
    firstTimestamp: string;
    lastTimestamp: string;
  };
  rule: string;
  models: Record<string, ExpectedModel>;
  totals: { transcript: TokenTotals; compactResidual: TokenTotals; groundTruth: TokenTotals };
  counts: {
    assistantRows: number;
    uniqueResponses: number;
    apiCalls: number;
    compactCalls: number;
  };
  /** One session file per template kind, for benches that append to an existing session. */
  sampleSessions: Array<{ template: string; path: string; sessionId: string; cwd: string }>;
}

export const EXPECTED_FILE = 'expected-totals.json';

export async function generateClaudeHistory(options: GenerateOptions): Promise<ExpectedTotals> {
  const started = performance.now();
  const nowMs = options.nowMs ?? Date.now();
  const random = createRandom(options.seed);
  const templates = loadSessionTemplates(options);
  const projects = projectNames(options.projects, random);
  const projectsDir = join(options.out, '.claude', 'projects');
  // Never wipe a real ~/.claude: only a tree this generator wrote (it has expected-totals.json) is replaced.
  if (existsSync(join(options.out, '.claude')) && !existsSync(join(options.out, EXPECTED_FILE)))
    throw new Error(
      `${options.out}/.claude exists and was not generated here (no ${EXPECTED_FILE}); use another --out`,
    );
  await rm(join(options.out, EXPECTED_FILE), { force: true });
  await rm(join(options.out, '.claude'), { recursive: true, force: true });
  for (const project of projects)
    await mkdir(join(projectsDir, `-home-dev-code-${project.name}`), { recursive: true });

  const ids = idFactory(random);
  const limit = options.sizeMb * MB;
  const copies = new Map<SessionTemplate, number>();
  const sampleSessions: ExpectedTotals['sampleSessions'] = [];
  let bytes = 0;
  let lines = 0;
  let files = 0;
  let subagentFiles = 0;
  let sessions = 0;
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();
  let lastProgress = 0;

  while (bytes < limit) {
    const template = templates[Math.floor(random() * templates.length)]!;
    const project = pickWeighted(random, projects, (p) => p.weight);
    // A working-hours start on a random day of the span; the copy keeps the recording's own pacing.
    const dayStart =
      Math.floor((nowMs - (1 + Math.floor(random() * options.days)) * DAY_MS) / DAY_MS) * DAY_MS;
    let startMs = dayStart + (7 + random() * 11) * 3_600_000;
    const spanMs = template.lastMs - template.firstMs;
    if (startMs + spanMs > nowMs - 3_600_000) startMs = nowMs - 3_600_000 - spanMs;
    const shift = Math.round(startMs) - template.firstMs;
    const values = template.slots.map((slot) => {
      switch (slot.kind) {
        case 'uuid':
          return ids.uuid();
        case 'anthropicId':
          return ids.anthropicId(slot.original);
        case 'iso':
          return new Date(Date.parse(slot.original) + shift).toISOString();
        case 'epochMs':
          return String(Number(slot.original) + shift);
        case 'agentId':
          return `a${ids.hex(16)}`;
        case 'projectPath':
          return `/home/dev/code/${project.name}`;
        case 'projectDir':
          return `-home-dev-code-${project.name}`;
        default:
          throw new Error(`unknown slot kind ${slot.kind satisfies never}`);
      }
    });
    const mtime = new Date(template.lastMs + shift);
    if (template.firstMs + shift < firstMs) firstMs = template.firstMs + shift;
    if (template.lastMs + shift > lastMs) lastMs = template.lastMs + shift;
    const sessionDir = join(projectsDir, `-home-dev-code-${project.name}`, values[template.sessionSlot]!);
    if (template.files.length > 1) await mkdir(join(sessionDir, 'subagents'), { recursive: true });
    for (const [i, file] of template.files.entries()) {
      const path = join(projectsDir, render(file.path, values));
      const content = render(file.content, values);
      const write = writeFile(path, content)
        .then(() => utimes(path, mtime, mtime))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
      if (inFlight.size >= 16) await Promise.race(inFlight);
      const size = Buffer.byteLength(content);
      if (path.endsWith('.jsonl')) {
        bytes += size;
        lines += file.lines;
      }
      files++;
      if (i > 0 && path.endsWith('.jsonl')) subagentFiles++;
      if (i === 0 && !sampleSessions.some((s) => s.template === template.name))
        sampleSessions.push({
          template: template.name,
          path,
          sessionId: values[template.sessionSlot]!,
          cwd: `/home/dev/code/${project.name}`,
        });
    }
    sessions++;
    copies.set(template, (copies.get(template) ?? 0) + 1);
    if (options.onProgress && bytes - lastProgress >= 64 * MB) {
      lastProgress = bytes;
      options.onProgress(bytes);
    }
  }
  await Promise.all(inFlight);

  const models: Record<string, ExpectedModel> = {};
  const sums = {
    transcript: {} as ModelTotals,
    compactResidual: {} as ModelTotals,
    groundTruth: {} as ModelTotals,
    firstRowPerKey: {} as ModelTotals,
    everyRow: {} as ModelTotals,
  };
  const split: Record<string, number> = {};
  const counts = { assistantRows: 0, uniqueResponses: 0, apiCalls: 0, compactCalls: 0 };
  for (const [template, n] of copies) {
    for (const key of Object.keys(sums) as (keyof typeof sums)[]) addModelTotals(sums[key], template[key], n);
    for (const [model, value] of Object.entries(template.cacheCreationFromSplit))
      split[model] = (split[model] ?? 0) + value * n;
    counts.assistantRows += template.assistantRows * n;
    counts.uniqueResponses += template.uniqueMessages * n;
    counts.apiCalls += template.apiCalls * n;
    counts.compactCalls += template.compactCalls * n;
  }
  const zero = (): TokenTotals => ({ input: 0, output: 0, cache_creation: 0, cache_read: 0 });
  for (const model of Object.keys(sums.groundTruth).sort()) {
    models[model] = {
      transcript: sums.transcript[model] ?? zero(),
      compactResidual: sums.compactResidual[model] ?? zero(),
      groundTruth: sums.groundTruth[model]!,
      firstRowPerKey: sums.firstRowPerKey[model] ?? zero(),
      everyRow: sums.everyRow[model] ?? zero(),
      cacheCreationFromSplit: split[model] ?? 0,
    };
  }
  const expected: ExpectedTotals = {
    generator: {
      version: GENERATOR_VERSION,
      sizeMb: options.sizeMb,
      seed: options.seed,
      projects: options.projects,
      days: options.days,
      growingOutput: options.growingOutput,
      fillCacheSplit: options.fillCacheSplit,
      generatedAt: new Date(nowMs).toISOString(),
      durationMs: performance.now() - started,
    },
    tree: {
      home: options.out,
      projectsDir,
      bytes,
      lines,
      files,
      sessionFiles: sessions,
      subagentFiles,
      sessions,
      projects: new Set(projects.map((p) => p.name)).size,
      copiesByTemplate: Object.fromEntries([...copies].map(([t, n]) => [t.name, n])),
      firstTimestamp: new Date(firstMs).toISOString(),
      lastTimestamp: new Date(lastMs).toISOString(),
    },
    rule:
      'per model; assistant rows counted once per message.id + requestId, from the row with the largest ' +
      'output_tokens; <synthetic> skipped; groundTruth adds the /compact summarisation call (no assistant ' +
      'row; Claude Code records it only in cost-state.modelUsage)',
    models,
    totals: {
      transcript: sumOfModels(sums.transcript),
      compactResidual: sumOfModels(sums.compactResidual),
      groundTruth: sumOfModels(sums.groundTruth),
    },
    counts,
    sampleSessions,
  };
  // Written last, through a rename: its presence marks a complete tree.
  const tmp = join(options.out, `${EXPECTED_FILE}.tmp`);
  await writeFile(tmp, `${JSON.stringify(expected, null, 2)}\n`);
  await rename(tmp, join(options.out, EXPECTED_FILE));
  return expected;
}

const WORDS_A = [
  'billing',
  'search',
  'mobile',
  'data',
  'infra',
  'auth',
  'notes',
  'chat',
  'ledger',
  'media',
  'docs',
  'admin',
  'edge',
  'metrics',
  'payments',
  'orders',
  'shop',
  'maps',
  'build',
  'design',
];
const WORDS_B = ['api', 'service', 'app', 'web', 'cli', 'worker', 'pipeline', 'sdk', 'ui', 'tools'];

/** `count` distinct project names with Zipf-like weights (a few projects get most sessions). */
function projectNames(count: number, random: () => number): Array<{ name: string; weight: number }> {
  const names = new Set<string>();
  for (let i = 0; names.size < count; i++) {
    const a = WORDS_A[Math.floor(random() * WORDS_A.length)]!;
    const b = WORDS_B[Math.floor(random() * WORDS_B.length)]!;
    names.add(i < WORDS_A.length * WORDS_B.length ? `${a}-${b}` : `${a}-${b}-${i}`);
  }
  return [...names].map((name, i) => ({ name, weight: 1 / (i + 1) ** 0.8 }));
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function idFactory(random: () => number) {
  const hex = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += ((random() * 16) | 0).toString(16);
    return out;
  };
  return {
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[(random() * 4) | 0]}${hex(3)}-${hex(12)}`,
    /** Same prefix and length as the original (`msg_01…`, `req_01…`, `toolu_01…`). */
    anthropicId: (original: string) => {
      const prefix = original.slice(0, original.indexOf('_') + 3);
      let out = prefix;
      for (let i = prefix.length; i < original.length; i++) out += BASE62[(random() * 62) | 0];
      return out;
    },
  };
}
