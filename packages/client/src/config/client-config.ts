import type { TomlTable } from 'smol-toml';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_HEARTBEAT_INTERVAL_MS } from '../tracker/editor-tracker.ts';
import type { ClientEnv } from './client-paths.ts';

export interface PrivacySettings {
  /** Send a keyed hash (HMAC-SHA-256 with a key that never leaves the machine) instead of the path. */
  hashFilePaths: boolean;
  /** Project names (globs, case-insensitive) that are never tracked. */
  excludeProjects: string[];
  /** File globs relative to the project (a bare name matches at any depth) that are never tracked. */
  excludeFiles: string[];
}

export interface TrackingSettings {
  heartbeatIntervalMs: number;
  batchIntervalMs: number;
  debounceMs: number;
}

export interface ClientConfig {
  endpoint: string;
  key: string | undefined;
  keySource: 'settings' | 'env' | 'config' | 'none';
  privacy: PrivacySettings;
  tracking: TrackingSettings;
}

/** What an editor's own settings may override (each field only when the user set it). */
export interface ConfigOverrides {
  endpoint?: string | undefined;
  key?: string | undefined;
  hashFilePaths?: boolean | undefined;
  excludeProjects?: string[] | undefined;
  excludeFiles?: string[] | undefined;
  heartbeatIntervalSeconds?: number | undefined;
  batchIntervalSeconds?: number | undefined;
  debounceMs?: number | undefined;
}

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:7070';
export const DEFAULT_BATCH_INTERVAL_MS = 120_000;

/**
 * Editor settings > environment > `~/.devtime/config.toml` > defaults (the CLI's order, with the editor's
 * settings in the place of its flags). Invalid values fall back with a warning instead of failing: a
 * typo in a config file must not stop time tracking.
 */
export function resolveClientConfig(
  file: TomlTable,
  env: ClientEnv,
  overrides: ConfigOverrides = {},
): { config: ClientConfig; warnings: string[] } {
  const warnings: string[] = [];
  const api = table(file.api);
  const privacy = table(file.privacy);
  const tracking = table(file.tracking);

  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const endpoint =
    text(overrides.endpoint) ?? text(env.DEVTIME_API_URL) ?? text(api.endpoint) ?? DEFAULT_ENDPOINT;
  if (!/^https?:\/\/[^\s/]+/.test(endpoint)) warnings.push(`endpoint "${endpoint}" is not an http(s) URL`);

  const [key, keySource] = ((): [string | undefined, ClientConfig['keySource']] => {
    if (text(overrides.key)) return [text(overrides.key), 'settings'];
    if (text(env.DEVTIME_API_KEY)) return [text(env.DEVTIME_API_KEY), 'env'];
    if (text(api.key)) return [text(api.key), 'config'];
    return [undefined, 'none'];
  })();

  const strings = (value: unknown, name: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      warnings.push(`[privacy] ${name} must be a list of strings`);
      return [];
    }
    return value.filter((item): item is string => typeof item === 'string' && item !== '');
  };
  // The plan's names (anonymize_file_paths, exclude_file_patterns) are read too.
  const fileHash = privacy.hash_file_paths ?? privacy.anonymize_file_paths;
  const fileExcludes = privacy.exclude_files ?? privacy.exclude_file_patterns;

  const seconds = (
    value: unknown,
    name: string,
    fallbackMs: number,
    minMs: number,
    maxMs: number,
  ): number => {
    if (value === undefined || value === null) return fallbackMs;
    const ms = typeof value === 'number' ? value * 1000 : Number.NaN;
    if (!Number.isFinite(ms) || ms < minMs || ms > maxMs) {
      warnings.push(
        `${name} must be from ${minMs / 1000} to ${maxMs / 1000} seconds; using ${fallbackMs / 1000}`,
      );
      return fallbackMs;
    }
    return ms;
  };
  const debounce = overrides.debounceMs ?? tracking.debounce_ms;
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  if (debounce !== undefined) {
    if (typeof debounce === 'number' && debounce >= 50 && debounce <= 500) debounceMs = debounce;
    else warnings.push(`debounce_ms must be from 50 to 500; using ${DEFAULT_DEBOUNCE_MS}`);
  }

  return {
    config: {
      endpoint: endpoint.replace(/\/+$/, ''),
      key,
      keySource,
      privacy: {
        hashFilePaths: overrides.hashFilePaths ?? fileHash === true,
        excludeProjects: overrides.excludeProjects ?? strings(privacy.exclude_projects, 'exclude_projects'),
        excludeFiles: overrides.excludeFiles ?? strings(fileExcludes, 'exclude_files'),
      },
      tracking: {
        heartbeatIntervalMs: seconds(
          overrides.heartbeatIntervalSeconds ?? tracking.heartbeat_interval_seconds,
          'heartbeat_interval_seconds',
          DEFAULT_HEARTBEAT_INTERVAL_MS,
          10_000,
          3_600_000,
        ),
        batchIntervalMs: seconds(
          overrides.batchIntervalSeconds ?? tracking.batch_interval_seconds,
          'batch_interval_seconds',
          DEFAULT_BATCH_INTERVAL_MS,
          1_000,
          3_600_000,
        ),
        debounceMs,
      },
    },
    warnings,
  };
}

function table(value: unknown): TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TomlTable) : {};
}
