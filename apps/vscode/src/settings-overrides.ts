import type { ConfigOverrides } from '@devtime/client';
import type * as vscode from 'vscode';

/**
 * The `devtime.*` settings the user actually set (user, workspace or folder level). A setting left at its
 * default does not override config.toml: `inspect` tells the two apart, `get` would not.
 */
export function readSettingsOverrides(settings: vscode.WorkspaceConfiguration): ConfigOverrides {
  const explicit = <T>(key: string): T | undefined => {
    const inspected = settings.inspect<T>(key);
    return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  };
  return {
    endpoint: explicit<string>('serverUrl') || undefined,
    batchIntervalSeconds: explicit<number>('batchIntervalSeconds'),
    heartbeatIntervalSeconds: explicit<number>('heartbeatIntervalSeconds'),
    debounceMs: explicit<number>('debounceMs'),
    hashFilePaths: explicit<boolean>('privacy.hashFilePaths'),
    excludeProjects: explicit<string[]>('privacy.excludeProjects'),
    excludeFiles: explicit<string[]>('privacy.excludeFiles'),
  };
}
