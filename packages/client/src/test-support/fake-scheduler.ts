import type { Scheduler } from '../tracker/tracker-driver.ts';

/** A manual clock with timers: `advance` runs due timers in time order, as real time would. */
export class FakeScheduler implements Scheduler {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, { atMs: number; callback: () => void }>();

  constructor(startMs = 1_700_000_000_000) {
    this.#now = startMs;
  }

  nowMs(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { atMs: this.#now + delayMs, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** How many timers are armed (the driver should never need more than one). */
  pendingTimers(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      let next: [number, { atMs: number; callback: () => void }] | undefined;
      for (const entry of this.#timers) if (!next || entry[1].atMs < next[1].atMs) next = entry;
      if (!next || next[1].atMs > target) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].atMs);
      next[1].callback();
    }
    this.#now = target;
  }
}
