import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db, UsersTable } from './database.ts';
import type { StorageDialect } from './dialects/dialect.ts';
import type { NewUser, UserPatch, UserRecord } from './store.ts';

export async function createUser(db: Db, input: NewUser): Promise<UserRecord> {
  const user: UserRecord = { id: randomUUID(), ...input };
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      password_hash: user.passwordHash,
      time_zone: user.timeZone,
      timeout_ms: user.timeoutMs,
      is_admin: user.isAdmin ? 1 : 0,
      created_at_ms: user.createdAtMs,
    })
    .execute();
  return user;
}

export async function getUserById(db: Db, id: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function getUserByUsername(db: Db, username: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .orderBy('created_at_ms')
    .orderBy('username')
    .execute();
  return rows.map(toUser);
}

/**
 * Foreign keys cascade from `users` to every table except heartbeats, which carry no foreign key to keep
 * ingest cheap; they go in the same transaction. The user goes first: an ingest racing the deletion then
 * fails on its dirty mark's foreign key instead of leaving heartbeats behind.
 */
export async function deleteUser(dialect: StorageDialect, id: string): Promise<boolean> {
  return dialect.writeTransaction(async (trx) => {
    const result = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    await trx.deleteFrom('heartbeats').where('user_id', '=', id).execute();
    return result.numDeletedRows > 0n;
  });
}

export async function updateUser(db: Db, id: string, patch: UserPatch): Promise<UserRecord | null> {
  const set: Partial<Pick<UsersTable, 'password_hash' | 'time_zone' | 'timeout_ms'>> = {};
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
  if (patch.timeoutMs !== undefined) set.timeout_ms = patch.timeoutMs;
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', id).execute();
  return getUserById(db, id);
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    passwordHash: row.password_hash,
    timeZone: row.time_zone,
    timeoutMs: row.timeout_ms,
    isAdmin: Boolean(row.is_admin),
    createdAtMs: row.created_at_ms,
  };
}
