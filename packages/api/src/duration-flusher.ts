import type { Store } from '@devtime/storage';
import type { Logger } from './clock.ts';

/**
 * Durations are materialised shortly after ingest rather than inside each request: a burst of single
 * heartbeats then costs one window recompute instead of one per request. Reads flush their user first,
 * so a client always sees what it has sent; the dirty marks live in the database, so nothing is lost if
 * the process dies before a flush.
 */
export class DurationFlusher {
  readonly #store: Store;
  readonly #log: Logger;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(store: Store, log: Logger, delayMs: number) {
    this.#store = store;
    this.#log = log;
    this.#delayMs = delayMs;
  }

  schedule(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#flushAll();
    }, this.#delayMs);
    this.#timer.unref?.();
  }

  /** Makes one user's durations current before a read. */
  async flushUser(userId: string): Promise<void> {
    await this.#store.flushDurations(userId);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
    await this.#store.flushDurations();
  }

  async #flushAll(): Promise<void> {
    if (this.#running) {
      // A flush is under way; run again afterwards for what arrived meanwhile.
      await this.#running;
      this.schedule();
      return;
    }
    this.#running = this.#store.flushDurations().catch((error: unknown) => {
      this.#log.error('duration flush failed', { error: String(error) });
    });
    try {
      await this.#running;
    } finally {
      this.#running = null;
    }
  }
}
