import type { ExpectedTotals } from './generate-history.ts';
import { type ModelTotals, TOKEN_FIELDS, type TokenTotals } from './token-totals.ts';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Says, per model and token class, which counting rule a tool's figure matches: the ground truth, the
 * transcript alone (no compact residual), first-row-wins dedupe, no dedupe, or (cache_creation) the
 * ephemeral_5m/1h split; otherwise the difference to the ground truth.
 */
export function explainTotals(label: string, tool: ModelTotals, expected: ExpectedTotals): string[] {
  const notes: string[] = [];
  const models = new Set([...Object.keys(tool), ...Object.keys(expected.models)]);
  for (const model of [...models].sort()) {
    const want = expected.models[model];
    const got = tool[model];
    if (!want) {
      notes.push(`${label} ${model}: not in the generated history`);
      continue;
    }
    if (!got) {
      notes.push(`${label} ${model}: missing (expected ${fmt(total(want.groundTruth))} tokens)`);
      continue;
    }
    // Fields that follow the same rule are reported together.
    const byRule = new Map<string, string[]>();
    for (const field of TOKEN_FIELDS) {
      const value = got[field];
      let rule: string;
      if (value === want.groundTruth[field]) rule = 'ground truth';
      else if (value === want.transcript[field])
        rule = 'transcript only: misses the /compact calls (no assistant row; only in cost-state)';
      else if (field === 'output' && value === want.firstRowPerKey.output)
        rule = 'first row per message.id+requestId wins: partial streaming output_tokens';
      else if (value === want.everyRow[field]) rule = 'every assistant row counted: no dedupe';
      else if (field === 'cache_creation' && value === want.cacheCreationFromSplit)
        rule =
          'taken from usage.cache_creation.ephemeral_5m/1h (0 in these recordings), not cache_creation_input_tokens';
      else rule = 'matches no known rule';
      const delta = value - want.groundTruth[field];
      const text = `${field} ${delta > 0 ? '+' : ''}${fmt(delta)}`;
      byRule.set(rule, [...(byRule.get(rule) ?? []), text]);
    }
    byRule.delete('ground truth');
    const parts = [...byRule].map(([rule, fields]) => `${rule} (${fields.join(', ')} vs ground truth)`);
    notes.push(`${label} ${model}: ${parts.length === 0 ? 'equals the ground truth' : parts.join('; ')}`);
  }
  return notes;
}

function total(t: TokenTotals): number {
  return t.input + t.output + t.cache_creation + t.cache_read;
}

export function pickExpected(
  expected: ExpectedTotals,
  key: 'transcript' | 'compactResidual' | 'groundTruth' | 'firstRowPerKey' | 'everyRow',
): ModelTotals {
  return Object.fromEntries(Object.entries(expected.models).map(([model, m]) => [model, m[key]]));
}
