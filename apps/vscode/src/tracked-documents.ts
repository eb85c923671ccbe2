import type * as vscode from 'vscode';

/** A document the tracker may build a heartbeat for: a text file, or a notebook (cells roll up to it). */
export type TrackedDocument =
  | { kind: 'text'; document: vscode.TextDocument }
  | { kind: 'notebook'; notebook: vscode.NotebookDocument };

/**
 * The key a file is tracked under: its URI string. Notebook cells (`vscode-notebook-cell:` URIs) map to
 * their notebook file, so typing in cells counts toward the notebook. Anything that is not a file on disk
 * (output panels, git diffs, settings, untitled buffers) is not tracked.
 */
export function fileKey(uri: vscode.Uri): string | null {
  if (uri.scheme === 'file') return uri.toString();
  if (uri.scheme === 'vscode-notebook-cell') return uri.with({ scheme: 'file', fragment: '' }).toString();
  return null;
}

/**
 * The last seen document per key, so a heartbeat is described (path, language, lines) only when the
 * tracker decides to send one, not on every keystroke. Bounded: closed documents are forgotten.
 */
export class TrackedDocuments {
  readonly #byKey = new Map<string, TrackedDocument>();

  remember(key: string, document: TrackedDocument): void {
    this.#byKey.set(key, document);
    if (this.#byKey.size > 500) this.#byKey.delete(this.#byKey.keys().next().value!);
  }

  get(key: string): TrackedDocument | undefined {
    return this.#byKey.get(key);
  }

  forget(key: string): void {
    this.#byKey.delete(key);
  }
}
