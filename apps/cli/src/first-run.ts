import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { createAccount } from '@devtime/api';
import type { Store } from '@devtime/storage';
import { updateConfigSection } from './config/config-file.ts';

export interface FirstRunResult {
  username: string;
  password: string;
  key: string;
}

function localUsername(): string {
  try {
    const name = userInfo().username.replace(/[^a-zA-Z0-9._-]/g, '');
    return name.length >= 2 ? name : 'me';
  } catch {
    return 'me';
  }
}

/**
 * First run needs no setup: with no users yet, create the local admin with a generated password and a
 * key, and write the key and endpoint to config.toml so local clients work at once.
 */
export async function bootstrapIfEmpty(
  store: Store,
  options: { configPath: string; endpoint: string; nowMs: number },
): Promise<FirstRunResult | null> {
  if ((await store.listUsers()).length > 0) return null;
  const password = randomBytes(12).toString('base64url');
  const { user, key } = await createAccount(store, {
    username: localUsername(),
    password,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    isAdmin: true,
    keyName: 'local',
    nowMs: options.nowMs,
  });
  await updateConfigSection(options.configPath, 'api', { endpoint: options.endpoint, key: key.key });
  return { username: user.username, password, key: key.key };
}
