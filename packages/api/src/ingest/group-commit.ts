import type { HeartbeatRow, Store } from '@devtime/storage';

interface Waiter {
  rows: readonly HeartbeatRow[];
  resolve(fresh: boolean[]): void;
  reject(error: unknown): void;
}

/**
 * Group commit: heartbeats from requests that arrive in the same turn of the event loop are written in
 * one transaction per user instead of one each. Under load (many editors, a backfill) this divides the
 * per-request transaction and dirty-mark cost by the number of requests in flight; alone, a request waits
 * for no timer, only for the current I/O callbacks to finish. Each request is answered only after its
 * rows are committed, so nothing acknowledged can be lost.
 */
export class GroupCommit {
  readonly #store: Store;
  readonly #pending = new Map<string, Waiter[]>();
  #scheduled = false;

  constructor(store: Store) {
    this.#store = store;
  }

  insert(userId: string, rows: readonly HeartbeatRow[]): Promise<boolean[]> {
    return new Promise((resolve, reject) => {
      const waiters = this.#pending.get(userId);
      if (waiters) waiters.push({ rows, resolve, reject });
      else this.#pending.set(userId, [{ rows, resolve, reject }]);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    this.#scheduled = false;
    const batches = [...this.#pending];
    this.#pending.clear();
    await Promise.all(batches.map(([userId, waiters]) => this.#commit(userId, waiters)));
  }

  async #commit(userId: string, waiters: Waiter[]): Promise<void> {
    try {
      // A row repeated across the requests counts as new once, for the earliest request: as if sent in turn.
      const fresh = await this.#store.insertHeartbeats(
        userId,
        waiters.flatMap((waiter) => waiter.rows),
      );
      let offset = 0;
      for (const waiter of waiters) {
        waiter.resolve(fresh.slice(offset, offset + waiter.rows.length));
        offset += waiter.rows.length;
      }
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    }
  }
}
