import type { ActivityEvent, Beat } from './activity-event.ts';
import type { EditorTracker } from './editor-tracker.ts';

/** The clock and one-shot timer the driver uses; tests pass a fake, the editors pass the real ones. */
export interface Scheduler {
  nowMs(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  nowMs: () => Date.now(),
  setTimeout: (callback, delayMs) => {
    const handle = setTimeout(callback, delayMs);
    // A pending debounce window must never keep a process (the language server, a test) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TrackerDriver {
  /** Feeds one event stamped by the adapter; cheap on the hot path (no timer churn per keystroke). */
  handle(event: ActivityEvent): void;
  /** Judges whatever is pending now (pause, shutdown). */
  flush(): void;
  dispose(): void;
}

/**
 * Runs an EditorTracker on real time: at most one timer is armed, for the end of the open debounce
 * window, so 10,000 keystrokes cost 10,000 cheap `record` calls and a handful of timers.
 */
export function createTrackerDriver(
  tracker: EditorTracker,
  scheduler: Scheduler,
  onBeats: (beats: Beat[]) => void,
): TrackerDriver {
  let timer: unknown = null;
  let armedForMs: number | null = null;

  const emit = (beats: Beat[]) => {
    if (beats.length > 0) onBeats(beats);
  };
  const arm = () => {
    const dueMs = tracker.nextDueMs();
    if (dueMs === armedForMs) return;
    if (timer !== null) scheduler.clearTimeout(timer);
    timer = null;
    armedForMs = dueMs;
    if (dueMs === null) return;
    timer = scheduler.setTimeout(
      () => {
        timer = null;
        armedForMs = null;
        emit(tracker.due(scheduler.nowMs()));
        arm();
      },
      Math.max(0, dueMs - scheduler.nowMs()),
    );
  };

  return {
    handle(event) {
      emit(tracker.record(event));
      arm();
    },
    flush() {
      emit(tracker.flush());
      arm();
    },
    dispose() {
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
      armedForMs = null;
    },
  };
}
