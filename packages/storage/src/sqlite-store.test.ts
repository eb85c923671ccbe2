import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createStore } from './create-store.ts';
import { defineStoreContract } from './store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'devtime-storage-'));
let files = 0;

afterAll(() => rmSync(directory, { recursive: true, force: true }));

defineStoreContract('SQLite', () =>
  // A tiny window limit puts window seams everywhere, which is where incremental maintenance can go wrong.
  createStore({ sqlitePath: join(directory, `store-${++files}.sqlite`), windowEventLimit: 7 }),
);
