import type { Dimensions } from '@devtime/core';
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { StorageDialect } from '../dialects/dialect.ts';
import type { DimensionSetCache } from './dimension-sets.ts';

/** What duration maintenance needs for its whole life (one per store). */
export interface DurationMaintenance {
  readonly dialect: StorageDialect;
  /** Events per source one window loads at most. */
  readonly windowEventLimit: number;
  readonly dimensionSets: DimensionSetCache;
}

/** One transaction rewriting one user's durations. */
export interface RewriteContext extends DurationMaintenance {
  readonly trx: Transaction<Database>;
  readonly userId: string;
  /** Dimension sets this transaction stored: known to exist once it commits. */
  readonly storedDimensionSets: Map<number, Dimensions>;
}

/**
 * Runs `fn` in a write transaction holding the user's duration lock (two servers may flush the same user
 * at once), then tells the cache which dimension sets now exist.
 */
export async function rewriteDurations<T>(
  maintenance: DurationMaintenance,
  userId: string,
  fn: (context: RewriteContext) => Promise<T>,
): Promise<T> {
  const storedDimensionSets = new Map<number, Dimensions>();
  const result = await maintenance.dialect.writeTransaction(async (trx) => {
    await maintenance.dialect.lockUser(trx, userId, 'durations');
    return fn({ ...maintenance, trx, userId, storedDimensionSets });
  });
  maintenance.dimensionSets.remember(userId, storedDimensionSets);
  return result;
}
