import { updateConfigSection } from '@devtime/client';
import type * as vscode from 'vscode';
import type { DevtimeSession } from './devtime-session.ts';
import type { Log } from './output-log.ts';
import type { VscodeApi } from './vscode-api.ts';

/**
 * DevTime's commands. The key and URL are written to ~/.devtime/config.toml, which every DevTime client
 * reads (the CLI, agents, other editors), rather than to VS Code settings, which Settings Sync may copy to
 * other machines and services.
 */
export function registerCommands(
  api: VscodeApi,
  session: DevtimeSession,
  output: vscode.OutputChannel,
  log: Log,
): vscode.Disposable[] {
  const register = (command: string, run: () => unknown) =>
    api.commands.registerCommand(command, async () => {
      try {
        await run();
      } catch (error) {
        log(`${command} failed: ${(error as Error).message}`);
        void api.window.showErrorMessage(`DevTime: ${(error as Error).message}`);
      }
    });

  return [
    register('devtime.setApiKey', async () => {
      const key = await api.window.showInputBox({
        title: 'DevTime API key',
        prompt: `Saved in ${session.configFile} (readable by you only)`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (value.trim().length >= 8 ? null : 'That does not look like an API key'),
      });
      if (key === undefined) return;
      await updateConfigSection(session.configFile, 'api', { key: key.trim() });
      log(`API key saved in ${session.configFile}`);
      await session.load();
    }),
    register('devtime.setServerUrl', async () => {
      const url = await api.window.showInputBox({
        title: 'DevTime server URL',
        value: session.config?.endpoint ?? 'http://127.0.0.1:7070',
        ignoreFocusOut: true,
        validateInput: (value) =>
          /^https?:\/\/[^\s/]+/.test(value.trim()) ? null : 'An http(s) URL, e.g. http://127.0.0.1:7070',
      });
      if (url === undefined) return;
      const settings = api.workspace.getConfiguration('devtime');
      const inspected = settings.inspect<string>('serverUrl');
      if (inspected?.workspaceValue || inspected?.workspaceFolderValue) {
        // A workspace setting would keep overriding the file: change the setting where it is.
        await settings.update('serverUrl', url.trim(), api.ConfigurationTarget.Workspace);
      } else {
        if (inspected?.globalValue)
          await settings.update('serverUrl', undefined, api.ConfigurationTarget.Global);
        await updateConfigSection(session.configFile, 'api', { endpoint: url.trim() });
      }
      log(`server URL set to ${url.trim()}`);
      await session.load();
    }),
    register('devtime.openDashboard', () =>
      api.env.openExternal(api.Uri.parse(session.config?.endpoint ?? 'http://127.0.0.1:7070')),
    ),
    register('devtime.pauseTracking', () => session.setPaused(true)),
    register('devtime.resumeTracking', () => session.setPaused(false)),
    register('devtime.showLog', () => output.show(true)),
  ];
}
