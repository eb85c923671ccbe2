import type { Db } from './database.ts';

export async function createWebSession(
  db: Db,
  input: { idHash: string; userId: string; createdAtMs: number; expiresAtMs: number },
): Promise<void> {
  await db
    .insertInto('web_sessions')
    .values({
      id_hash: input.idHash,
      user_id: input.userId,
      created_at_ms: input.createdAtMs,
      expires_at_ms: input.expiresAtMs,
    })
    .execute();
}

export async function findWebSession(
  db: Db,
  idHash: string,
  nowMs: number,
): Promise<{ userId: string; expiresAtMs: number } | null> {
  const row = await db
    .selectFrom('web_sessions')
    .select(['user_id', 'expires_at_ms'])
    .where('id_hash', '=', idHash)
    .where('expires_at_ms', '>', nowMs)
    .executeTakeFirst();
  return row ? { userId: row.user_id, expiresAtMs: row.expires_at_ms } : null;
}

export async function deleteWebSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('id_hash', '=', idHash).execute();
}
