import type { StorageDialect } from './dialects/dialect.ts';
import { openPostgres } from './dialects/postgres.ts';
import { openSqlite } from './dialects/sqlite.ts';
import { createSqlStore } from './sql-store.ts';
import type { Store } from './store.ts';

export interface StoreOptions {
  /** `postgres://…` / `postgresql://…` for Postgres; `sqlite:<path>` or `file:<path>` for SQLite. */
  databaseUrl?: string | undefined;
  /** The SQLite database file, used when no `databaseUrl` is given. */
  sqlitePath?: string | undefined;
  /** Postgres only: keep all tables in this schema (created if missing), e.g. to isolate test runs. */
  postgresSchema?: string | undefined;
  /**
   * Events per source one duration-maintenance window loads at most (default 5,000). Tests set it tiny
   * so that window seams occur everywhere.
   */
  windowEventLimit?: number | undefined;
}

/** Opens a store; call `migrate()` before first use. */
export async function createStore(options: StoreOptions): Promise<Store> {
  return createSqlStore(await openDialect(options), { windowEventLimit: options.windowEventLimit });
}

async function openDialect(options: StoreOptions): Promise<StorageDialect> {
  const url = options.databaseUrl;
  if (url !== undefined && url !== '') {
    if (/^postgres(ql)?:\/\//i.test(url)) return openPostgres(url, options.postgresSchema);
    const sqlitePath = /^(sqlite|file):(\/\/)?(.+)$/i.exec(url)?.[3];
    if (sqlitePath) return openSqlite(decodeURIComponent(sqlitePath));
    throw new Error('databaseUrl must start with postgres://, postgresql://, sqlite: or file:');
  }
  if (options.sqlitePath) return openSqlite(options.sqlitePath);
  throw new Error('createStore needs a databaseUrl or a sqlitePath');
}
