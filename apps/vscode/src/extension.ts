import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { activateDevtime } from './activate-devtime.ts';
import type { DevtimeSession } from './devtime-session.ts';

let session: DevtimeSession | null = null;

/** VS Code's entry point (activation: onStartupFinished). Only wiring; see activate-devtime.ts. */
export function activate(context: vscode.ExtensionContext): void {
  session = activateDevtime(vscode, context, {
    // The app reads the environment; the shared client package never does.
    home: homedir(),
    env: {
      DEVTIME_API_URL: process.env.DEVTIME_API_URL,
      DEVTIME_API_KEY: process.env.DEVTIME_API_KEY,
      DEVTIME_CONFIG: process.env.DEVTIME_CONFIG,
      DEVTIME_DATA_DIR: process.env.DEVTIME_DATA_DIR,
    },
    extensionVersion: String(context.extension.packageJSON.version ?? '0.0.0'),
  });
}

/** Queues what was observed last and tries one quick upload; the rest waits on disk for next time. */
export async function deactivate(): Promise<void> {
  await session?.dispose();
  session = null;
}
