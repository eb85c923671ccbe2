import { BUNDLED_PRICE_TABLE } from './price-table.ts';
import type { ModelPrice, PriceTable } from './types.ts';

/** Bedrock model ids: `anthropic.claude-…`, with an optional cross-region prefix (`us.`, `eu.`, `global.`…). */
const BEDROCK_PREFIX = /^(?:[a-z]{2,6}(?:-[a-z]+)?\.)?(?:anthropic|openai|google)\./;
/** Bedrock's version suffix: `-v1:0` (only after a Bedrock prefix: elsewhere `-v3` can be the model). */
const BEDROCK_VERSION = /-v\d+(?::\d+)?$/;
/** Snapshot suffixes that do not change the price: `-20250514`, `-2025-08-07`, `-latest`, `-001`. */
const SNAPSHOT_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest|0\d\d)$/;

/**
 * A model id in the form the table is keyed by, keeping any snapshot suffix: lower case, without the
 * provider's path (`anthropic/`, `openai/`, `google/`, `models/`, `openrouter/anthropic/`), Bedrock's
 * `anthropic.` prefix and `-v1:0` suffix or Vertex's `@20250514`, and with version dots written as
 * dashes so that `claude-sonnet-4.5` (OpenRouter) and `claude-sonnet-4-5` (Anthropic) are one id.
 */
export function normalizeModelId(id: string): string {
  let out = id.trim().toLowerCase();
  out = out.slice(out.lastIndexOf('/') + 1);
  const at = out.indexOf('@');
  if (at > 0) out = out.slice(0, at);
  const bedrock = out.replace(BEDROCK_PREFIX, '');
  if (bedrock !== out) out = bedrock.replace(BEDROCK_VERSION, '');
  return out.replaceAll('.', '-');
}

/** The id without snapshot suffixes: `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`. */
function stripSnapshot(normalized: string): string {
  let out = normalized;
  for (let next = out.replace(SNAPSHOT_SUFFIX, ''); next !== out && next !== ''; ) {
    out = next;
    next = out.replace(SNAPSHOT_SUFFIX, '');
  }
  return out;
}

export interface MatchedPrice {
  /** The table's key for the model. */
  key: string;
  price: ModelPrice;
}

const indexes = new WeakMap<PriceTable, Map<string, MatchedPrice>>();

/** Normalized id → entry. Keys win over aliases; tables are treated as immutable, so this is built once. */
function indexOf(table: PriceTable): Map<string, MatchedPrice> {
  let index = indexes.get(table);
  if (index) return index;
  index = new Map();
  const entries = Object.entries(table.models);
  for (const [key, price] of entries) index.set(normalizeModelId(key), { key, price });
  for (const [key, price] of entries) {
    for (const alias of price.aliases ?? []) {
      const normalized = normalizeModelId(alias);
      if (!index.has(normalized)) index.set(normalized, { key, price });
    }
  }
  indexes.set(table, index);
  return index;
}

/**
 * The table entry for a model id as agents report it. Matching is loose about spelling (case, provider
 * prefixes, date and `-latest` suffixes, dots or dashes in versions) but never about the model: an id
 * that names no listed model — a newer version, another size — is null, never its family's price.
 * A dated id that the table lists itself (`gpt-4o-2024-05-13`) takes that entry over the undated one.
 */
export function matchModel(id: string, table: PriceTable = BUNDLED_PRICE_TABLE): MatchedPrice | null {
  const index = indexOf(table);
  const normalized = normalizeModelId(id);
  if (normalized === '') return null;
  return index.get(normalized) ?? index.get(stripSnapshot(normalized)) ?? null;
}
