import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir.ts';
import { parseHead, readGitBranch } from './git-head.ts';
import { createProjectResolver } from './project-resolver.ts';

let remove: () => void = () => {};
afterEach(() => remove());

function workspace() {
  const temp = makeTempDir('project');
  remove = temp.remove;
  const folder = join(temp.dir, 'work');
  const repo = join(folder, 'nested-repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/feature/x\n');
  mkdirSync(join(folder, 'docs'), { recursive: true });
  return { root: temp.dir, folder, repo };
}

describe('git HEAD', () => {
  it('parses a branch, and null when detached', () => {
    expect(parseHead('ref: refs/heads/main\n')).toBe('main');
    expect(parseHead('3f2a9c0d1e4b5a6978877665544332211aabbccd\n')).toBeNull();
  });

  it('follows a worktree .git file to its HEAD', async () => {
    const { root } = workspace();
    const worktree = join(root, 'wt');
    const gitDir = join(root, 'main-repo', '.git', 'worktrees', 'wt');
    mkdirSync(gitDir, { recursive: true });
    mkdirSync(worktree);
    writeFileSync(join(gitDir, 'HEAD'), 'ref: refs/heads/wt-branch\n');
    writeFileSync(join(worktree, '.git'), `gitdir: ${gitDir}\n`);
    expect(await readGitBranch(worktree)).toBe('wt-branch');
  });
});

describe('createProjectResolver', () => {
  it('uses the git root inside the workspace folder, else the folder, else nothing', async () => {
    const { folder, repo, root } = workspace();
    let now = 0;
    const resolver = createProjectResolver({ nowMs: () => now });
    expect(await resolver.resolve(join(repo, 'src', 'a.ts'), folder)).toEqual({
      root: repo,
      name: 'nested-repo',
      relativePath: 'src/a.ts',
      branch: 'feature/x',
    });
    expect(await resolver.resolve(join(folder, 'docs', 'b.md'), folder)).toEqual({
      root: folder,
      name: 'work',
      relativePath: 'docs/b.md',
      branch: null,
    });
    expect(await resolver.resolve(join(root, 'loose.txt'), null)).toMatchObject({
      root: null,
      relativePath: 'loose.txt',
    });

    // A checkout is seen once the branch cache expires.
    writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    expect((await resolver.resolve(join(repo, 'a.ts'), folder)).branch).toBe('feature/x');
    now += 10_000;
    expect((await resolver.resolve(join(repo, 'a.ts'), folder)).branch).toBe('main');
  });

  it("asks the editor's git integration first", async () => {
    const { folder, repo } = workspace();
    const resolver = createProjectResolver({ nowMs: () => 0, branchOf: () => 'from-editor' });
    expect((await resolver.resolve(join(repo, 'a.ts'), folder)).branch).toBe('from-editor');
  });
});
