import type { HeartbeatInput } from '@devtime/protocol';
import type { PrivacyFilter } from '../privacy/privacy-filter.ts';
import type { Beat } from '../tracker/activity-event.ts';

/** What the editor knows about the beat's file when the heartbeat is built (never its content). */
export interface FileContext {
  /** The project's name (workspace folder or git root), or null outside any project. */
  project: string | null;
  /** Path relative to the project with forward slashes (the file name outside a project). */
  relativePath: string;
  language: string | null;
  branch: string | null;
  lines: number | null;
  /** 1-based. */
  cursorLine: number | null;
}

/** The same for every heartbeat of one editor session. */
export interface ClientContext {
  tool: string;
  /** The host: "VS Code", "Cursor", "VSCodium", "code-server", with a remote kind when remote. */
  editor: string;
  editorVersion: string;
  plugin: string;
  os: string;
  machineId: string;
}

/**
 * A tracker beat + its file's context → the wire heartbeat, with privacy applied; null when privacy
 * excludes it (then it is never queued). Optional fields that are unknown are left out.
 */
export function buildHeartbeat(
  beat: Beat,
  file: FileContext,
  client: ClientContext,
  privacy: PrivacyFilter,
): HeartbeatInput | null {
  const decision = privacy({ project: file.project, path: file.relativePath });
  if (!decision.keep) return null;
  const heartbeat: HeartbeatInput = {
    tool: client.tool,
    timestamp: beat.timeMs,
    category: beat.category,
    entity_type: 'file',
    file: decision.file,
    is_write: beat.isWrite,
    machine_id: client.machineId,
    editor: client.editor,
    editor_version: client.editorVersion,
    plugin: client.plugin,
    os: client.os,
  };
  if (file.project) heartbeat.project = file.project;
  if (file.language) heartbeat.language = file.language;
  if (file.branch) heartbeat.branch = file.branch;
  if (file.lines !== null) heartbeat.lines = file.lines;
  if (file.cursorLine !== null) heartbeat.cursor_line = file.cursorLine;
  return heartbeat;
}
