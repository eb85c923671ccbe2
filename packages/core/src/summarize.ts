import type { Dimensions, DurationInterval } from './activity.ts';
import { dayBuckets } from './day-buckets.ts';
import { sortedOrder } from './sort-order.ts';

/** Key under which a null dimension value (e.g. no project detected) is reported. */
export const UNKNOWN_KEY = 'unknown';

export interface DaySummary {
  /** Local date, 'YYYY-MM-DD'. */
  date: string;
  totalMs: number;
  byTool: Record<string, number>;
  byProject: Record<string, number>;
}

/**
 * Time in a range, in ms. Every figure is a union of intervals: an hour in which two tools were active
 * counts one hour in `totalMs`, one hour for each tool in `byTool`, and one hour for a project both worked
 * on. Records hold only non-zero keys, largest first (ties by key); per-day records follow the order of
 * the range-wide record.
 */
export interface Summary {
  totalMs: number;
  /** Sum of `byTool` minus `totalMs`: time during which more than one tool was active, counted per extra tool. */
  parallelMs: number;
  byTool: Record<string, number>;
  byProject: Record<string, number>;
  byLanguage: Record<string, number>;
  byCategory: Record<string, number>;
  byBranch: Record<string, number>;
  byMachine: Record<string, number>;
  /** Every local day of the range in order, including days without activity. */
  byDay: DaySummary[];
}

export interface SummaryOptions {
  fromMs: number;
  toMs: number;
  timeZone: string;
}

/**
 * Summarises intervals (any order, any overlap) clipped to [fromMs, toMs), cutting days at local midnights
 * of `timeZone`. Null dimension values are keyed as `UNKNOWN_KEY`. Throws RangeError for an invalid zone.
 *
 * Cost: one sort by start (skipped when the input is already sorted, as storage returns it), then one
 * linear pass per breakdown; a year of days and ~20k intervals take a few ms.
 */
export function summarize(intervals: readonly DurationInterval[], options: SummaryOptions): Summary {
  const { fromMs, toMs } = options;
  const days = dayBuckets(fromMs, toMs, options.timeZone);
  const clipped = clipAndSort(intervals, fromMs, toMs);
  const dayStarts = new Float64Array(days.length + 1);
  for (let d = 0; d < days.length; d++) dayStarts[d] = days[d]!.startMs;
  dayStarts[days.length] = toMs;

  const distinct = distinctDims(clipped.dims);
  const all: Grouping = { keyIds: new Uint32Array(clipped.dims.length), keys: [''] };
  const tools = groupBy(distinct, (dims) => dims.tool);
  const projects = groupBy(distinct, (dims) => dims.project ?? UNKNOWN_KEY);
  const dayTotals = new DayKeyTotals(days.length, 1);
  const dayTools = new DayKeyTotals(days.length, tools.keys.length);
  const dayProjects = new DayKeyTotals(days.length, projects.keys.length);

  const totalMs = unionByKey(clipped, all, dayStarts, dayTotals)[0]!;
  const toolTotals = unionByKey(clipped, tools, dayStarts, dayTools);
  const projectTotals = unionByKey(clipped, projects, dayStarts, dayProjects);
  let toolSumMs = 0;
  for (const ms of toolTotals) toolSumMs += ms;
  const toolRanking = rankKeys(tools.keys, toolTotals);
  const projectRanking = rankKeys(projects.keys, projectTotals);
  const breakdown = (keyOf: (dims: Dimensions) => string): Record<string, number> => {
    const grouping = groupBy(distinct, keyOf);
    const totals = unionByKey(clipped, grouping, dayStarts, null);
    return toRecord(rankKeys(grouping.keys, totals), grouping.keys, (keyId) => totals[keyId]!);
  };

  const dayToolRecords = dayTools.toRecords(toolRanking, tools.keys);
  const dayProjectRecords = dayProjects.toRecords(projectRanking, projects.keys);

  return {
    totalMs,
    parallelMs: toolSumMs - totalMs,
    byTool: toRecord(toolRanking, tools.keys, (keyId) => toolTotals[keyId]!),
    byProject: toRecord(projectRanking, projects.keys, (keyId) => projectTotals[keyId]!),
    byLanguage: breakdown((dims) => dims.language ?? UNKNOWN_KEY),
    byCategory: breakdown((dims) => dims.category),
    byBranch: breakdown((dims) => dims.branch ?? UNKNOWN_KEY),
    byMachine: breakdown((dims) => dims.machine ?? UNKNOWN_KEY),
    byDay: days.map((day, d) => ({
      date: day.date,
      totalMs: dayTotals.get(d, 0),
      byTool: dayToolRecords[d]!,
      byProject: dayProjectRecords[d]!,
    })),
  };
}

/** Intervals clipped to the range, as parallel arrays, plus their order by clipped start. */
interface ClippedIntervals {
  /** Indices into the other arrays, sorted by start. */
  order: Uint32Array;
  startsMs: Float64Array;
  endsMs: Float64Array;
  dims: Dimensions[];
}

function clipAndSort(intervals: readonly DurationInterval[], fromMs: number, toMs: number): ClippedIntervals {
  const startsMs = new Float64Array(intervals.length);
  const endsMs = new Float64Array(intervals.length);
  const dims: Dimensions[] = [];
  let sorted = true;
  for (const interval of intervals) {
    const startMs = Math.max(interval.startMs, fromMs);
    const endMs = Math.min(interval.endMs, toMs);
    if (!(endMs > startMs)) continue;
    const index = dims.length;
    if (index > 0 && startMs < startsMs[index - 1]!) sorted = false;
    startsMs[index] = startMs;
    endsMs[index] = endMs;
    dims.push(interval.dims);
  }
  // Storage hands intervals over sorted by start, and clipping keeps them sorted.
  const order = sorted ? identityOrder(dims.length) : sortedOrder(startsMs, dims.length);
  return { order, startsMs, endsMs, dims };
}

function identityOrder(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/** Each interval's key as a small integer, so the hot loops index typed arrays instead of hashing strings. */
interface Grouping {
  keyIds: Uint32Array;
  keys: string[];
}

/**
 * The distinct dimension objects among the intervals, and each interval's index into them. Storage hands
 * out one shared object per dimension set, so a year of intervals has only hundreds of distinct ones, and
 * every grouping then looks keys up once per set instead of once per interval.
 */
interface DistinctDims {
  sets: Dimensions[];
  setIds: Uint32Array;
}

function distinctDims(dims: readonly Dimensions[]): DistinctDims {
  const ids = new Map<Dimensions, number>();
  const sets: Dimensions[] = [];
  const setIds = new Uint32Array(dims.length);
  let previous: Dimensions | undefined;
  let previousId = 0;
  for (let i = 0; i < dims.length; i++) {
    const current = dims[i]!;
    if (current !== previous) {
      let id = ids.get(current);
      if (id === undefined) {
        id = sets.length;
        ids.set(current, id);
        sets.push(current);
      }
      previous = current;
      previousId = id;
    }
    setIds[i] = previousId;
  }
  return { sets, setIds };
}

function groupBy(distinct: DistinctDims, keyOf: (dims: Dimensions) => string): Grouping {
  const ids = new Map<string, number>();
  const keyOfSet = new Uint32Array(distinct.sets.length);
  for (let set = 0; set < distinct.sets.length; set++) {
    const key = keyOf(distinct.sets[set]!);
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    keyOfSet[set] = id;
  }
  const { setIds } = distinct;
  const keyIds = new Uint32Array(setIds.length);
  for (let i = 0; i < setIds.length; i++) keyIds[i] = keyOfSet[setIds[i]!]!;
  return { keyIds, keys: [...ids.keys()] };
}

/**
 * Union length per key in one pass. Because intervals come sorted by start, everything already seen for a
 * key covers [its earliest start, runEnd) without holes from the current start on, so the new coverage an
 * interval adds is exactly [max(start, runEnd), end). Those new pieces are disjoint, so splitting each one
 * at day boundaries gives per-day unions too.
 */
function unionByKey(
  clipped: ClippedIntervals,
  grouping: Grouping,
  dayStarts: Float64Array,
  perDay: DayKeyTotals | null,
): Float64Array {
  const { order, startsMs, endsMs } = clipped;
  const { keyIds } = grouping;
  const totals = new Float64Array(grouping.keys.length);
  const runEnds = new Float64Array(grouping.keys.length).fill(Number.NEGATIVE_INFINITY);
  let startDay = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const startMs = startsMs[i]!;
    const endMs = endsMs[i]!;
    const keyId = keyIds[i]!;
    const runEndMs = runEnds[keyId]!;
    if (endMs <= runEndMs) continue;
    runEnds[keyId] = endMs;
    let pieceStartMs = Math.max(startMs, runEndMs);
    totals[keyId]! += endMs - pieceStartMs;
    if (perDay === null) continue;

    // Starts only grow, so the day of the current start is found by walking forward from the last one.
    while (dayStarts[startDay + 1]! <= startMs) startDay++;
    let day = startDay;
    while (pieceStartMs < endMs) {
      while (dayStarts[day + 1]! <= pieceStartMs) day++;
      const pieceEndMs = Math.min(endMs, dayStarts[day + 1]!);
      perDay.add(day, keyId, pieceEndMs - pieceStartMs);
      pieceStartMs = pieceEndMs;
    }
  }
  return totals;
}

// Above this many day × key cells (8 MB of doubles) per-day totals are kept sparse instead.
const MAX_DENSE_CELLS = 1 << 20;

/** Milliseconds per (day, key): a dense table normally, a map for ranges with very many keys. */
class DayKeyTotals {
  readonly #dayCount: number;
  readonly #keyCount: number;
  readonly #dense: Float64Array | null;
  readonly #sparse = new Map<number, number>();

  constructor(dayCount: number, keyCount: number) {
    this.#dayCount = dayCount;
    this.#keyCount = keyCount;
    this.#dense = dayCount * keyCount <= MAX_DENSE_CELLS ? new Float64Array(dayCount * keyCount) : null;
  }

  add(day: number, keyId: number, ms: number): void {
    const cell = day * this.#keyCount + keyId;
    if (this.#dense) this.#dense[cell]! += ms;
    else this.#sparse.set(cell, (this.#sparse.get(cell) ?? 0) + ms);
  }

  get(day: number, keyId: number): number {
    const cell = day * this.#keyCount + keyId;
    return (this.#dense ? this.#dense[cell] : this.#sparse.get(cell)) ?? 0;
  }

  /** One record per day, keys in `ranking` order. */
  toRecords(ranking: readonly number[], keys: readonly string[]): Record<string, number>[] {
    const dense = this.#dense;
    if (dense) {
      return Array.from({ length: this.#dayCount }, (_, day) =>
        toRecord(ranking, keys, (keyId) => dense[day * this.#keyCount + keyId]!),
      );
    }
    // Sparse means very many keys: visit only the cells that hold time instead of every day × key.
    const rankOf = new Uint32Array(keys.length);
    for (const [rank, keyId] of ranking.entries()) rankOf[keyId] = rank;
    const keyIdsPerDay: number[][] = Array.from({ length: this.#dayCount }, () => []);
    for (const cell of this.#sparse.keys()) {
      keyIdsPerDay[Math.floor(cell / this.#keyCount)]!.push(cell % this.#keyCount);
    }
    return keyIdsPerDay.map((keyIds, day) =>
      toRecord(
        keyIds.sort((a, b) => rankOf[a]! - rankOf[b]!),
        keys,
        (keyId) => this.get(day, keyId),
      ),
    );
  }
}

/** Key ids, largest total first, ties by key. */
function rankKeys(keys: readonly string[], totals: Float64Array): number[] {
  return Array.from(keys, (_, keyId) => keyId).sort(
    (a, b) => totals[b]! - totals[a]! || compareStrings(keys[a]!, keys[b]!),
  );
}

function toRecord(
  ranking: readonly number[],
  keys: readonly string[],
  msOf: (keyId: number) => number,
): Record<string, number> {
  const record: Record<string, number> = {};
  for (const keyId of ranking) {
    const ms = msOf(keyId);
    if (ms <= 0) continue;
    const key = keys[keyId]!;
    // Plain assignment of "__proto__" would set the prototype instead of adding a key.
    if (key === '__proto__')
      Object.defineProperty(record, key, { value: ms, enumerable: true, writable: true });
    else record[key] = ms;
  }
  return record;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
