import { mkdir } from 'node:fs/promises';
import { createStore, type Store } from '@devtime/storage';
import type { ServerSettings } from './config/server-settings.ts';

/** Postgres when a URL is configured, else the embedded SQLite file in the data directory. */
export async function openStore(settings: ServerSettings): Promise<Store> {
  if (!settings.databaseUrl) await mkdir(settings.dataDir, { recursive: true, mode: 0o700 });
  const store = await createStore(
    settings.databaseUrl
      ? { databaseUrl: settings.databaseUrl, postgresSchema: settings.databaseSchema }
      : { sqlitePath: settings.sqlitePath },
  );
  await store.migrate();
  return store;
}
