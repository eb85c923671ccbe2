import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ApiKeysTable, Db } from './database.ts';
import type { ApiKeyRecord, NewApiKey } from './store.ts';

export async function createApiKey(db: Db, input: NewApiKey): Promise<ApiKeyRecord> {
  const key: ApiKeyRecord = { id: randomUUID(), ...input, lastUsedAtMs: null, revokedAtMs: null };
  await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      user_id: key.userId,
      name: key.name,
      key_hash: key.keyHash,
      prefix: key.prefix,
      read_only: key.readOnly ? 1 : 0,
      created_at_ms: key.createdAtMs,
      last_used_at_ms: null,
      revoked_at_ms: null,
    })
    .execute();
  return key;
}

export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRecord | null> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('revoked_at_ms', 'is', null)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

export async function listApiKeys(db: Db, userId: string): Promise<ApiKeyRecord[]> {
  const rows = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at_ms')
    .orderBy('id')
    .execute();
  return rows.map(toApiKey);
}

export async function revokeApiKey(db: Db, userId: string, keyId: string, nowMs: number): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at_ms: nowMs })
    .where('id', '=', keyId)
    .where('user_id', '=', userId)
    .where('revoked_at_ms', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function touchApiKey(db: Db, keyId: string, usedAtMs: number): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at_ms: usedAtMs })
    .where('id', '=', keyId)
    // Touches race (requests finish out of order); never move the timestamp backwards.
    .where((eb) => eb.or([eb('last_used_at_ms', 'is', null), eb('last_used_at_ms', '<', usedAtMs)]))
    .execute();
}

function toApiKey(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    keyHash: row.key_hash,
    prefix: row.prefix,
    readOnly: Boolean(row.read_only),
    createdAtMs: row.created_at_ms,
    lastUsedAtMs: row.last_used_at_ms,
    revokedAtMs: row.revoked_at_ms,
  };
}
