/**
 * The performance mark the overview sets on its first render with numbers, so the bench
 * (bench/dashboard/lib/measure-page.ts) can read "navigation → overview interactive".
 */
export const OVERVIEW_READY_MARK = 'devtime:overview-ready';
