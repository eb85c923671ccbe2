import type { HeartbeatInput } from '@devtime/protocol';
import { between, createRandom, pickWeighted } from './random.ts';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/**
 * `total` heartbeats of one developer over `days` days from `firstDayMs` (a UTC midnight): working days
 * of ~8 h in four blocks with breaks longer than the keystroke timeout, some weekend hours, a few days
 * off; VS Code all day and Neovim alongside it part of the time; six projects with their own languages,
 * files and branches. Heartbeats are spread so the span holds exactly `total` of them (on a working day
 * one tool sends one every ~7–20 s).
 */
export interface ActivityPlan {
  firstDayMs: number;
  days: number;
  total: number;
  seed?: number;
}

/** `days` whole UTC days ending at today's UTC midnight, so nothing is in the future. */
export function planEndingToday(total: number, days: number, seed = 1): ActivityPlan {
  return { firstDayMs: utcMidnight(Date.now()) - days * DAY_MS, days, total, seed };
}

/** A span long enough for `total` heartbeats at a realistic rate (~2,000 per calendar day), ending today. */
export function planForCount(total: number, seed = 1): ActivityPlan {
  return planEndingToday(total, Math.max(1, Math.ceil(total / 2_000)), seed);
}

export function utcMidnight(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS;
}

interface FileSpec {
  path: string;
  language: string;
  lines: number;
  popularity: number;
}

interface ProjectSpec {
  name: string;
  /** Share of VS Code time and of Neovim time. */
  vscodeWeight: number;
  neovimWeight: number;
  files: FileSpec[];
}

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'TypeScript',
  go: 'Go',
  py: 'Python',
  kt: 'Kotlin',
  tf: 'HCL',
  lua: 'Lua',
  md: 'Markdown',
  json: 'JSON',
  yml: 'YAML',
  yaml: 'YAML',
  sql: 'SQL',
  toml: 'TOML',
  sh: 'Bash',
  kts: 'Kotlin',
  xml: 'XML',
  mod: 'Go Module',
};

const FILE_WORDS = [
  'index',
  'router',
  'config',
  'handler',
  'model',
  'service',
  'client',
  'parser',
  'store',
  'cache',
];
const BRANCH_TOPICS = [
  'stats',
  'auth',
  'sync',
  'export',
  'cache',
  'retry',
  'perf',
  'ui',
  'migration',
  'logging',
];

const PROJECT_LAYOUTS = [
  [
    'devtime',
    40,
    20,
    'ts',
    ['packages/core/src', 'packages/api/src', 'packages/storage/src', 'apps/cli/src'],
    ['README.md', 'package.json', '.github/workflows/ci.yml', 'docs/design.md'],
  ],
  [
    'billing-service',
    20,
    10,
    'go',
    ['cmd/billing', 'internal/invoice', 'internal/ledger'],
    ['go.mod', 'README.md', 'migrations/0007_invoices.sql'],
  ],
  [
    'data-pipeline',
    15,
    10,
    'py',
    ['pipeline', 'pipeline/sources', 'tests'],
    ['pyproject.toml', 'README.md', 'dags/daily.yaml'],
  ],
  [
    'mobile-app',
    12,
    0,
    'kt',
    ['app/src/main/java/com/acme/app', 'app/src/main/java/com/acme/app/ui'],
    ['build.gradle.kts', 'app/src/main/res/layout/main.xml'],
  ],
  [
    'infra',
    8,
    15,
    'tf',
    ['modules/network', 'modules/db', 'envs/prod'],
    ['README.md', 'k8s/deployment.yaml', 'scripts/deploy.sh'],
  ],
  [
    'dotfiles',
    5,
    45,
    'lua',
    ['nvim/lua/config', 'nvim/lua/plugins'],
    ['zsh/aliases.sh', 'install.sh', 'README.md'],
  ],
] as const;

function buildProjects(random: () => number): ProjectSpec[] {
  return PROJECT_LAYOUTS.map(([name, vscodeWeight, neovimWeight, extension, dirs, extras]) => {
    const paths: string[] = [];
    for (const dir of dirs) {
      const count = 4 + Math.floor(random() * 3);
      for (let i = 0; i < count; i++)
        paths.push(`${dir}/${FILE_WORDS[(i * 3 + dir.length) % FILE_WORDS.length]}.${extension}`);
    }
    const files = [...new Set(paths), ...extras].map((path, index) => ({
      path,
      language: LANGUAGE_BY_EXTENSION[path.split('.').at(-1) ?? ''] ?? 'Text',
      lines: 40 + Math.floor(random() * 900),
      // Zipf-like: a few files get most of the attention; extras (docs, config) less.
      popularity: (index < paths.length ? 1 : 0.3) / (1 + ((index * 7) % 11)) ** 0.8,
    }));
    return { name, vscodeWeight, neovimWeight, files };
  });
}

type DayKind = 'work' | 'weekend' | 'off';
const DAY_WEIGHT: Record<DayKind, number> = { work: 1, weekend: 0.45, off: 0 };

interface Segment {
  tool: 'vscode' | 'neovim';
  startMs: number;
  endMs: number;
  category: string;
}

interface ToolState {
  project: ProjectSpec;
  file: FileSpec;
}

const MACHINES = {
  desktop: '6f1c2a0e-6a4b-4f0e-9d35-0b6a8e0f3c11',
  laptop: 'b2d94e77-1c3f-4a8a-8e52-7f0d5c9a2e64',
};
const PLUGINS = { vscode: 'devtime-vscode/0.4.2', neovim: 'devtime.nvim/0.2.0' };

export function* generateHeartbeats(plan: ActivityPlan): Generator<HeartbeatInput> {
  const random = createRandom(plan.seed ?? 1);
  const projects = buildProjects(random);
  const kinds: DayKind[] = [];
  for (let d = 0; d < plan.days; d++) {
    const weekday = new Date(plan.firstDayMs + d * DAY_MS).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    kinds.push(weekend ? (random() < 0.55 ? 'weekend' : 'off') : random() < 0.04 ? 'off' : 'work');
  }
  const totalWeight = kinds.reduce((sum, kind) => sum + DAY_WEIGHT[kind], 0);
  const branches = new Map<string, string>();
  let branchCounter = 100;
  const pickProject = (tool: Segment['tool']) =>
    pickWeighted(random, projects, (p) => (tool === 'vscode' ? p.vscodeWeight : p.neovimWeight));
  const pickFile = (project: ProjectSpec) => pickWeighted(random, project.files, (f) => f.popularity);
  const states: Record<Segment['tool'], ToolState> = {
    vscode: { project: projects[0]!, file: projects[0]!.files[0]! },
    neovim: { project: projects[5]!, file: projects[5]!.files[0]! },
  };

  let weightSoFar = 0;
  let emitted = 0;
  for (let d = 0; d < plan.days; d++) {
    const kind = kinds[d]!;
    weightSoFar += DAY_WEIGHT[kind];
    const due = d === plan.days - 1 ? plan.total : Math.floor((plan.total * weightSoFar) / totalWeight);
    const quota = due - emitted;
    if (quota <= 0) continue;
    emitted += quota;
    for (const project of projects) {
      if (random() < 0.25) {
        const topic = BRANCH_TOPICS[Math.floor(random() * BRANCH_TOPICS.length)];
        branches.set(project.name, random() < 0.6 ? `feature/${topic}-${branchCounter++}` : 'main');
      }
    }
    const dayMs = plan.firstDayMs + d * DAY_MS;
    const segments = segmentsOfDay(kind === 'off' ? 'weekend' : kind, dayMs, random);
    const machine = kind === 'work' ? MACHINES.desktop : MACHINES.laptop;
    const day: HeartbeatInput[] = [];
    const counts = splitByLength(quota, segments);
    segments.forEach((segment, index) => {
      const state = states[segment.tool];
      if (random() < 0.6) state.project = pickProject(segment.tool);
      state.file = pickFile(state.project);
      for (const timeMs of spreadTimes(counts[index]!, segment, random)) {
        if (random() < 0.004) state.project = pickProject(segment.tool);
        if (random() < 0.1 || !state.project.files.includes(state.file)) state.file = pickFile(state.project);
        const { project, file } = state;
        const lineno = 1 + Math.floor(random() * file.lines);
        day.push({
          tool: segment.tool,
          timestamp: timeMs,
          category: segment.category as HeartbeatInput['category'],
          project: project.name,
          language: file.language,
          file: file.path,
          branch: branches.get(project.name) ?? 'main',
          is_write: random() < 0.1,
          lines: file.lines,
          lineno,
          cursorpos: Math.floor(random() * 80),
          machine_id: machine,
          plugin: PLUGINS[segment.tool],
          os: 'linux',
        });
      }
    });
    day.sort((a, b) => a.timestamp - b.timestamp);
    yield* day;
  }
}

/** Working day: four blocks (~8 h) with a lunch break and two shorter ones, all longer than 15 min. */
function segmentsOfDay(kind: 'work' | 'weekend', dayMs: number, random: () => number): Segment[] {
  const blocks: Array<[number, number]> = [];
  if (kind === 'work') {
    let at = dayMs + 7.5 * HOUR_MS + random() * HOUR_MS;
    const lengths = [120, 105, 130, 110];
    const breaks = [between(random, 20, 35), between(random, 45, 70), between(random, 18, 30)];
    lengths.forEach((minutes, i) => {
      const end = at + (minutes + between(random, -25, 25)) * MINUTE_MS;
      blocks.push([at, end]);
      at = end + (breaks[i] ?? 0) * MINUTE_MS;
    });
  } else {
    const start = dayMs + 10 * HOUR_MS + random() * 5 * HOUR_MS;
    blocks.push([start, start + between(random, 60, 180) * MINUTE_MS]);
  }
  const segments: Segment[] = [];
  for (const [start, end] of blocks) {
    const category = pickWeighted(
      random,
      [
        ['coding', 80],
        ['debugging', 8],
        ['writing tests', 7],
        ['code reviewing', 5],
      ] as const,
      ([, weight]) => weight,
    )[0];
    const vscode = kind === 'work' || random() < 0.5;
    if (vscode) segments.push({ tool: 'vscode', startMs: start, endMs: end, category });
    if (!vscode || random() < 0.85) {
      const length = end - start;
      segments.push({
        tool: 'neovim',
        startMs: start + (vscode ? random() * 0.2 * length : 0),
        endMs: end - (vscode ? random() * 0.1 * length : 0),
        category,
      });
    }
  }
  return segments;
}

/** Largest-remainder split of `count` over segments in proportion to their lengths. */
function splitByLength(count: number, segments: readonly Segment[]): number[] {
  const lengths = segments.map((s) => s.endMs - s.startMs);
  const total = lengths.reduce((sum, length) => sum + length, 0);
  const exact = lengths.map((length) => (count * length) / total);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((sum, n) => sum + n, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/** `count` increasing times in the segment, with random gaps (0.5–1.5× the mean). */
function spreadTimes(count: number, segment: Segment, random: () => number): number[] {
  const steps: number[] = [];
  let total = 0;
  for (let i = 0; i <= count; i++) {
    const step = 0.5 + random();
    steps.push(step);
    total += step;
  }
  const length = segment.endMs - segment.startMs;
  const times: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += steps[i]!;
    times.push(Math.floor(segment.startMs + (length * at) / total));
  }
  return times;
}
