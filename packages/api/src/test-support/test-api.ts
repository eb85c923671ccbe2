import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, type Store } from '@devtime/storage';
import { createAccount } from '../accounts.ts';
import { createApp, type DevtimeApi } from '../app.ts';
import type { ApiConfig } from '../config.ts';

export interface TestApi {
  api: DevtimeApi;
  store: Store;
  clock: { nowMs(): number; set(ms: number): void };
  /** Sends a JSON request through the real Hono app (no socket). */
  request(
    method: string,
    path: string,
    options?: { key?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  addUser(username: string, timeZone?: string): Promise<{ id: string; key: string }>;
  close(): Promise<void>;
}

/** A real SQLite file store behind the real app, with a settable clock. */
export async function createTestApi(options: {
  nowMs: number;
  config?: Partial<ApiConfig>;
}): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'devtime-api-'));
  const store = await createStore({ sqlitePath: join(dir, 'devtime.sqlite') });
  await store.migrate();
  let now = options.nowMs;
  const clock = {
    nowMs: () => now,
    set: (ms: number) => {
      now = ms;
    },
  };
  const api = createApp({ store, clock, config: { durationFlushDelayMs: 1, ...options.config } });
  return {
    api,
    store,
    clock,
    async request(method, path, { key, body, headers } = {}) {
      return api.app.request(path, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
    },
    async addUser(username, timeZone = 'UTC') {
      const { user, key } = await createAccount(store, {
        username,
        password: 'correct horse battery',
        timeZone,
        isAdmin: false,
        keyName: 'test',
        nowMs: now,
      });
      return { id: user.id, key: key.key };
    },
    async close() {
      await api.shutdown();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A response body as JSON, typed by the caller. */
export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
