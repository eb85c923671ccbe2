import type * as vscode from 'vscode';

/**
 * The VS Code API as a value passed in, not imported: `extension.ts` hands over the real module, the
 * bench and tests a fake, and every other file imports VS Code's types only.
 */
export type VscodeApi = typeof vscode;
