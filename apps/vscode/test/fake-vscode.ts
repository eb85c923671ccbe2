// A small stand-in for the `vscode` module: the API surface DevTime uses, with events tests and the bench
// can fire. Only enough to drive activate() and the event adapter; no editor behaviour.
import type { VscodeApi } from '../src/vscode-api.ts';

type Listener<T> = (event: T) => void;

export class FakeEmitter<T> {
  readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(event: T): void {
    for (const listener of this.listeners) listener(event);
  }
}

export class FakeUri {
  readonly scheme: string;
  readonly path: string;
  readonly fragment: string;
  #string: string | undefined;
  constructor(scheme: string, path: string, fragment = '') {
    this.scheme = scheme;
    this.path = path;
    this.fragment = fragment;
  }
  static file(path: string): FakeUri {
    return new FakeUri('file', path);
  }
  static parse(value: string): FakeUri {
    const url = new URL(value);
    const uri = new FakeUri(url.protocol.slice(0, -1), url.pathname, url.hash.slice(1));
    uri.#string = value; // keeps the authority, which this fake does not model otherwise
    return uri;
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { scheme?: string; path?: string; fragment?: string }): FakeUri {
    return new FakeUri(
      change.scheme ?? this.scheme,
      change.path ?? this.path,
      change.fragment ?? this.fragment,
    );
  }
  toString(): string {
    // VS Code caches the formatted URI too, so the hot path pays for it once per document.
    this.#string ??= `${this.scheme}://${this.path}${this.fragment ? `#${this.fragment}` : ''}`;
    return this.#string;
  }
}

export interface FakeDocument {
  uri: FakeUri;
  languageId: string;
  lineCount: number;
}

export function fakeDocument(
  path: string,
  languageId: string,
  lineCount = 10,
  scheme = 'file',
): FakeDocument {
  return { uri: new FakeUri(scheme, path), languageId, lineCount };
}

export function createFakeVscode(options: { workspaceFolder: string; settings?: Record<string, unknown> }) {
  const emitters = {
    changeText: new FakeEmitter<{ document: FakeDocument; contentChanges: unknown[] }>(),
    saveText: new FakeEmitter<FakeDocument>(),
    openText: new FakeEmitter<FakeDocument>(),
    closeText: new FakeEmitter<FakeDocument>(),
    activeEditor: new FakeEmitter<unknown>(),
    selection: new FakeEmitter<{ textEditor: { document: FakeDocument } }>(),
    windowState: new FakeEmitter<{ focused: boolean }>(),
    debugStart: new FakeEmitter<unknown>(),
    debugStop: new FakeEmitter<unknown>(),
    taskStart: new FakeEmitter<{ execution: { task: { group?: { id: string } } } }>(),
    taskEnd: new FakeEmitter<{ execution: { task: { group?: { id: string } } } }>(),
    changeNotebook: new FakeEmitter<{
      notebook: unknown;
      contentChanges: unknown[];
      cellChanges: unknown[];
    }>(),
    saveNotebook: new FakeEmitter<unknown>(),
    activeNotebook: new FakeEmitter<unknown>(),
    configuration: new FakeEmitter<{ affectsConfiguration: (section: string) => boolean }>(),
  };
  const settings = options.settings ?? {};
  const commands = new Map<string, () => unknown>();
  const statusItems: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  const globalState = new Map<string, unknown>();
  const window = {
    state: { focused: true },
    activeTextEditor: undefined as
      | undefined
      | { document: FakeDocument; selection: { active: { line: number } } },
    /** Editors shown besides the active one (split views); the active editor is always listed too. */
    otherVisibleEditors: [] as Array<{ document: FakeDocument }>,
    get visibleTextEditors(): Array<{ document: FakeDocument }> {
      return window.activeTextEditor
        ? [window.activeTextEditor, ...window.otherVisibleEditors]
        : window.otherVisibleEditors;
    },
    visibleNotebookEditors: [] as Array<{ notebook: unknown }>,
    onDidChangeActiveTextEditor: emitters.activeEditor.event,
    onDidChangeTextEditorSelection: emitters.selection.event,
    onDidChangeWindowState: emitters.windowState.event,
    onDidChangeActiveNotebookEditor: emitters.activeNotebook.event,
    createStatusBarItem: () => {
      const item: Record<string, unknown> = {
        show: () => (item.visible = true),
        hide: () => (item.visible = false),
        dispose: () => {},
      };
      statusItems.push(item);
      return item;
    },
    createOutputChannel: () => ({
      appendLine: (line: string) => output.push(line),
      show: () => {},
      dispose: () => {},
    }),
    showInputBox: async () => undefined,
    showErrorMessage: async () => undefined,
  };
  const api = {
    version: '1.139.0',
    env: {
      appName: 'Visual Studio Code',
      uriScheme: 'vscode',
      appHost: 'desktop',
      remoteName: undefined,
      openExternal: async () => true,
    },
    Uri: FakeUri,
    RelativePattern: class {
      base: unknown;
      pattern: string;
      constructor(base: unknown, pattern: string) {
        this.base = base;
        this.pattern = pattern;
      }
    },
    ThemeColor: class {
      id: string;
      constructor(id: string) {
        this.id = id;
      }
    },
    StatusBarAlignment: { Left: 1, Right: 2 },
    TaskGroup: { Build: { id: 'build' }, Test: { id: 'test' } },
    NotebookCellKind: { Markup: 1, Code: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    window,
    workspace: {
      onDidChangeTextDocument: emitters.changeText.event,
      onDidSaveTextDocument: emitters.saveText.event,
      onDidOpenTextDocument: emitters.openText.event,
      onDidCloseTextDocument: emitters.closeText.event,
      onDidChangeNotebookDocument: emitters.changeNotebook.event,
      onDidSaveNotebookDocument: emitters.saveNotebook.event,
      onDidChangeConfiguration: emitters.configuration.event,
      getWorkspaceFolder: (uri: FakeUri) =>
        uri.fsPath.startsWith(`${options.workspaceFolder}/`)
          ? { uri: FakeUri.file(options.workspaceFolder) }
          : undefined,
      getConfiguration: () => ({
        get: <T>(key: string, fallback: T) => (key in settings ? settings[key] : fallback) as T,
        inspect: (key: string) => (key in settings ? { globalValue: settings[key] } : {}),
        update: async (key: string, value: unknown) => {
          settings[key] = value;
        },
      }),
      createFileSystemWatcher: () => ({
        onDidChange: () => ({ dispose() {} }),
        onDidCreate: () => ({ dispose() {} }),
        dispose() {},
      }),
    },
    debug: {
      onDidStartDebugSession: emitters.debugStart.event,
      onDidTerminateDebugSession: emitters.debugStop.event,
    },
    tasks: { onDidStartTask: emitters.taskStart.event, onDidEndTask: emitters.taskEnd.event },
    extensions: { getExtension: () => undefined },
    commands: {
      registerCommand: (id: string, run: () => unknown) => {
        commands.set(id, run);
        return { dispose: () => commands.delete(id) };
      },
    },
  };
  const context = {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    globalState: {
      get: (key: string) => globalState.get(key),
      update: async (key: string, value: unknown) => void globalState.set(key, value),
    },
    extension: { packageJSON: { version: '0.1.0' } },
  };
  return {
    api: api as unknown as VscodeApi,
    context: context as unknown as import('vscode').ExtensionContext,
    emitters,
    window,
    commands,
    statusItems,
    output,
    /** Makes `document` the active editor with the cursor on `line` (0-based), as VS Code reports it. */
    focusEditor(document: FakeDocument, line = 0) {
      window.activeTextEditor = { document, selection: { active: { line } } };
      emitters.activeEditor.fire(window.activeTextEditor);
    },
    type(document: FakeDocument) {
      emitters.changeText.fire({ document, contentChanges: [{}] });
    },
  };
}
