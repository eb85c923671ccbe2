import { createStore, type Store, type UserRecord } from '@devtime/storage';

/** Opens the SQLite file a bench server wrote (after it stopped, so nothing competes with the reads). */
export async function openBenchStore(sqlitePath: string): Promise<Store> {
  const store = await createStore({ sqlitePath });
  await store.migrate();
  return store;
}

/** The local admin created on first run: the only user of a bench database. */
export async function onlyUser(store: Store): Promise<UserRecord> {
  const users = await store.listUsers();
  if (users.length !== 1) throw new Error(`expected exactly one user, found ${users.length}`);
  return users[0]!;
}

/** Heartbeats stored for the user in [fromMs, toMs) (raw events; the bench sends no agent turns). */
export async function countStoredHeartbeats(
  store: Store,
  userId: string,
  fromMs: number,
  toMs: number,
): Promise<number> {
  return (await store.readEvents(userId, { fromMs, toMs })).length;
}
