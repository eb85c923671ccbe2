import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { round } from './percentiles.ts';

export const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

/** One line of the final table: a figure, its target, the baseline measured in the same run. */
export interface SummaryRow {
  figure: string;
  value: number;
  unit: string;
  /** e.g. ">= 100000" or "<= 20"; absent for figures reported without a target. */
  target?: { op: '>=' | '<='; value: number };
  baseline?: { label: string; value: number };
  /** value / baseline. */
  ratio?: number;
}

export interface BenchResults {
  name: string;
  startedAt: string;
  durationMs: number;
  summary: SummaryRow[];
  [detail: string]: unknown;
}

export function passes(row: SummaryRow): boolean | null {
  if (!row.target) return null;
  return row.target.op === '>=' ? row.value >= row.target.value : row.value <= row.target.value;
}

export async function writeResults(results: BenchResults): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${results.name}.json`);
  await writeFile(
    file,
    `${JSON.stringify(results, (_key, value) => (typeof value === 'number' ? round(value) : value), 2)}\n`,
  );
  return file;
}

export async function readResults(name: string): Promise<BenchResults> {
  return JSON.parse(await readFile(join(RESULTS_DIR, `${name}.json`), 'utf8')) as BenchResults;
}

const fmt = (value: number) => round(value).toLocaleString('en-US');

/** A plain-text table: figure | value | target | baseline | ratio | pass. */
export function formatSummary(rows: readonly SummaryRow[]): string {
  const lines = [['figure', 'value', 'target', 'baseline', 'ratio', 'pass']];
  for (const row of rows) {
    const pass = passes(row);
    lines.push([
      row.figure,
      `${fmt(row.value)} ${row.unit}`,
      row.target ? `${row.target.op} ${fmt(row.target.value)}` : '',
      row.baseline ? `${fmt(row.baseline.value)} (${row.baseline.label})` : '',
      row.ratio === undefined ? '' : `${round(row.ratio)}×`,
      pass === null ? '' : pass ? 'PASS' : 'FAIL',
    ]);
  }
  const widths = lines[0]!.map((_, col) => Math.max(...lines.map((line) => line[col]!.length)));
  return lines
    .map((line, i) => {
      const text = line
        .map((cell, col) => cell.padEnd(widths[col]!))
        .join('  ')
        .trimEnd();
      return i === 0 ? `${text}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : text;
    })
    .join('\n');
}
