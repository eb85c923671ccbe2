import { type FileContext, languageName, type ProjectResolver } from '@devtime/client';
import type { TrackedDocuments } from './tracked-documents.ts';
import type { VscodeApi } from './vscode-api.ts';

/**
 * Describes a tracked file for its heartbeat: project, relative path, language, branch, line count and
 * cursor line. Never the content. Null when the document is gone.
 */
export function createFileContextResolver(
  api: VscodeApi,
  documents: TrackedDocuments,
  projects: ProjectResolver,
) {
  return async (key: string): Promise<FileContext | null> => {
    const tracked = documents.get(key);
    if (!tracked) return null;
    const uri = tracked.kind === 'text' ? tracked.document.uri : tracked.notebook.uri;
    const folder = api.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? null;
    const project = await projects.resolve(uri.fsPath, folder);

    let language: string | null;
    let lines: number | null;
    let cursorLine: number | null = null;
    if (tracked.kind === 'text') {
      language = languageName(tracked.document.languageId);
      lines = tracked.document.lineCount;
      const editor = api.window.activeTextEditor;
      if (editor?.document === tracked.document) cursorLine = editor.selection.active.line + 1;
    } else {
      const cells = tracked.notebook.getCells();
      const code = cells.find((cell) => cell.kind === api.NotebookCellKind.Code);
      language = code ? languageName(code.document.languageId) : 'Jupyter';
      lines = cells.reduce((sum, cell) => sum + cell.document.lineCount, 0);
    }
    return {
      project: project.name,
      relativePath: project.relativePath,
      language,
      branch: project.branch,
      lines,
      cursorLine,
    };
  };
}
