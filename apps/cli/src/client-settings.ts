import type { TomlTable } from 'smol-toml';
import { section } from './config/config-file.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './config/defaults.ts';
import type { Env } from './config/paths.ts';

export interface ClientSettings {
  endpoint: string;
  key: string | undefined;
  keySource: 'flag' | 'env' | 'config' | 'none';
}

/** Token precedence: `--token` > DEVTIME_API_KEY > config file; endpoint: DEVTIME_API_URL > config > local. */
export function resolveClientSettings(
  flags: { token?: string },
  env: Env,
  config: TomlTable,
): ClientSettings {
  const api = section(config, 'api');
  const fileKey = typeof api.key === 'string' && api.key !== '' ? api.key : undefined;
  const endpoint =
    env.DEVTIME_API_URL ??
    (typeof api.endpoint === 'string' ? api.endpoint : `http://${DEFAULT_HOST}:${DEFAULT_PORT}`);
  if (flags.token) return { endpoint, key: flags.token, keySource: 'flag' };
  if (env.DEVTIME_API_KEY) return { endpoint, key: env.DEVTIME_API_KEY, keySource: 'env' };
  if (fileKey) return { endpoint, key: fileKey, keySource: 'config' };
  return { endpoint, key: undefined, keySource: 'none' };
}

export function maskKey(key: string): string {
  return `${key.slice(0, 9)}…${key.slice(-4)}`;
}
