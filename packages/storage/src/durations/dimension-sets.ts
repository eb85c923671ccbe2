import { createHash } from 'node:crypto';
import { type Dimensions, dimensionKey } from '@devtime/core';
import type { Db } from '../database.ts';
import type { RewriteContext } from './rewrite-context.ts';

/**
 * Durations refer to their dimensions by an id derived from the content (52 bits of SHA-256 of core's
 * dimension key), so writers never look ids up and any process may cache id → dimensions forever. A
 * user would need tens of millions of distinct dimension sets before a collision became likely.
 */
export function dimensionSetId(dims: Dimensions): number {
  return Number.parseInt(createHash('sha256').update(dimensionKey(dims)).digest('hex').slice(0, 13), 16);
}

/**
 * Stores the dimension sets of `dims` unless known to be stored: among `knownIds` (ids of rows just
 * read), in the cache (which only learns committed sets), or stored earlier in this transaction.
 */
export async function ensureDimensionSets(
  context: RewriteContext,
  dims: Iterable<Dimensions>,
  knownIds: ReadonlySet<number>,
): Promise<void> {
  const { dialect, trx, userId, dimensionSets, storedDimensionSets } = context;
  const missing = new Map<number, Dimensions>();
  for (const set of dims) {
    const id = dimensionSetId(set);
    if (knownIds.has(id) || storedDimensionSets.has(id) || dimensionSets.has(userId, id)) continue;
    missing.set(id, set);
    storedDimensionSets.set(id, set);
  }
  if (missing.size === 0) return;
  const rows = [...missing].map(([id, set]) => ({
    user_id: userId,
    id,
    tool: set.tool,
    project: set.project,
    language: set.language,
    category: set.category,
    branch: set.branch,
    machine: set.machine,
  }));
  const rowsPerStatement = Math.floor(dialect.maxBindParams / 8);
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    await trx
      .insertInto('dimension_sets')
      .values(rows.slice(start, start + rowsPerStatement))
      .onConflict((oc) => oc.columns(['user_id', 'id']).doNothing())
      .execute();
  }
}

/** Entries kept before the cache starts over (a few MB); real users have hundreds to thousands each. */
const MAX_CACHED_SETS = 200_000;

/**
 * id → dimensions, per user. Ids are derived from content, so an entry never goes stale; sharing the
 * same `Dimensions` object between intervals also keeps large reads light.
 */
export class DimensionSetCache {
  #byUser = new Map<string, Map<number, Dimensions>>();
  #size = 0;

  has(userId: string, id: number): boolean {
    return this.#byUser.get(userId)?.has(id) ?? false;
  }

  /** Records sets known to be stored (committed). */
  remember(userId: string, sets: ReadonlyMap<number, Dimensions>): void {
    if (sets.size === 0) return;
    const known = this.#userSets(userId, sets.size);
    for (const [id, dims] of sets) {
      if (!known.has(id)) this.#size += 1;
      known.set(id, dims);
    }
  }

  /** The user's dimension sets for `ids`, loading the ones not cached yet. */
  async resolve(
    db: Db,
    userId: string,
    ids: Iterable<number>,
    maxBindParams: number,
  ): Promise<Map<number, Dimensions>> {
    const known = this.#byUser.get(userId);
    const missing = new Set<number>();
    for (const id of ids) if (!known?.has(id)) missing.add(id);
    const sets = this.#userSets(userId, missing.size);
    if (missing.size === 0) return sets;
    const wanted = [...missing];
    for (let start = 0; start < wanted.length; start += maxBindParams - 1) {
      const rows = await db
        .selectFrom('dimension_sets')
        .select(['id', 'tool', 'project', 'language', 'category', 'branch', 'machine'])
        .where('user_id', '=', userId)
        .where('id', 'in', wanted.slice(start, start + maxBindParams - 1))
        .execute();
      for (const { id, ...dims } of rows) {
        sets.set(id, dims);
        this.#size += 1;
      }
    }
    return sets;
  }

  /** The user's map, first making room for `adding` more entries. */
  #userSets(userId: string, adding: number): Map<number, Dimensions> {
    let sets = this.#byUser.get(userId);
    if (this.#size + adding > MAX_CACHED_SETS) {
      // Start over rather than track recency: refilling costs one query per user.
      this.#byUser = new Map(sets ? [[userId, sets]] : []);
      this.#size = sets?.size ?? 0;
    }
    if (!sets) {
      sets = new Map();
      this.#byUser.set(userId, sets);
    }
    return sets;
  }
}
