import { readFileSync } from 'node:fs';
import { BUNDLED_PRICE_TABLE, loadPriceOverrides, type PriceTable, type Result } from '@devtime/core';

/**
 * The price table stats use: the bundled one, or the operator's prices file merged over it. Read once at
 * startup; a file that cannot be read or does not validate is an error naming the file and the reason.
 */
export function readPriceTable(pricesFile: string | undefined): Result<PriceTable> {
  if (!pricesFile) return { ok: true, value: BUNDLED_PRICE_TABLE };
  let text: string;
  try {
    text = readFileSync(pricesFile, 'utf8');
  } catch (error) {
    return { ok: false, error: `cannot read prices file ${pricesFile}: ${(error as Error).message}` };
  }
  const merged = loadPriceOverrides(text);
  return merged.ok ? merged : { ok: false, error: `invalid prices file ${pricesFile}: ${merged.error}` };
}
