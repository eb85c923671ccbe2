import picomatch from 'picomatch';
import type { PrivacySettings } from '../config/client-config.ts';
import { nodeCrypto } from '../lazy-crypto.ts';

/** What a heartbeat is about before privacy is applied. */
export interface FileSubject {
  project: string | null;
  /** Relative to the project (or the bare file name outside any project), with forward slashes. */
  path: string;
}

export type PrivacyDecision = { keep: false; reason: 'project' | 'file' } | { keep: true; file: string };

export type PrivacyFilter = (subject: FileSubject) => PrivacyDecision;

/**
 * `[privacy]` applied before anything is queued: an excluded project or file is never written to the
 * queue, and with hash_file_paths the path is replaced by a keyed hash. Same conventions as the agent
 * rollups (packages/agents): bare globs match at any depth, project names case-insensitively, and
 * HMAC-SHA-256 truncated to 32 hex with the machine's privacy key, so both group the same file alike.
 */
export function createPrivacyFilter(settings: PrivacySettings, hashKey: string): PrivacyFilter {
  const projectExcluded = matcher(settings.excludeProjects, { nocase: true });
  const fileExcluded = matcher(settings.excludeFiles, { dot: true });
  return (subject) => {
    if (subject.project && projectExcluded(subject.project)) return { keep: false, reason: 'project' };
    if (fileExcluded(subject.path)) return { keep: false, reason: 'file' };
    return { keep: true, file: settings.hashFilePaths ? keyedPathHash(hashKey, subject.path) : subject.path };
  };
}

export function keyedPathHash(key: string, path: string): string {
  return nodeCrypto().createHmac('sha256', key).update(path).digest('hex').slice(0, 32);
}

function matcher(globs: string[], options: picomatch.PicomatchOptions): (value: string) => boolean {
  if (globs.length === 0) return () => false;
  const deep = globs.map((glob) => picomatch(glob.includes('/') ? glob : `**/${glob}`, options));
  const bare = globs.map((glob) => picomatch(glob, options));
  return (value) => deep.some((match) => match(value)) || bare.some((match) => match(value));
}
