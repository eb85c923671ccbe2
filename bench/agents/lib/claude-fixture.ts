// The recorded Claude Code sessions (shared fixtures) as templates: every id, timestamp and project path in
// them is a slot that each generated copy fills with fresh values, so copies never collapse under a
// dedupe by message id + request id, spread over time and land in different projects.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  addInto,
  ClaudeUsageFold,
  fromClaudeUsage,
  type ModelTotals,
  type TokenTotals,
  zeroTotals,
} from './token-totals.ts';

export const FIXTURE_ROOT = '/work/shared/fixtures/agents/claude';
export const FIXTURE_PROJECTS = join(FIXTURE_ROOT, 'home', '.claude', 'projects');
export const FIXTURE_HOOK_LOG = join(FIXTURE_ROOT, 'home', 'hook-logs', 'claude-hooks.jsonl');

export type SlotKind = 'uuid' | 'anthropicId' | 'iso' | 'epochMs' | 'agentId' | 'projectPath' | 'projectDir';

export interface Slot {
  kind: SlotKind;
  original: string;
}

/** Literal text and slot numbers (indexes into the unit's `slots`), in order. */
export type Parts = ReadonlyArray<string | number>;

export interface FileTemplate {
  /** Path relative to `.claude/projects`, itself templated (project dir, session id, agent id). */
  path: Parts;
  content: Parts;
  bytes: number;
  lines: number;
}

/** One recorded session with its subagent files: the unit that is copied. */
export interface SessionTemplate {
  name: string;
  sessionId: string;
  /** Index of the slot holding the session id (the file name). */
  sessionSlot: number;
  slots: Slot[];
  files: FileTemplate[];
  firstMs: number;
  lastMs: number;
  bytes: number;
  /** What one copy adds, counted from the template rows (largest-output rule). */
  transcript: ModelTotals;
  /** Ground truth (every billed call, ground-truth.json) minus `transcript`: the /compact call. */
  compactResidual: ModelTotals;
  groundTruth: ModelTotals;
  firstRowPerKey: ModelTotals;
  everyRow: ModelTotals;
  cacheCreationFromSplit: Record<string, number>;
  assistantRows: number;
  uniqueMessages: number;
  apiCalls: number;
  compactCalls: number;
}

export interface TemplateOptions {
  /**
   * Real Claude Code writes the rows of one streamed response with growing `output_tokens`; the mock
   * fixtures repeat the final value. When true, all but the last row of a response get a small partial
   * count, so a first-row-wins dedupe undercounts output as it does on real histories.
   */
  growingOutput: boolean;
  /**
   * The mock sent no `cache_creation` split, so Claude Code wrote `ephemeral_5m/1h: 0` next to a non-zero
   * `cache_creation_input_tokens`. When true, the 5m split is set to the total, as the real API does.
   */
  fillCacheSplit: boolean;
}

// Slots, in the order of the alternation. The epoch-ms numbers are Claude Code's `startTime` (checked
// against the fixtures' time window below), agent ids are the subagent file's `a` + 16 hex.
const SLOT_RE = new RegExp(
  [
    '(?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})',
    '(?<anthropicId>\\b(?:msg|req|toolu|srvtoolu)_[0-9A-Za-z]{20,}\\b)',
    '(?<iso>\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z)',
    '(?<epochMs>(?<![0-9.])1[0-9]{12}(?![0-9.]))',
    '(?<agentId>\\ba[0-9a-f]{16}\\b)',
    '(?<projectPath>/home/dev/code/(?:greeter|notes-api)\\b)',
    '(?<projectDir>-home-dev-code-(?:greeter|notes-api)\\b)',
  ].join('|'),
  'g',
);

interface GroundTruthSession {
  session_id: string;
  api_calls: number;
  api_calls_by_kind: Record<string, number>;
  models: Record<string, { input: number; output: number; cache_creation: number; cache_read: number }>;
}

/** Loads the three recorded sessions (the survey one with its subagent file) as templates. */
export function loadSessionTemplates(options: TemplateOptions): SessionTemplate[] {
  const groundTruth = JSON.parse(readFileSync(join(FIXTURE_ROOT, 'ground-truth.json'), 'utf8')) as {
    sessions: GroundTruthSession[];
  };
  const files = listFiles(FIXTURE_PROJECTS).filter((f) => f.endsWith('.jsonl') || f.endsWith('.meta.json'));
  const sessionFiles = files.filter((f) =>
    /^[^/]+\/[0-9a-f-]{36}\.jsonl$/.test(relative(FIXTURE_PROJECTS, f)),
  );
  const templates: SessionTemplate[] = [];
  for (const sessionFile of sessionFiles.sort()) {
    const rel = relative(FIXTURE_PROJECTS, sessionFile);
    const sessionId = rel.slice(rel.lastIndexOf('/') + 1, -'.jsonl'.length);
    const dir = sessionFile.slice(0, -'.jsonl'.length);
    const members = [sessionFile, ...files.filter((f) => f.startsWith(`${dir}/`)).sort()];
    const gt = groundTruth.sessions.find((s) => s.session_id === sessionId);
    if (!gt) throw new Error(`no ground truth for fixture session ${sessionId}`);
    templates.push(buildTemplate(sessionId, members, gt, options));
  }
  if (templates.length === 0) throw new Error(`no Claude sessions under ${FIXTURE_PROJECTS}`);
  return templates;
}

function buildTemplate(
  sessionId: string,
  paths: string[],
  gt: GroundTruthSession,
  options: TemplateOptions,
): SessionTemplate {
  const slots: Slot[] = [];
  const slotIndex = new Map<string, number>();
  const fold = new ClaudeUsageFold();
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  const texts = paths.map((path) => {
    const raw = readFileSync(path, 'utf8');
    const text = path.endsWith('.jsonl') ? adjustRows(raw, options) : raw;
    if (path.endsWith('.jsonl')) for (const line of text.split('\n')) if (line) fold.feed(JSON.parse(line));
    for (const match of text.matchAll(/"timestamp":"([^"]+)"/g)) {
      const ms = Date.parse(match[1]!);
      if (ms < firstMs) firstMs = ms;
      if (ms > lastMs) lastMs = ms;
    }
    return text;
  });
  const inWindow = (ms: number) => ms >= firstMs - 86_400_000 && ms <= lastMs + 86_400_000;
  const tokenize = (text: string): Parts => {
    const parts: (string | number)[] = [];
    let at = 0;
    for (const match of text.matchAll(SLOT_RE)) {
      const groups = match.groups!;
      const kind = (Object.keys(groups) as SlotKind[]).find((k) => groups[k] !== undefined)!;
      const original = match[0];
      if (kind === 'epochMs' && !inWindow(Number(original))) continue;
      let index = slotIndex.get(original);
      if (index === undefined) {
        index = slots.push({ kind, original }) - 1;
        slotIndex.set(original, index);
      }
      if (match.index > at) parts.push(text.slice(at, match.index));
      parts.push(index);
      at = match.index + original.length;
    }
    if (at < text.length) parts.push(text.slice(at));
    return parts;
  };
  const files = paths.map((path, i) => {
    const text = texts[i]!;
    return {
      path: tokenize(relative(FIXTURE_PROJECTS, path)),
      content: tokenize(text),
      bytes: Buffer.byteLength(text),
      lines: text.split('\n').filter(Boolean).length,
    };
  });
  const sessionSlot = slotIndex.get(sessionId);
  if (sessionSlot === undefined) throw new Error(`session id ${sessionId} not found in its own file`);

  const transcript = fold.kept();
  const groundTruth: ModelTotals = {};
  const compactResidual: ModelTotals = {};
  for (const [model, t] of Object.entries(gt.models)) {
    const truth: TokenTotals = {
      input: t.input,
      output: t.output,
      cache_creation: t.cache_creation,
      cache_read: t.cache_read,
    };
    groundTruth[model] = truth;
    const residual = addInto({ ...truth }, transcript[model] ?? zeroTotals(), -1);
    if (Object.values(residual).some((v) => v < 0))
      throw new Error(`fixture ${sessionId}: transcript holds more ${model} usage than the ground truth`);
    if (Object.values(residual).some((v) => v > 0)) compactResidual[model] = residual;
  }
  for (const model of Object.keys(transcript))
    if (!groundTruth[model])
      throw new Error(`fixture ${sessionId}: model ${model} missing from ground truth`);

  return {
    name: projectOf(paths[0]!),
    sessionId,
    sessionSlot,
    slots,
    files,
    firstMs,
    lastMs,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    transcript,
    compactResidual,
    groundTruth,
    firstRowPerKey: fold.firstRowPerKey(),
    everyRow: fold.everyRow,
    cacheCreationFromSplit: fold.cacheCreationFromSplit(),
    assistantRows: fold.assistantRows,
    uniqueMessages: fold.uniqueMessages,
    apiCalls: gt.api_calls,
    compactCalls: gt.api_calls_by_kind.compact ?? 0,
  };
}

function projectOf(path: string): string {
  const rel = relative(FIXTURE_PROJECTS, path);
  return `${rel.split('/')[0]!.replace('-home-dev-code-', '')}/${rel.slice(rel.lastIndexOf('/') + 1, rel.lastIndexOf('/') + 9)}`;
}

/** Applies `growingOutput` / `fillCacheSplit` to a transcript, re-serialising only the rows it changes. */
function adjustRows(text: string, options: TemplateOptions): string {
  if (!options.growingOutput && !options.fillCacheSplit) return text;
  const lines = text.split('\n');
  const rows = lines.map((line) => (line ? (JSON.parse(line) as Record<string, unknown>) : null));
  const changed = new Set<number>();
  const lastOfKey = new Map<string, number>();
  rows.forEach((row, i) => {
    const message = row?.type === 'assistant' ? (row.message as Record<string, unknown>) : null;
    if (message?.usage) lastOfKey.set(`${message.id}:${row!.requestId}`, i);
  });
  const seenOfKey = new Map<string, number>();
  rows.forEach((row, i) => {
    const message = row?.type === 'assistant' ? (row.message as Record<string, unknown>) : null;
    const usage = message?.usage as Record<string, unknown> | undefined;
    if (!usage) return;
    const key = `${message!.id}:${row!.requestId}`;
    const seen = seenOfKey.get(key) ?? 0;
    seenOfKey.set(key, seen + 1);
    if (options.growingOutput && lastOfKey.get(key) !== i) {
      // A snapshot taken while the response streamed: a few tokens, growing with each row.
      const final = fromClaudeUsage(usage).output;
      usage.output_tokens = Math.min(final - 1, 1 + seen * 4 + (final % 5));
      changed.add(i);
    }
    const split = usage.cache_creation as Record<string, unknown> | undefined;
    if (options.fillCacheSplit && split && typeof usage.cache_creation_input_tokens === 'number') {
      split.ephemeral_5m_input_tokens = usage.cache_creation_input_tokens;
      split.ephemeral_1h_input_tokens = 0;
      changed.add(i);
    }
  });
  for (const i of changed) lines[i] = JSON.stringify(rows[i]);
  return lines.join('\n');
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

export function render(parts: Parts, values: readonly string[]): string {
  let out = '';
  for (const part of parts) out += typeof part === 'string' ? part : values[part]!;
  return out;
}
