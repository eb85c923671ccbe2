/** Token counts in Claude Code's four disjoint classes (input excludes cache; total = sum of the four). */
export interface TokenTotals {
  input: number;
  output: number;
  cache_creation: number;
  cache_read: number;
}

export type ModelTotals = Record<string, TokenTotals>;

export const TOKEN_FIELDS = ['input', 'output', 'cache_creation', 'cache_read'] as const;

export function zeroTotals(): TokenTotals {
  return { input: 0, output: 0, cache_creation: 0, cache_read: 0 };
}

export function addInto(target: TokenTotals, add: TokenTotals, times = 1): TokenTotals {
  for (const field of TOKEN_FIELDS) target[field] += add[field] * times;
  return target;
}

/** The model's totals in `models`, created as zeros when absent. */
export function totalsOf(models: ModelTotals, model: string): TokenTotals {
  let totals = models[model];
  if (!totals) {
    totals = zeroTotals();
    models[model] = totals;
  }
  return totals;
}

export function addModelTotals(target: ModelTotals, add: ModelTotals, times = 1): ModelTotals {
  for (const [model, totals] of Object.entries(add)) addInto(totalsOf(target, model), totals, times);
  return target;
}

export function sumOfModels(models: ModelTotals): TokenTotals {
  const sum = zeroTotals();
  for (const totals of Object.values(models)) addInto(sum, totals);
  return sum;
}

export function allTokens(totals: TokenTotals): number {
  return totals.input + totals.output + totals.cache_creation + totals.cache_read;
}

/** Claude `message.usage` → the four classes (missing fields count as 0). */
export function fromClaudeUsage(usage: Record<string, unknown>): TokenTotals {
  const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  return {
    input: n(usage.input_tokens),
    output: n(usage.output_tokens),
    cache_creation: n(usage.cache_creation_input_tokens),
    cache_read: n(usage.cache_read_input_tokens),
  };
}

export function sameTotals(a: TokenTotals | undefined, b: TokenTotals | undefined): boolean {
  return TOKEN_FIELDS.every((field) => (a?.[field] ?? 0) === (b?.[field] ?? 0));
}

export function sameModelTotals(a: ModelTotals, b: ModelTotals): boolean {
  const models = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...models].every((model) => sameTotals(a[model], b[model]));
}

/**
 * The usage of a Claude transcript counted the way the fixtures' ground truth does: one API response is
 * several `assistant` rows sharing `message.id` + `requestId` with growing `output_tokens`; count it
 * once, from the row with the largest `output_tokens` (key on `message.id` alone without a requestId).
 * `<synthetic>` rows are local, not billed. Also tracks the two common wrong rules, to explain other
 * tools' figures: first row per key wins, and every row counted.
 */
export class ClaudeUsageFold {
  readonly #kept = new Map<string, { model: string; totals: TokenTotals }>();
  readonly #first = new Map<string, { model: string; totals: TokenTotals }>();
  readonly everyRow: ModelTotals = {};
  /** Sum of `usage.cache_creation.ephemeral_5m/1h_input_tokens` of the kept rows, per model. */
  readonly #split = new Map<string, number>();
  assistantRows = 0;

  /** Feeds one parsed transcript record; ignores everything but assistant rows with usage. */
  feed(record: unknown): void {
    if (typeof record !== 'object' || record === null) return;
    const row = record as { type?: unknown; requestId?: unknown; message?: unknown };
    if (row.type !== 'assistant') return;
    const message = row.message as { id?: unknown; model?: unknown; usage?: unknown } | undefined;
    if (!message || typeof message.usage !== 'object' || message.usage === null) return;
    const model = typeof message.model === 'string' ? message.model : 'unknown';
    if (model === '<synthetic>') return;
    const usage = message.usage as Record<string, unknown>;
    const totals = fromClaudeUsage(usage);
    this.assistantRows++;
    addInto(totalsOf(this.everyRow, model), totals);
    const id = typeof message.id === 'string' ? message.id : null;
    const key =
      id === null
        ? `row:${this.assistantRows}`
        : typeof row.requestId === 'string'
          ? `${id}:${row.requestId}`
          : id;
    if (!this.#first.has(key)) this.#first.set(key, { model, totals });
    const kept = this.#kept.get(key);
    if (!kept || totals.output > kept.totals.output) {
      this.#kept.set(key, { model, totals });
      const split = usage.cache_creation as Record<string, unknown> | undefined;
      const n = (value: unknown) => (typeof value === 'number' ? value : 0);
      this.#split.set(key, n(split?.ephemeral_5m_input_tokens) + n(split?.ephemeral_1h_input_tokens));
    }
  }

  get uniqueMessages(): number {
    return this.#kept.size;
  }

  /** Per-model totals under the largest-output rule (the ground truth's). */
  kept(): ModelTotals {
    return collect(this.#kept);
  }

  firstRowPerKey(): ModelTotals {
    return collect(this.#first);
  }

  cacheCreationFromSplit(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, { model }] of this.#kept) out[model] = (out[model] ?? 0) + (this.#split.get(key) ?? 0);
    return out;
  }
}

function collect(map: Map<string, { model: string; totals: TokenTotals }>): ModelTotals {
  const out: ModelTotals = {};
  for (const { model, totals } of map.values()) addInto(totalsOf(out, model), totals);
  return out;
}

const fmt = (value: number) => value.toLocaleString('en-US');

/** A per-model table: one row per (model, source), the four classes and their sum. */
export function formatModelComparison(
  sources: ReadonlyArray<{ label: string; models: ModelTotals | null }>,
): string {
  const models = new Set<string>();
  for (const source of sources) for (const model of Object.keys(source.models ?? {})) models.add(model);
  const header = ['model', 'source', 'input', 'output', 'cache_creation', 'cache_read', 'total'];
  const lines: string[][] = [header];
  for (const model of [...models].sort()) {
    for (const source of sources) {
      if (!source.models) {
        lines.push([model, source.label, 'missing', '', '', '', '']);
        continue;
      }
      const totals = source.models[model] ?? zeroTotals();
      lines.push([model, source.label, ...TOKEN_FIELDS.map((f) => fmt(totals[f])), fmt(allTokens(totals))]);
    }
  }
  const widths = header.map((_, col) => Math.max(...lines.map((line) => (line[col] ?? '').length)));
  return lines
    .map((line, i) => {
      const text = line
        .map((cell, col) => (col < 2 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
        .join('  ')
        .trimEnd();
      return i === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}
