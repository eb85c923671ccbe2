import { computeDurations, MINUTE_MS } from '@devtime/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './store.ts';
import {
  BASE_MS,
  heartbeat,
  heartbeatEvent,
  mergeAcrossDays,
  newUser,
  randomSource,
  readAll,
  sortByToolThenStart,
} from './store-fixtures.ts';

/**
 * Two servers on one database: ingest and flushes from both interleave, and durations must still equal
 * a full recompute. For dialects whose stores can really run side by side (Postgres).
 */
export function defineConcurrentFlushContract(label: string, openPair: () => Promise<[Store, Store]>): void {
  describe(`Concurrent flushes: ${label}`, () => {
    let stores: [Store, Store];
    beforeAll(async () => {
      stores = await openPair();
    });
    afterAll(async () => {
      await Promise.all(stores?.map((store) => store.close()) ?? []);
    });

    it('two stores ingesting and flushing at once keep durations exact', async () => {
      const [first, second] = stores;
      const user = await first.createUser(newUser());
      const random = randomSource(99);
      const rows = Array.from({ length: 400 }, (_, index) =>
        heartbeat(BASE_MS + Math.floor(random() * 8 * 60) * MINUTE_MS + index, {
          tool: random() < 0.5 ? 'vscode' : 'vim',
          project: random() < 0.5 ? 'a' : 'b',
        }),
      );
      for (let round = 0; round < 10; round++) {
        const batch = rows.slice(round * 40, round * 40 + 40);
        await Promise.all([
          // Overlapping batches: both servers race to store the middle rows.
          first.insertHeartbeats(user.id, batch.slice(0, 25)),
          second.insertHeartbeats(user.id, batch.slice(15).reverse()),
          first.flushDurations(user.id),
          second.flushDurations(user.id),
          second.flushDurations(),
        ]);
      }
      await Promise.all([first.flushDurations(user.id), second.flushDurations(user.id)]);

      const expected = computeDurations(rows.map(heartbeatEvent), { timeoutMs: 15 * MINUTE_MS });
      expect(mergeAcrossDays(await readAll(second, user.id))).toEqual(sortByToolThenStart(expected));
    });
  });
}
