import { hostname } from 'node:os';
import {
  type ApiClient,
  type ClientConfig,
  type ClientContext,
  createApiClient,
  machineHeaders,
} from '@devtime/client';
import { detectHost } from './host-info.ts';
import type { VscodeApi } from './vscode-api.ts';

/**
 * Who is sending: the fields every heartbeat of this window carries (tool `vscode`, the host editor, the
 * extension version, the machine) and the API client that sends them with the machine headers, or null
 * without a key.
 */
export function clientIdentity(
  api: VscodeApi,
  config: ClientConfig,
  machineId: string,
  extensionVersion: string,
): { client: ClientContext; apiClient: ApiClient | null } {
  const client: ClientContext = {
    tool: 'vscode',
    editor: detectHost({
      appName: api.env.appName,
      uriScheme: api.env.uriScheme,
      appHost: api.env.appHost,
      remoteName: api.env.remoteName,
    }),
    editorVersion: api.version,
    plugin: `devtime-vscode/${extensionVersion}`,
    os: process.platform,
    machineId,
  };
  const apiClient = config.key
    ? createApiClient({
        endpoint: config.endpoint,
        key: config.key,
        headers: {
          ...machineHeaders(machineId, hostname(), process.platform),
          'user-agent': `${client.plugin} (${client.editor} ${api.version}; ${process.platform})`,
        },
      })
    : null;
  return { client, apiClient };
}
