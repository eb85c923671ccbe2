import type { Dimensions } from './activity.ts';

/**
 * A string that is equal for two dimension sets exactly when `sameDimensions` holds, so it can key maps
 * and give events a canonical order. JSON keeps `null` and the string "null" apart.
 */
export function dimensionKey(dims: Dimensions): string {
  return JSON.stringify([dims.tool, dims.project, dims.language, dims.category, dims.branch, dims.machine]);
}
