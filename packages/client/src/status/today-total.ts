import type { ApiClient, ApiFailure } from '../http/api-client.ts';
import type { Scheduler } from '../tracker/tracker-driver.ts';

export type TodayTotal =
  | { kind: 'total'; totalSeconds: number; atMs: number }
  | { kind: 'failed'; failure: ApiFailure };

export interface TodayTotalOptions {
  api: () => ApiClient | null;
  scheduler: Scheduler;
  /** The server is asked at most this often (a minute): a status bar must not poll a server. */
  minIntervalMs: number;
  onChange: (total: TodayTotal) => void;
}

export interface TodayTotalRefresher {
  /** Asks for a refresh: now if the last one is old enough, else once the interval has passed. */
  request(): void;
  dispose(): void;
}

/** Today's total for a status bar, fetched on request but never more than once per `minIntervalMs`. */
export function createTodayTotalRefresher(options: TodayTotalOptions): TodayTotalRefresher {
  const { scheduler } = options;
  let lastFetchMs: number | null = null;
  let timer: unknown = null;
  let inFlight = false;
  let again = false;
  let disposed = false;

  const fetchNow = async () => {
    const api = options.api();
    if (!api || disposed) return;
    inFlight = true;
    lastFetchMs = scheduler.nowMs();
    try {
      const result = await api.todayStats();
      if (disposed) return;
      options.onChange(
        result.ok
          ? { kind: 'total', totalSeconds: result.value.totalSeconds, atMs: scheduler.nowMs() }
          : { kind: 'failed', failure: result },
      );
    } finally {
      inFlight = false;
      // A request that came in while this one was on the wire gets its own (rate-limited) turn.
      if (again) {
        again = false;
        refresher.request();
      }
    }
  };

  const refresher: TodayTotalRefresher = {
    request() {
      if (disposed || timer !== null) return;
      if (inFlight) {
        again = true;
        return;
      }
      const waitMs = lastFetchMs === null ? 0 : lastFetchMs + options.minIntervalMs - scheduler.nowMs();
      if (waitMs <= 0) {
        void fetchNow();
        return;
      }
      timer = scheduler.setTimeout(() => {
        timer = null;
        void fetchNow();
      }, waitMs);
    },
    dispose() {
      disposed = true;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
  return refresher;
}
