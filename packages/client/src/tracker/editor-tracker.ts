import type { ActivityEvent, Beat, TrackedCategory } from './activity-event.ts';

export interface TrackerOptions {
  /** Raw events of one file within this window collapse into one candidate heartbeat (50–500 ms). */
  debounceMs: number;
  /** In the same file, a heartbeat that is not a write is sent only after this much time (2 minutes). */
  heartbeatIntervalMs: number;
  /** Whether the window has focus when tracking starts. */
  focused?: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 250;
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 120_000;

interface Pending {
  file: string;
  /** The first event of the window: the heartbeat's time is when the activity began. */
  firstMs: number;
  isWrite: boolean;
  category: TrackedCategory;
}

/**
 * The editor heartbeat rule, free of timers and I/O (the caller passes event times and asks what is due).
 *
 * 1. Debounce: events of one file are gathered for `debounceMs` from the first one (a fixed window, not a
 *    trailing one, so continuous typing still yields a candidate every window).
 * 2. A candidate becomes a heartbeat when the file differs from the last heartbeat's, when it is a write
 *    (a save inside the window), when the category changed (a debug session or task started), or when
 *    `heartbeatIntervalMs` passed since the last heartbeat. Everything else is dropped: WakaTime's rule,
 *    which the server's keystroke-timeout accounting is built for.
 * 3. While the window is unfocused, edits and cursor moves are ignored unless a debug session or task runs
 *    (unfocused and idle = no time); saves still count, since auto-save on focus change writes then.
 */
export class EditorTracker {
  readonly #debounceMs: number;
  readonly #intervalMs: number;
  #focused: boolean;
  #debugSessions = 0;
  #tasks: Array<'building' | 'running tests'> = [];
  #pending: Pending | null = null;
  #last: { file: string; timeMs: number; category: TrackedCategory } | null = null;

  constructor(options: TrackerOptions) {
    this.#debounceMs = options.debounceMs;
    this.#intervalMs = options.heartbeatIntervalMs;
    this.#focused = options.focused ?? true;
  }

  /** Takes one event; returns heartbeats that are due at once (a file switch closes the open window). */
  record(event: ActivityEvent): Beat[] {
    switch (event.kind) {
      case 'blur':
        this.#focused = false;
        return [];
      case 'focus':
        this.#focused = true;
        return event.file ? this.#activity(event.file, event.timeMs, false) : [];
      case 'debug-start':
        this.#debugSessions += 1;
        return event.file ? this.#activity(event.file, event.timeMs, false) : [];
      case 'debug-stop':
        this.#debugSessions = Math.max(0, this.#debugSessions - 1);
        return [];
      case 'task-start':
        this.#tasks.push(event.task ?? 'building');
        return event.file ? this.#activity(event.file, event.timeMs, false) : [];
      case 'task-end': {
        const index = this.#tasks.lastIndexOf(event.task ?? 'building');
        if (index >= 0) this.#tasks.splice(index, 1);
        return [];
      }
      case 'save':
        return event.file ? this.#activity(event.file, event.timeMs, true) : [];
      case 'change':
      case 'switch':
      case 'select':
        if (!event.file || (!this.#focused && !this.#busy())) return [];
        return this.#activity(event.file, event.timeMs, false);
    }
  }

  /** When the open window closes, or null when nothing is pending (the caller arms one timer for it). */
  nextDueMs(): number | null {
    return this.#pending ? this.#pending.firstMs + this.#debounceMs : null;
  }

  /** Heartbeats due at `nowMs` (the open window, once it has lasted `debounceMs`). */
  due(nowMs: number): Beat[] {
    const pending = this.#pending;
    if (!pending || nowMs < pending.firstMs + this.#debounceMs) return [];
    return this.#close();
  }

  /** Closes the open window now (shutdown, pause): nothing observed is left unjudged. */
  flush(): Beat[] {
    return this.#pending ? this.#close() : [];
  }

  /** The category new activity gets: a debug session wins over a task, a task over plain coding. */
  category(): TrackedCategory {
    if (this.#debugSessions > 0) return 'debugging';
    return this.#tasks.at(-1) ?? 'coding';
  }

  #busy(): boolean {
    return this.#debugSessions > 0 || this.#tasks.length > 0;
  }

  #activity(file: string, timeMs: number, isWrite: boolean): Beat[] {
    const category = this.category();
    const pending = this.#pending;
    if (pending && pending.file === file && pending.category === category) {
      pending.isWrite ||= isWrite;
      return [];
    }
    const closed = pending ? this.#close() : [];
    this.#pending = { file, firstMs: timeMs, isWrite, category };
    return closed;
  }

  #close(): Beat[] {
    const pending = this.#pending!;
    this.#pending = null;
    const last = this.#last;
    const send =
      pending.isWrite ||
      last === null ||
      last.file !== pending.file ||
      last.category !== pending.category ||
      pending.firstMs - last.timeMs >= this.#intervalMs;
    if (!send) return [];
    this.#last = { file: pending.file, timeMs: pending.firstMs, category: pending.category };
    return [
      { file: pending.file, timeMs: pending.firstMs, isWrite: pending.isWrite, category: pending.category },
    ];
  }
}
