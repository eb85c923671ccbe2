import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { defineConcurrentFlushContract } from './concurrent-flush-contract.ts';
import { createStore } from './create-store.ts';
import { defineStoreContract } from './store-contract.ts';

const databaseUrl = process.env.DEVTIME_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.DEVTIME_REQUIRE_POSTGRES === '1';
const schemas: string[] = [];

const unreachable = await reachability(databaseUrl);

if (unreachable === null) {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  });

  // Each run gets its own schema, so parallel runs and leftovers never meet.
  const freshSchema = () => {
    const schema = `devtime_test_${randomUUID().replaceAll('-', '')}`;
    schemas.push(schema);
    return schema;
  };
  const open = (postgresSchema: string) => createStore({ databaseUrl, postgresSchema, windowEventLimit: 7 });

  defineStoreContract('Postgres', () => open(freshSchema()));
  defineConcurrentFlushContract('Postgres', async () => {
    const schema = freshSchema();
    const first = await open(schema);
    await first.migrate();
    return [first, await open(schema)];
  });
} else if (required) {
  describe('Store contract: Postgres', () => {
    it('needs a reachable Postgres (DEVTIME_REQUIRE_POSTGRES=1)', () => {
      throw new Error(`Postgres at ${redact(databaseUrl)} is unreachable: ${unreachable}`);
    });
  });
} else {
  console.warn(
    `Skipping the Postgres store contract: ${redact(databaseUrl)} is unreachable (${unreachable}). ` +
      'Set DEVTIME_TEST_DATABASE_URL to run it, DEVTIME_REQUIRE_POSTGRES=1 to make this a failure.',
  );
  describe.skip('Store contract: Postgres (unreachable)', () => {
    it('runs against Postgres', () => {});
  });
}

/** null when a connection works, else why not. */
async function reachability(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
