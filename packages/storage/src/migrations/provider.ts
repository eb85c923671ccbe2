import type { Migration, MigrationProvider } from 'kysely/migration';
import type { SchemaDialect } from '../dialects/dialect.ts';
import { initialMigration } from './0001-initial.ts';

/**
 * Migrations live in code rather than being discovered on disk, so they ship with the package and can
 * adapt column types to the dialect. Names sort in order; never rename or edit one that has shipped.
 */
export function migrationProvider(dialect: SchemaDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initialMigration(dialect),
  };
  return { getMigrations: async () => migrations };
}
