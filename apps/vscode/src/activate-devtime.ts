import { basename, dirname } from 'node:path';
import type { ClientEnv, Scheduler } from '@devtime/client';
import { realScheduler } from '@devtime/client';
import type * as vscode from 'vscode';
import { registerCommands } from './commands.ts';
import { DevtimeSession } from './devtime-session.ts';
import { subscribeEditorEvents } from './editor-events.ts';
import { createOutputLog } from './output-log.ts';
import { StatusBar } from './status-bar.ts';
import type { VscodeApi } from './vscode-api.ts';

export interface ActivationOptions {
  home: string;
  env: ClientEnv;
  extensionVersion: string;
  scheduler?: Scheduler;
}

/**
 * Wires DevTime into VS Code and returns at once: listeners, commands and the status bar are registered
 * synchronously; reading config.toml, the machine id and the privacy key happens after activation.
 */
export function activateDevtime(
  api: VscodeApi,
  context: vscode.ExtensionContext,
  options: ActivationOptions,
): DevtimeSession {
  const output = api.window.createOutputChannel('DevTime');
  const log = createOutputLog(output);
  const statusBar = new StatusBar(api, {
    paused: false,
    hasKey: true,
    totalSeconds: null,
    failure: null,
    endpoint: '',
    configError: null,
  });
  const scheduler = options.scheduler ?? realScheduler;
  const session = new DevtimeSession({
    api,
    context,
    home: options.home,
    env: options.env,
    scheduler,
    statusBar,
    log,
    extensionVersion: options.extensionVersion,
  });
  const reload = () => void session.load();
  // config.toml usually lies outside the workspace; VS Code watches such a path when asked by base + name.
  const configWatcher = api.workspace.createFileSystemWatcher(
    new api.RelativePattern(api.Uri.file(dirname(session.configFile)), basename(session.configFile)),
  );
  context.subscriptions.push(
    output,
    statusBar,
    configWatcher,
    configWatcher.onDidChange(reload),
    configWatcher.onDidCreate(reload),
    api.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('devtime')) reload();
    }),
    ...subscribeEditorEvents(
      api,
      session.documents,
      (event) => session.handle(event),
      () => scheduler.nowMs(),
    ),
    ...registerCommands(api, session, output, log),
  );
  void session.load();
  return session;
}
