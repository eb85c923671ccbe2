import { createHmac } from 'node:crypto';
import type { AgentSessionRollupInput } from '@devtime/protocol';
import picomatch from 'picomatch';

/**
 * The `[privacy]` settings, applied to every rollup before anything leaves the machine. Rollups never hold
 * content to begin with (the folds only count); this controls which metadata is shared.
 */
export interface PrivacySettings {
  /** Replace file paths with a keyed hash (HMAC-SHA-256 with a secret that never leaves this machine). */
  hashFilePaths: boolean;
  /** Project names (globs) whose sessions are never uploaded. */
  excludeProjects: string[];
  /** File path globs (relative to the project) dropped from rollups. */
  excludeFiles: string[];
}

export const DEFAULT_PRIVACY: PrivacySettings = {
  hashFilePaths: false,
  excludeProjects: [],
  excludeFiles: [],
};

export interface PrivacyFilter {
  /** The rollup as it may be shared, or null when its project is excluded. */
  apply(rollup: AgentSessionRollupInput): AgentSessionRollupInput | null;
}

export function createPrivacyFilter(settings: PrivacySettings, hashKey: string): PrivacyFilter {
  const projectExcluded = matcher(settings.excludeProjects, { nocase: true });
  const fileExcluded = matcher(settings.excludeFiles, { dot: true });
  return {
    apply(rollup) {
      if (rollup.project && projectExcluded(rollup.project)) return null;
      const files = (rollup.files ?? [])
        .filter((file) => !(file.path && fileExcluded(file.path)))
        .map((file) =>
          settings.hashFilePaths && file.path
            ? { ...file, path: null, path_hash: keyedPathHash(hashKey, file.path) }
            : file,
        );
      return { ...rollup, files };
    },
  };
}

/** A stable, keyed hash: the same path always groups together, but cannot be guessed without the key. */
export function keyedPathHash(key: string, path: string): string {
  return createHmac('sha256', key).update(path).digest('hex').slice(0, 32);
}

function matcher(globs: string[], options: picomatch.PicomatchOptions): (value: string) => boolean {
  if (globs.length === 0) return () => false;
  const matchers = globs.map((glob) =>
    // A bare name such as ".env" matches at any depth, as in a .gitignore.
    picomatch(glob.includes('/') ? glob : `**/${glob}`, options),
  );
  const bare = globs.map((glob) => picomatch(glob, options));
  return (value) => matchers.some((match) => match(value)) || bare.some((match) => match(value));
}
