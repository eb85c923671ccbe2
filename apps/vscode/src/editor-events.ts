import type { ActivityEvent } from '@devtime/client';
import type * as vscode from 'vscode';
import { fileKey, type TrackedDocuments } from './tracked-documents.ts';
import type { VscodeApi } from './vscode-api.ts';

/**
 * VS Code events → tracker events. This is the hot path (onDidChangeTextDocument fires per keystroke and
 * per programmatic edit), so each handler does a scheme check, a map write and a call, and describes
 * nothing: paths, languages and projects are resolved only for the few events that become heartbeats.
 */
export function subscribeEditorEvents(
  api: VscodeApi,
  documents: TrackedDocuments,
  emit: (event: ActivityEvent) => void,
  nowMs: () => number,
): vscode.Disposable[] {
  const text = (kind: ActivityEvent['kind'], document: vscode.TextDocument) => {
    const key = fileKey(document.uri);
    if (key === null) return;
    documents.remember(key, { kind: 'text', document });
    emit({ kind, file: key, timeMs: nowMs() });
  };
  const notebook = (kind: ActivityEvent['kind'], notebook: vscode.NotebookDocument) => {
    const key = fileKey(notebook.uri);
    if (key === null) return;
    documents.remember(key, { kind: 'notebook', notebook });
    emit({ kind, file: key, timeMs: nowMs() });
  };
  // VS Code and extensions edit and save documents nobody is looking at (a settings migration rewriting
  // settings.json at start-up, a formatter touching files): that is not the user's activity. A change or
  // save counts only for a document shown in an editor; the active one is checked first, as it is nearly
  // always the one being typed in.
  const isShown = (document: vscode.TextDocument): boolean => {
    if (api.window.activeTextEditor?.document === document) return true;
    if (api.window.visibleTextEditors.some((editor) => editor.document === document)) return true;
    // A notebook cell counts while its notebook is shown (cell editors are not always listed above).
    if (document.uri.scheme !== 'vscode-notebook-cell') return false;
    const notebookKey = fileKey(document.uri);
    return api.window.visibleNotebookEditors.some((editor) => fileKey(editor.notebook.uri) === notebookKey);
  };
  const isNotebookShown = (notebook: vscode.NotebookDocument): boolean =>
    api.window.visibleNotebookEditors.some((editor) => editor.notebook === notebook);
  const activeFile = (): string | undefined => {
    const document = api.window.activeTextEditor?.document;
    return (document && fileKey(document.uri)) ?? undefined;
  };
  const taskKind = (task: vscode.Task): 'building' | 'running tests' =>
    task.group?.id === api.TaskGroup.Test.id ? 'running tests' : 'building';

  return [
    api.workspace.onDidChangeTextDocument((event) => {
      // Dirty-flag and reload notifications carry no edit.
      if (event.contentChanges.length > 0 && isShown(event.document)) text('change', event.document);
    }),
    api.workspace.onDidSaveTextDocument((document) => {
      if (isShown(document)) text('save', document);
    }),
    api.workspace.onDidOpenTextDocument((document) => {
      // Opening alone is not activity (extensions open documents in the background); the active editor
      // change that follows a user's open is. Remember it so its heartbeat can be described.
      const key = fileKey(document.uri);
      if (key !== null) documents.remember(key, { kind: 'text', document });
    }),
    api.workspace.onDidCloseTextDocument((document) => {
      const key = fileKey(document.uri);
      // A cell closing must not forget its notebook.
      if (key !== null && document.uri.scheme === 'file') documents.forget(key);
    }),
    api.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) text('switch', editor.document);
    }),
    api.window.onDidChangeTextEditorSelection((event) => text('select', event.textEditor.document)),
    api.window.onDidChangeWindowState((state) => {
      emit(
        state.focused
          ? { kind: 'focus', file: activeFile(), timeMs: nowMs() }
          : { kind: 'blur', timeMs: nowMs() },
      );
    }),
    api.debug.onDidStartDebugSession(() =>
      emit({ kind: 'debug-start', file: activeFile(), timeMs: nowMs() }),
    ),
    api.debug.onDidTerminateDebugSession(() => emit({ kind: 'debug-stop', timeMs: nowMs() })),
    api.tasks.onDidStartTask((event) =>
      emit({ kind: 'task-start', task: taskKind(event.execution.task), file: activeFile(), timeMs: nowMs() }),
    ),
    api.tasks.onDidEndTask((event) =>
      emit({ kind: 'task-end', task: taskKind(event.execution.task), timeMs: nowMs() }),
    ),
    api.workspace.onDidChangeNotebookDocument((event) => {
      const edited = event.contentChanges.length > 0 || event.cellChanges.length > 0;
      if (edited && isNotebookShown(event.notebook)) notebook('change', event.notebook);
    }),
    api.workspace.onDidSaveNotebookDocument((document) => {
      if (isNotebookShown(document)) notebook('save', document);
    }),
    api.window.onDidChangeActiveNotebookEditor((editor) => {
      if (editor) notebook('switch', editor.notebook);
    }),
  ];
}
