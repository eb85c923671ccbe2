import type { VscodeApi } from './vscode-api.ts';

/** The part of the built-in git extension's API (vscode.git, API version 1) DevTime reads. */
interface GitApi {
  repositories: Array<{ rootUri: { fsPath: string }; state: { HEAD?: { name?: string } } }>;
}

/**
 * The branch of the repository at `root` from VS Code's own git extension (it watches HEAD already), or
 * null when the extension is absent, not yet active, or does not know the repository — the caller then
 * reads .git/HEAD. DevTime never activates the git extension itself (that would cost startup time).
 */
export function gitExtensionBranches(api: VscodeApi): (root: string) => string | null {
  let git: GitApi | null = null;
  return (root) => {
    if (!git) {
      const extension = api.extensions.getExtension<{ getAPI?: (version: 1) => GitApi }>('vscode.git');
      if (!extension?.isActive) return null;
      git = extension.exports?.getAPI?.(1) ?? null;
      if (!git) return null;
    }
    const repository = git.repositories.find((repo) => repo.rootUri.fsPath === root);
    return repository?.state.HEAD?.name ?? null;
  };
}
