export * from './activity.ts';
export { type DayBucket, dayBuckets } from './day-buckets.ts';
export { dimensionKey } from './dimension-key.ts';
export { computeDurations } from './durations.ts';
export { mergeTouchingIntervals } from './merge-touching.ts';
export {
  BUNDLED_PRICE_TABLE,
  type CostEstimate,
  type CostUsage,
  estimateCost,
  type LongContextRates,
  loadPriceOverrides,
  type MatchedPrice,
  type ModelPrice,
  matchModel,
  normalizeModelId,
  type PriceTable,
  parsePriceTable,
  type TokenRates,
} from './pricing/index.ts';
export { type RangeInput, type RangeOptions, type ResolvedRange, resolveRange } from './resolve-range.ts';
export type { Result } from './result.ts';
export { type ActivitySession, buildSessions } from './sessions.ts';
export { type DaySummary, type Summary, type SummaryOptions, summarize, UNKNOWN_KEY } from './summarize.ts';
export {
  formatLocalDate,
  isValidTimeZone,
  nextLocalMidnight,
  startOfLocalDay,
  toIsoInZone,
} from './time-zone.ts';
export { computeToolDurations, type ToolDurationOptions } from './tool-durations.ts';
