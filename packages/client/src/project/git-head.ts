import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The branch named by a HEAD file's text, or null when HEAD is detached or unreadable. */
export function parseHead(text: string): string | null {
  const match = /^ref:\s*refs\/heads\/(.+?)\s*$/m.exec(text);
  return match?.[1] ?? null;
}

/**
 * The nearest directory at or above `dir` holding `.git` (a directory, or a file in worktrees and
 * submodules), not looking above `stopAt` when given. Null outside any repository.
 */
export async function findGitRoot(dir: string, stopAt?: string): Promise<string | null> {
  let current = resolve(dir);
  for (;;) {
    if (await exists(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current || (stopAt !== undefined && current === resolve(stopAt))) return null;
    current = parent;
  }
}

/** The checked-out branch of the repository at `root`, read from its HEAD (worktrees included). */
export async function readGitBranch(root: string): Promise<string | null> {
  try {
    const dotGit = join(root, '.git');
    let gitDir = dotGit;
    if ((await stat(dotGit)).isFile()) {
      // A worktree or submodule: ".git" is a file saying "gitdir: <path>".
      const target = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8'))?.[1];
      if (!target) return null;
      gitDir = isAbsolute(target) ? target : resolve(root, target);
    }
    return parseHead(await readFile(join(gitDir, 'HEAD'), 'utf8'));
  } catch {
    return null;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
