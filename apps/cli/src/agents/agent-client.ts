import { mkdirSync } from 'node:fs';
import {
  AGENT_ADAPTERS,
  type AgentAdapter,
  type AgentContext,
  adapterById,
  createPrivacyFilter,
  type PrivacyFilter,
} from '@devtime/agents';
import { type ClientSettings, resolveClientSettings } from '../client-settings.ts';
import { readConfig } from '../config/config-file.ts';
import { configPath, dataDir, type Env } from '../config/paths.ts';
import { machineHeaders } from '../machine/machine-identity.ts';
import { agentContextFrom } from './agent-context.ts';
import { privacyHashKey, privacySettings } from './agents-config.ts';
import type { UploadTarget } from './upload-rollups.ts';

/** Everything an agent command needs: where the agents and DevTime keep their files, and the server. */
export interface AgentClient {
  ctx: AgentContext;
  dataDir: string;
  settings: ClientSettings;
  privacy: PrivacyFilter;
  machineId: string;
  /** Null without an API key. */
  target: UploadTarget | null;
}

export async function agentClient(env: Env, flags: { token?: string | undefined }): Promise<AgentClient> {
  const config = await readConfig(configPath(env));
  if (!config.ok) throw new Error(config.error);
  const dir = dataDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const settings = resolveClientSettings(flags, env, config.value);
  const headers = machineHeaders(dir);
  const machineId = headers['X-Machine-Id'] ?? '';
  return {
    ctx: agentContextFrom(env),
    dataDir: dir,
    settings,
    privacy: createPrivacyFilter(privacySettings(config.value), privacyHashKey(dir)),
    machineId,
    target: settings.key ? { endpoint: settings.endpoint, key: settings.key, headers } : null,
  };
}

/** `--source <id>|all` (backfill) and `--target <id>` (install); unknown ids are a clear error. */
export function selectAdapters(id: string | undefined): AgentAdapter[] {
  if (id === undefined || id === 'all') return [...AGENT_ADAPTERS];
  const adapter = adapterById(id);
  if (!adapter) {
    throw new Error(`unknown agent "${id}"; supported: ${AGENT_ADAPTERS.map((a) => a.id).join(', ')}, all`);
  }
  return [adapter];
}
