/**
 * Orders strings by UTF-16 code units, for stable output (model and tool lists, file order). Not
 * `localeCompare`: its first call loads ICU collation data, ~11 ms of a sync pass that must stay short.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
