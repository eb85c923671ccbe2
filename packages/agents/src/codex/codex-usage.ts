import { createHash } from 'node:crypto';

/** One Codex token usage object as written, in Codex's own (OpenAI) semantics: cached ⊂ input, reasoning ⊂ output. */
export interface CodexUsage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

/** Disjoint per-model sums as the rollup stores them: `input` is uncached input only. */
export interface UsageSum {
  calls: number;
  input: number;
  cached: number;
  output: number;
  reasoning: number;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
}

/** Reads `total_token_usage` / `last_token_usage`; null when absent or not understood. */
export function readUsage(value: unknown): CodexUsage | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Record<string, unknown>;
  const input = count(raw.input_tokens);
  const output = count(raw.output_tokens);
  if (input === null && output === null) return null;
  const cached = count(raw.cached_input_tokens) ?? 0;
  const reasoning = count(raw.reasoning_output_tokens) ?? 0;
  return {
    input: input ?? 0,
    cached,
    output: output ?? 0,
    reasoning,
    // Older records lack total_tokens; reasoning is inside output, so it is not added again.
    total: count(raw.total_tokens) ?? (input ?? 0) + (output ?? 0),
  };
}

export function sameUsage(a: CodexUsage, b: CodexUsage): boolean {
  return (
    a.input === b.input &&
    a.cached === b.cached &&
    a.output === b.output &&
    a.reasoning === b.reasoning &&
    a.total === b.total
  );
}

export function isZeroUsage(u: CodexUsage): boolean {
  return u.input === 0 && u.cached === 0 && u.output === 0 && u.reasoning === 0;
}

/**
 * The usage of one call from two cumulative totals. A counter that went down means Codex started counting
 * afresh (a new process that did not restore the total), so the new total is the call's own usage.
 */
export function usageSince(total: CodexUsage, previous: CodexUsage | null): CodexUsage {
  if (!previous) return total;
  const delta = {
    input: total.input - previous.input,
    cached: total.cached - previous.cached,
    output: total.output - previous.output,
    reasoning: total.reasoning - previous.reasoning,
    total: total.total - previous.total,
  };
  return Object.values(delta).some((n) => n < 0) ? total : delta;
}

export function emptySum(): UsageSum {
  return { calls: 0, input: 0, cached: 0, output: 0, reasoning: 0 };
}

/** Adds one call in Codex semantics to a disjoint sum: uncached = input − cached, cached clamped to input. */
export function addCall(sum: UsageSum, usage: CodexUsage): void {
  const cached = Math.min(usage.cached, usage.input);
  sum.calls += 1;
  sum.input += usage.input - cached;
  sum.cached += cached;
  sum.output += usage.output;
  sum.reasoning += usage.reasoning;
}

function vector(u: CodexUsage | null): string {
  return u ? `${u.input}.${u.cached}.${u.output}.${u.reasoning}.${u.total}` : '-';
}

/**
 * The cross-file identity of a token event. Forked and subagent rollouts copy the parent's token_count
 * lines, sometimes re-stamped with the copy time, so the line timestamp cannot be part of the key; the
 * cumulative and last vectors together are what a copy preserves. Only a session's first call (cumulative
 * equal to last) is too plain to be unique across unrelated sessions (two identical `codex exec` runs), so
 * that one also carries its timestamp.
 */
export function tokenEventKey(total: CodexUsage | null, last: CodexUsage | null, timestamp: string): string {
  const firstCall = !total || (last !== null && sameUsage(total, last));
  const material = `${vector(total)}|${vector(last)}${firstCall ? `|${timestamp}` : ''}`;
  return `codex:tok:${createHash('sha256').update(material).digest('hex').slice(0, 32)}`;
}
