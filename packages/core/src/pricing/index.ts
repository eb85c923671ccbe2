export { type CostEstimate, type CostUsage, estimateCost } from './estimate-cost.ts';
export { type MatchedPrice, matchModel, normalizeModelId } from './match-model.ts';
export { loadPriceOverrides, parsePriceTable } from './overrides.ts';
export { BUNDLED_PRICE_TABLE } from './price-table.ts';
export type { LongContextRates, ModelPrice, PriceTable, TokenRates } from './types.ts';
