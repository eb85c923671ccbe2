import type { InsertObject, Transaction } from 'kysely';
import type { Database } from './database.ts';
import type { StorageDialect } from './dialects/dialect.ts';

/** Inserts rows in as few statements as the dialect's bind-parameter limit allows. */
export async function insertChunked<T extends keyof Database & string>(
  dialect: StorageDialect,
  trx: Transaction<Database>,
  table: T,
  rows: ReadonlyArray<InsertObject<Database, T>>,
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const rowsPerStatement = Math.max(1, Math.floor(dialect.maxBindParams / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + rowsPerStatement))
      .execute();
  }
}
