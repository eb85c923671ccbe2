import type * as vscode from 'vscode';

export type Log = (line: string) => void;

/** Log lines go to the "DevTime" output channel (DevTime: Show Log), stamped with the local time. */
export function createOutputLog(channel: vscode.OutputChannel): Log {
  return (line) => channel.appendLine(`[${new Date().toLocaleTimeString()}] ${line}`);
}
