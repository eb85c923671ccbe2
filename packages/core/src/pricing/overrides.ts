import { err, ok, type Result } from '../result.ts';
import { normalizeModelId } from './match-model.ts';
import { BUNDLED_PRICE_TABLE } from './price-table.ts';
import type { LongContextRates, ModelPrice, PriceTable, TokenRates } from './types.ts';

/**
 * A prices file has the bundled table's shape, with only the models it adds or changes:
 *
 *     { "as_of": "2026-12-01", "source": "our contract",
 *       "models": { "claude-sonnet-4-5": { "input": 3, "output": 15, "cache_write_5m": 3.75,
 *                                          "cache_write_1h": 6, "cache_read": 0.3 } } }
 *
 * Rates are USD per million tokens; `input`, `output`, `cache_write_5m` and `cache_read` are required
 * (give a model without caching its input rate for both). Unknown fields are rejected so that a typo
 * cannot silently leave a rate out.
 */
const RATE_FIELDS = ['input', 'output', 'cache_write_5m', 'cache_read'] as const;
const MODEL_FIELDS = new Set([...RATE_FIELDS, 'cache_write_1h', 'long_context', 'aliases', 'note']);
const LONG_CONTEXT_FIELDS = new Set([...RATE_FIELDS, 'cache_write_1h', 'above_input_tokens']);
const TOP_FIELDS = new Set(['as_of', 'source', 'models']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => (value === undefined ? 'nothing' : JSON.stringify(value));

function isRate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function unknownFields(value: Json, allowed: Set<string>, path: string, errors: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) errors.push(`${path}: unknown field "${key}"`);
  }
}

function readRates(value: Json, path: string, errors: string[]): TokenRates {
  const rates = { input: 0, output: 0, cache_write_5m: 0, cache_read: 0 } as TokenRates;
  for (const field of RATE_FIELDS) {
    const rate = value[field];
    if (isRate(rate)) rates[field] = rate;
    else
      errors.push(
        `${path}.${field} must be a non-negative number (USD per million tokens), got ${show(rate)}`,
      );
  }
  if (value.cache_write_1h !== undefined) {
    if (isRate(value.cache_write_1h)) rates.cache_write_1h = value.cache_write_1h;
    else
      errors.push(`${path}.cache_write_1h must be a non-negative number, got ${show(value.cache_write_1h)}`);
  }
  return rates;
}

function readLongContext(value: unknown, path: string, errors: string[]): LongContextRates | undefined {
  if (!isObject(value)) {
    errors.push(`${path} must be an object`);
    return undefined;
  }
  unknownFields(value, LONG_CONTEXT_FIELDS, path, errors);
  const threshold = value.above_input_tokens;
  if (!(typeof threshold === 'number' && Number.isInteger(threshold) && threshold > 0)) {
    errors.push(`${path}.above_input_tokens must be a positive integer, got ${show(threshold)}`);
  }
  return { ...readRates(value, path, errors), above_input_tokens: threshold as number };
}

function readModel(value: unknown, path: string, errors: string[]): ModelPrice | undefined {
  if (!isObject(value)) {
    errors.push(`${path} must be an object of rates`);
    return undefined;
  }
  unknownFields(value, MODEL_FIELDS, path, errors);
  const price: ModelPrice = readRates(value, path, errors);
  if (value.long_context !== undefined) {
    price.long_context = readLongContext(value.long_context, `${path}.long_context`, errors);
  }
  if (value.aliases !== undefined) {
    const aliases = value.aliases;
    if (Array.isArray(aliases) && aliases.every((a) => typeof a === 'string' && normalizeModelId(a) !== '')) {
      price.aliases = aliases as string[];
    } else errors.push(`${path}.aliases must be a list of model ids`);
  }
  if (value.note !== undefined) {
    if (typeof value.note === 'string') price.note = value.note;
    else errors.push(`${path}.note must be a string`);
  }
  return price;
}

function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(value);
}

/** Validates a prices document (text or parsed JSON) into a partial table, or says what is wrong. */
export function parsePriceTable(input: unknown): Result<PriceTable> {
  let doc = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (error) {
      return err(`not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(doc)) return err('expected a JSON object with "as_of" and "models"');
  const errors: string[] = [];
  unknownFields(doc, TOP_FIELDS, 'prices', errors);
  if (!(typeof doc.as_of === 'string' && isValidDate(doc.as_of))) {
    errors.push(`as_of must be a date (YYYY-MM-DD), got ${show(doc.as_of)}`);
  }
  if (doc.source !== undefined && typeof doc.source !== 'string') errors.push('source must be a string');
  const models: Record<string, ModelPrice> = {};
  if (!isObject(doc.models)) {
    errors.push('models must be an object keyed by model id');
  } else {
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(doc.models)) {
      const path = `models["${key}"]`;
      const normalized = normalizeModelId(key);
      if (normalized === '') {
        errors.push(`${path}: not a model id`);
        continue;
      }
      const twin = seen.get(normalized);
      if (twin !== undefined) errors.push(`${path}: the same model as "${twin}"`);
      seen.set(normalized, key);
      const price = readModel(value, path, errors);
      if (price) models[key] = price;
    }
  }
  if (errors.length > 0) return err(errors.join('; '));
  return ok({
    as_of: doc.as_of as string,
    source: typeof doc.source === 'string' ? doc.source : 'prices file',
    models,
  });
}

/**
 * A prices document merged over a base table (the bundled one by default), so prices can be corrected
 * or added without a release. An entry replaces the base entry for the same model (ids compared as
 * `matchModel` compares them) and keeps its aliases unless it lists its own; other entries are added.
 * The merged table is as of the later of the two dates.
 */
export function loadPriceOverrides(
  input: unknown,
  base: PriceTable = BUNDLED_PRICE_TABLE,
): Result<PriceTable> {
  const parsed = parsePriceTable(input);
  if (!parsed.ok) return parsed;
  const overrides = parsed.value;
  const models: Record<string, ModelPrice> = { ...base.models };
  const baseKeys = new Map(Object.keys(base.models).map((key) => [normalizeModelId(key), key]));
  for (const [key, price] of Object.entries(overrides.models)) {
    const replaced = baseKeys.get(normalizeModelId(key));
    if (replaced === undefined) {
      models[key] = price;
    } else {
      models[replaced] = { ...price, aliases: price.aliases ?? base.models[replaced]?.aliases };
    }
  }
  const count = Object.keys(overrides.models).length;
  return ok({
    as_of: overrides.as_of.localeCompare(base.as_of) > 0 ? overrides.as_of : base.as_of,
    source: `${overrides.source} (${count} model${count === 1 ? '' : 's'}, as of ${overrides.as_of}) over: ${base.source}`,
    models,
  });
}
