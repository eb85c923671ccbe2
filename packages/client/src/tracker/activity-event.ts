/**
 * What an editor adapter reports to the tracker: plain data, no editor types, so the VS Code extension
 * and the language server feed the same tracker.
 */
export type ActivityKind =
  /** The user typed (or a command edited the file). */
  | 'change'
  /** A file was saved: the heartbeat carries is_write. */
  | 'save'
  /** The user switched to a file (active editor change, a file opened in the active editor). */
  | 'switch'
  /** The cursor or selection moved: reading counts as time too. */
  | 'select'
  /** The editor window gained focus; `file` is the active file, if any. */
  | 'focus'
  /** The editor window lost focus. */
  | 'blur'
  /** A debug session started or stopped (while one runs, heartbeats are "debugging"). */
  | 'debug-start'
  | 'debug-stop'
  /** A task started or ended (while one runs, heartbeats are "building" or "running tests"). */
  | 'task-start'
  | 'task-end';

/** Categories the editor tracker can produce (a subset of the protocol's categories). */
export type TrackedCategory = 'coding' | 'debugging' | 'building' | 'running tests';

export interface ActivityEvent {
  kind: ActivityKind;
  /** A stable key of the file the event is about (a URI string); absent for window and session events. */
  file?: string;
  timeMs: number;
  /** For `task-start`/`task-end`: whether the task builds or runs tests. */
  task?: 'building' | 'running tests';
}

/** A decision of the tracker: send a heartbeat for this file at this time. */
export interface Beat {
  file: string;
  timeMs: number;
  isWrite: boolean;
  category: TrackedCategory;
}
