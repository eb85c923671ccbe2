import { basename, dirname, relative, sep } from 'node:path';
import { findGitRoot, readGitBranch } from './git-head.ts';

export interface ProjectInfo {
  /** The project's root directory, or null outside any project. */
  root: string | null;
  name: string | null;
  /** The file's path relative to the root with forward slashes (its name outside a project). */
  relativePath: string;
  branch: string | null;
}

export interface ProjectResolverOptions {
  nowMs: () => number;
  /** Branches are re-read at most this often per repository (a checkout is seen within it). */
  branchTtlMs?: number;
  /** The editor's branch source (VS Code's git extension), asked first; null falls back to .git/HEAD. */
  branchOf?: (root: string) => string | null;
}

/**
 * File → project: the git repository containing it when that lies inside (or is) a workspace folder,
 * else the workspace folder, else none. Roots are cached per directory and branches for a few seconds,
 * since this runs for every heartbeat (not every keystroke).
 */
export function createProjectResolver(options: ProjectResolverOptions) {
  const branchTtlMs = options.branchTtlMs ?? 10_000;
  const roots = new Map<string, string | null>();
  const branches = new Map<string, { branch: string | null; atMs: number }>();

  async function gitRoot(dir: string, folder: string | null): Promise<string | null> {
    const cacheKey = `${folder ?? ''}\u0000${dir}`;
    if (roots.has(cacheKey)) return roots.get(cacheKey)!;
    const root = await findGitRoot(dir, folder ?? undefined);
    if (roots.size > 1_000) roots.clear();
    roots.set(cacheKey, root);
    return root;
  }

  async function branch(root: string): Promise<string | null> {
    const fromEditor = options.branchOf?.(root);
    if (fromEditor) return fromEditor;
    const cached = branches.get(root);
    if (cached && options.nowMs() - cached.atMs < branchTtlMs) return cached.branch;
    const read = await readGitBranch(root);
    branches.set(root, { branch: read, atMs: options.nowMs() });
    return read;
  }

  return {
    /** `folder` is the workspace folder holding the file, if any. */
    async resolve(filePath: string, folder: string | null): Promise<ProjectInfo> {
      // Outside any workspace folder a git repository is still a project (a file opened on its own).
      const repo = await gitRoot(dirname(filePath), folder);
      const root = repo ?? folder;
      if (!root) return { root: null, name: null, relativePath: basename(filePath), branch: null };
      return {
        root,
        name: basename(root),
        relativePath: relative(root, filePath).split(sep).join('/'),
        branch: repo ? await branch(repo) : null,
      };
    },
  };
}

export type ProjectResolver = ReturnType<typeof createProjectResolver>;
