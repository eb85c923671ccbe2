import { DEFAULT_TIMEOUT_MS } from '@devtime/core';
import type { ApiKeySummary, CreatedApiKey } from '@devtime/protocol';
import type { ApiKeyRecord, Store, UserRecord } from '@devtime/storage';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './auth/api-key.ts';
import { hashPassword } from './auth/password.ts';

export function keySummary(record: ApiKeyRecord): ApiKeySummary {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    read_only: record.readOnly,
    created_at: new Date(record.createdAtMs).toISOString(),
    last_used_at: record.lastUsedAtMs === null ? null : new Date(record.lastUsedAtMs).toISOString(),
  };
}

/** Mints a key; the plain key exists only in the returned value, the store keeps its SHA-256. */
export async function issueApiKey(
  store: Store,
  input: { userId: string; name: string; readOnly: boolean; nowMs: number },
): Promise<CreatedApiKey> {
  const key = generateApiKey();
  const record = await store.createApiKey({
    userId: input.userId,
    name: input.name,
    keyHash: hashApiKey(key),
    prefix: apiKeyPrefix(key),
    readOnly: input.readOnly,
    createdAtMs: input.nowMs,
  });
  return { ...keySummary(record), key };
}

/** Used by signup, `devtime user add` and the first run of `devtime serve`. */
export async function createAccount(
  store: Store,
  input: {
    username: string;
    password: string | null;
    timeZone: string;
    isAdmin: boolean;
    keyName: string;
    nowMs: number;
  },
): Promise<{ user: UserRecord; key: CreatedApiKey }> {
  const user = await store.createUser({
    username: input.username,
    passwordHash: input.password === null ? null : await hashPassword(input.password),
    timeZone: input.timeZone,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    isAdmin: input.isAdmin,
    createdAtMs: input.nowMs,
  });
  const key = await issueApiKey(store, {
    userId: user.id,
    name: input.keyName,
    readOnly: false,
    nowMs: input.nowMs,
  });
  return { user, key };
}
