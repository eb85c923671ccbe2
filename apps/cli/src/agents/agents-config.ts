import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PRIVACY, type PrivacySettings } from '@devtime/agents';
import type { TomlTable } from 'smol-toml';
import { section } from '../config/config-file.ts';

/** `[privacy]` in config.toml: hash_file_paths, exclude_projects, exclude_files. */
export function privacySettings(config: TomlTable): PrivacySettings {
  const privacy = section(config, 'privacy');
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  return {
    hashFilePaths: privacy.hash_file_paths === true ? true : DEFAULT_PRIVACY.hashFilePaths,
    excludeProjects: strings(privacy.exclude_projects),
    excludeFiles: strings(privacy.exclude_files),
  };
}

/** The secret for keyed path hashes: minted once per machine, never uploaded. */
export function privacyHashKey(dataDir: string): string {
  const path = join(dataDir, 'privacy-key');
  try {
    const key = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(key)) return key;
  } catch {
    // not there yet
  }
  const key = randomBytes(32).toString('hex');
  try {
    writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch {
    // another process minted it first: use theirs
    return readFileSync(path, 'utf8').trim();
  }
}
