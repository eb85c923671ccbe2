import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from './create-store.ts';

const directory = mkdtempSync(join(tmpdir(), 'devtime-create-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('createStore', () => {
  it('opens SQLite from a path or a sqlite: URL, creating the directory', async () => {
    for (const options of [
      { sqlitePath: join(directory, 'nested', 'a.sqlite') },
      { databaseUrl: `sqlite://${join(directory, 'b.sqlite')}` },
    ]) {
      const store = await createStore(options);
      await store.migrate();
      expect(store.dialect).toBe('sqlite');
      expect(await store.listUsers()).toEqual([]);
      await store.close();
    }
  });

  it('needs a database and rejects unknown URL schemes', async () => {
    await expect(createStore({})).rejects.toThrow(/databaseUrl or a sqlitePath/);
    await expect(createStore({ databaseUrl: 'mysql://localhost/x' })).rejects.toThrow(
      /must start with postgres/,
    );
    await expect(
      createStore({ databaseUrl: 'postgres://127.0.0.1:1/x', postgresSchema: 'bad-name' }),
    ).rejects.toThrow(/plain identifier/);
  });
});
