import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ApiConfig, DEFAULT_API_CONFIG } from '@devtime/api';
import { loadPriceOverrides } from '@devtime/core';
import type { TomlTable } from 'smol-toml';
import { section } from './config-file.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';

export { DEFAULT_HOST, DEFAULT_PORT };

import { dataDir, type Env } from './paths.ts';

export interface ServeFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  allowSignup?: boolean;
  pricesFile?: string;
}

export interface ServerSettings {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Postgres schema holding DevTime's tables (created if missing), for sharing one database. */
  databaseSchema: string | undefined;
  sqlitePath: string;
  api: Partial<ApiConfig>;
}

export type SettingsResult = { ok: true; value: ServerSettings } | { ok: false; error: string };

/** flag > environment > `[server]` in config.toml > default, for every server option. */
export function resolveServerSettings(flags: ServeFlags, env: Env, config: TomlTable): SettingsResult {
  const server = section(config, 'server');
  const errors: string[] = [];
  const pick = (flag: unknown, envName: string, key: string): unknown =>
    flag ?? env[envName] ?? (server[key] as unknown);
  const int = (value: unknown, name: string, fallback: number, min: number, max: number): number => {
    if (value === undefined || value === '') return fallback;
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      errors.push(`${name} must be an integer from ${min} to ${max}, got "${String(value)}"`);
      return fallback;
    }
    return number;
  };
  const bool = (value: unknown, name: string): boolean => {
    if (value === undefined || value === '') return false;
    if (typeof value === 'boolean') return value;
    if (/^(1|true|yes|on)$/i.test(String(value))) return true;
    if (/^(0|false|no|off)$/i.test(String(value))) return false;
    errors.push(`${name} must be true or false, got "${String(value)}"`);
    return false;
  };

  const dir = dataDir(env, flags.dataDir);
  const databaseUrl = (pick(flags.databaseUrl, 'DATABASE_URL', 'database_url') ?? env.DEVTIME_DATABASE_URL) as
    | string
    | undefined;
  const schema = pick(undefined, 'DEVTIME_DATABASE_SCHEMA', 'database_schema') as string | undefined;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    errors.push(`database_schema must be a lower-case SQL identifier, got "${schema}"`);
  }
  const pricesFile = pricesFileSetting(pick(flags.pricesFile, 'DEVTIME_PRICES_FILE', 'prices_file'), errors);
  const value: ServerSettings = {
    port: int(pick(flags.port, 'DEVTIME_PORT', 'port'), 'port', DEFAULT_PORT, 0, 65_535),
    host: String(pick(flags.host, 'DEVTIME_HOST', 'host') ?? DEFAULT_HOST),
    dataDir: dir,
    databaseUrl: databaseUrl || undefined,
    databaseSchema: schema || undefined,
    sqlitePath: join(dir, 'devtime.sqlite'),
    api: {
      allowSignup: bool(pick(flags.allowSignup, 'DEVTIME_ALLOW_SIGNUP', 'allow_signup'), 'allow_signup'),
      trustProxy: bool(pick(undefined, 'DEVTIME_TRUST_PROXY', 'trust_proxy'), 'trust_proxy'),
      rateLimitPerSecond: int(
        pick(undefined, 'DEVTIME_RATE_LIMIT_PER_SECOND', 'rate_limit_per_second'),
        'rate_limit_per_second',
        DEFAULT_API_CONFIG.rateLimitPerSecond,
        0,
        1_000_000,
      ),
      rateLimitBurst: int(
        pick(undefined, 'DEVTIME_RATE_LIMIT_BURST', 'rate_limit_burst'),
        'rate_limit_burst',
        DEFAULT_API_CONFIG.rateLimitBurst,
        1,
        10_000_000,
      ),
      bodyLimitBytes: int(
        pick(undefined, 'DEVTIME_BODY_LIMIT_BYTES', 'body_limit_bytes'),
        'body_limit_bytes',
        DEFAULT_API_CONFIG.bodyLimitBytes,
        1024,
        1024 * 1024 * 1024,
      ),
      ...(pricesFile ? { pricesFile } : {}),
    },
  };
  return errors.length > 0 ? { ok: false, error: errors.join('\n') } : { ok: true, value };
}

/**
 * `prices_file`: model prices merged over the bundled table for cost estimates. Checked here, so that a
 * file the server could not use stops startup with the reason instead of an exception from the API.
 * A relative path is taken from the working directory.
 */
function pricesFileSetting(value: unknown, errors: string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    errors.push(`prices_file must be a path, got "${String(value)}"`);
    return undefined;
  }
  const path = resolve(value);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    errors.push(`prices_file: cannot read ${path}: ${(error as Error).message}`);
    return undefined;
  }
  const prices = loadPriceOverrides(text);
  if (!prices.ok) errors.push(`prices_file ${path} is invalid: ${prices.error}`);
  return path;
}
