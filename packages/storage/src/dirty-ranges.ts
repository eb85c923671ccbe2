import type { Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { StorageDialect } from './dialects/dialect.ts';

/** A time span whose events changed, as [fromMs, toMs] (both inclusive: event times and ends). */
export interface TimeSpan {
  fromMs: number;
  toMs: number;
}

/**
 * Marks spans of a user's tools as needing duration maintenance, in the caller's transaction so the mark
 * commits with the data. An existing mark widens to cover both and gets a new revision, which tells a
 * flush running concurrently that it must not clear the mark.
 */
export async function markDirty(
  dialect: StorageDialect,
  trx: Transaction<Database>,
  userId: string,
  spans: ReadonlyMap<string, TimeSpan>,
): Promise<void> {
  if (spans.size === 0) return;
  await trx
    .insertInto('duration_dirty')
    .values(
      // In tool order, so concurrent transactions lock the marks in the same order and cannot deadlock.
      [...spans]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([tool, span]) => ({
          user_id: userId,
          tool,
          from_ms: span.fromMs,
          to_ms: span.toMs,
          revision: 1,
        })),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'tool']).doUpdateSet((eb) => ({
        from_ms: dialect.least(eb.ref('duration_dirty.from_ms'), eb.ref('excluded.from_ms')),
        to_ms: dialect.greatest(eb.ref('duration_dirty.to_ms'), eb.ref('excluded.to_ms')),
        revision: eb(eb.ref('duration_dirty.revision'), '+', 1),
      })),
    )
    .execute();
}

/** Widens `spans[tool]` to include [fromMs, toMs]. */
export function widenSpan(spans: Map<string, TimeSpan>, tool: string, fromMs: number, toMs: number): void {
  const span = spans.get(tool);
  if (span) {
    span.fromMs = Math.min(span.fromMs, fromMs);
    span.toMs = Math.max(span.toMs, toMs);
  } else {
    spans.set(tool, { fromMs, toMs });
  }
}
