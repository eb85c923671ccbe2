import { computeDurations, MINUTE_MS } from '@devtime/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, utcDayOf } from './durations/utc-days.ts';
import { defineHeartbeatReadsContract } from './heartbeat-reads-contract.ts';
import { randomActivity } from './random-activity.ts';
import type { Store } from './store.ts';
import {
  ALL_TIME,
  BASE_MS,
  heartbeat,
  mergeAcrossDays,
  newUser,
  readAll,
  rollup,
  rollupHash,
  sortByToolThenStart,
  totalMs,
  totalsByDims,
} from './store-fixtures.ts';

const minutes = (count: number) => BASE_MS + count * MINUTE_MS;

/**
 * The behaviour every Store must have, whatever the database. Each dialect's test file runs it against a
 * real database; tests share one store and keep apart by using fresh users.
 */
export function defineStoreContract(label: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${label}`, () => {
    let store: Store;

    beforeAll(async () => {
      store = await makeStore();
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('migrates idempotently and keeps data', async () => {
      const user = await store.createUser(newUser());
      await store.migrate();
      await store.migrate();
      expect(await store.getUserById(user.id)).toEqual(user);
    });

    describe('users', () => {
      it('creates, finds, lists, updates and deletes users', async () => {
        const input = newUser({ passwordHash: 'kdf$hash', isAdmin: true, timeZone: 'Europe/Paris' });
        const user = await store.createUser(input);
        expect(user).toEqual({ id: expect.any(String), ...input });
        expect(await store.getUserById(user.id)).toEqual(user);
        expect(await store.getUserByUsername(input.username)).toEqual(user);
        expect(await store.getUserByUsername('nobody-by-this-name')).toBeNull();
        expect((await store.listUsers()).map((u) => u.id)).toContain(user.id);

        const updated = await store.updateUser(user.id, { timeoutMs: 5 * MINUTE_MS, passwordHash: null });
        expect(updated).toEqual({ ...user, timeoutMs: 5 * MINUTE_MS, passwordHash: null });
        expect(await store.updateUser('missing', { timeZone: 'UTC' })).toBeNull();

        expect(await store.deleteUser(user.id)).toBe(true);
        expect(await store.deleteUser(user.id)).toBe(false);
        expect(await store.getUserById(user.id)).toBeNull();
      });

      it('rejects a duplicate username', async () => {
        const input = newUser();
        await store.createUser(input);
        await expect(store.createUser(input)).rejects.toThrow();
      });
    });

    describe('api keys and web sessions', () => {
      it('finds live keys by hash, lists, touches and revokes them', async () => {
        const user = await store.createUser(newUser());
        const key = await store.createApiKey({
          userId: user.id,
          name: 'laptop',
          keyHash: `hash-${user.id}`,
          prefix: 'dt_abc',
          readOnly: true,
          createdAtMs: BASE_MS,
        });
        expect(await store.findApiKeyByHash(key.keyHash)).toEqual(key);
        await store.touchApiKey(key.id, BASE_MS + 5000);
        await store.touchApiKey(key.id, BASE_MS + 1000);
        expect((await store.listApiKeys(user.id))[0]?.lastUsedAtMs).toBe(BASE_MS + 5000);

        expect(await store.revokeApiKey(user.id, key.id)).toBe(true);
        expect(await store.revokeApiKey(user.id, key.id)).toBe(false);
        expect(await store.findApiKeyByHash(key.keyHash)).toBeNull();
        expect((await store.listApiKeys(user.id))[0]?.revokedAtMs).toEqual(expect.any(Number));
      });

      it('finds web sessions until they expire', async () => {
        const user = await store.createUser(newUser());
        const idHash = `session-${user.id}`;
        await store.createWebSession({
          idHash,
          userId: user.id,
          createdAtMs: BASE_MS,
          expiresAtMs: BASE_MS + 1000,
        });
        expect(await store.findWebSession(idHash, BASE_MS + 999)).toEqual({
          userId: user.id,
          expiresAtMs: BASE_MS + 1000,
        });
        expect(await store.findWebSession(idHash, BASE_MS + 1000)).toBeNull();
        await store.deleteWebSession(idHash);
        expect(await store.findWebSession(idHash, BASE_MS)).toBeNull();
      });
    });

    it('records machines, keeping fields not given and widening first/last seen', async () => {
      const user = await store.createUser(newUser());
      await store.upsertMachine(user.id, {
        id: 'm1',
        name: 'Laptop',
        hostname: 'lap',
        os: 'linux',
        seenAtMs: 2000,
      });
      await store.upsertMachine(user.id, { id: 'm1', seenAtMs: 1000 });
      await store.upsertMachine(user.id, { id: 'm1', os: 'darwin', seenAtMs: 3000 });
      expect(await store.listMachines(user.id)).toEqual([
        { id: 'm1', name: 'Laptop', hostname: 'lap', os: 'darwin', firstSeenMs: 1000, lastSeenMs: 3000 },
      ]);
    });

    describe('machines: rename and delete', () => {
      it('renames a machine; later sightings keep the name; null clears it; only the owner can', async () => {
        const user = await store.createUser(newUser());
        const other = await store.createUser(newUser());
        await store.upsertMachine(user.id, { id: 'm1', hostname: 'lap', os: 'linux', seenAtMs: 1000 });
        expect(await store.renameMachine(user.id, 'm1', 'Work laptop')).toEqual({
          id: 'm1',
          name: 'Work laptop',
          hostname: 'lap',
          os: 'linux',
          firstSeenMs: 1000,
          lastSeenMs: 1000,
        });
        // Ingest's sightings carry the hostname, never the name.
        await store.upsertMachine(user.id, { id: 'm1', hostname: 'lap-2', os: 'linux', seenAtMs: 2000 });
        expect(await store.listMachines(user.id)).toEqual([
          {
            id: 'm1',
            name: 'Work laptop',
            hostname: 'lap-2',
            os: 'linux',
            firstSeenMs: 1000,
            lastSeenMs: 2000,
          },
        ]);
        expect(await store.renameMachine(other.id, 'm1', 'mine now')).toBeNull();
        expect(await store.renameMachine(user.id, 'missing', 'x')).toBeNull();
        expect((await store.renameMachine(user.id, 'm1', null))?.name).toBeNull();
        expect((await store.listMachines(user.id))[0]?.name).toBeNull();
      });

      it("deletes a machine, purging its agent sessions only when asked, and never another user's", async () => {
        const user = await store.createUser(newUser());
        const other = await store.createUser(newUser());
        for (const owner of [user.id, other.id]) {
          await store.upsertMachine(owner, { id: 'm1', hostname: 'lap', seenAtMs: BASE_MS });
          await store.upsertMachine(owner, { id: 'm2', hostname: 'desk', seenAtMs: BASE_MS });
          await store.insertHeartbeats(owner, [
            heartbeat(minutes(0), { machineId: 'm1' }),
            heartbeat(minutes(5), { machineId: 'm1' }),
          ]);
          for (const [sessionId, machineId, start] of [
            ['s1', 'm1', 60],
            ['s2', 'm1', 120],
            ['s3', 'm2', 180],
          ] as const) {
            const session = rollup({
              session_id: sessionId,
              machine_id: machineId,
              started_at: minutes(start),
            });
            await store.upsertAgentSession(owner, session, rollupHash(session), BASE_MS);
          }
        }
        const otherBefore = await readAll(store, other.id);
        expect(totalMs(await readAll(store, user.id))).toBe(5 * MINUTE_MS + 3 * 10 * MINUTE_MS);

        // Without purge only the machine row goes.
        expect(await store.deleteMachine(user.id, 'm2', { purgeAgentSessions: false })).toEqual({
          machine: true,
          agentSessions: 0,
        });
        expect((await store.listMachines(user.id)).map((m) => m.id)).toEqual(['m1']);
        expect(await store.listAgentSessions(user.id, ALL_TIME)).toHaveLength(3);

        // Another user's id space is theirs: nothing of Alice's goes.
        const stranger = await store.createUser(newUser());
        expect(await store.deleteMachine(stranger.id, 'm1', { purgeAgentSessions: true })).toEqual({
          machine: false,
          agentSessions: 0,
        });

        expect(await store.deleteMachine(user.id, 'm1', { purgeAgentSessions: true })).toEqual({
          machine: true,
          agentSessions: 2,
        });
        expect(await store.listMachines(user.id)).toEqual([]);
        expect((await store.listAgentSessions(user.id, ALL_TIME)).map((s) => s.sessionId)).toEqual(['s3']);
        expect(await store.getAgentSession(user.id, 'claude-code', 's1')).toBeNull();
        expect(await store.readAgentUsage(user.id, ALL_TIME)).toHaveLength(1);
        // Heartbeats stay, with their machine id; the purged sessions' time is gone from durations.
        const events = await store.readEvents(user.id, { ...ALL_TIME, tool: 'vscode' });
        expect(events.map((e) => e.dims.machine)).toEqual(['m1', 'm1']);
        const after = await readAll(store, user.id);
        expect(totalMs(after)).toBe(5 * MINUTE_MS + 10 * MINUTE_MS);
        await store.rebuildDurations(user.id);
        expect(await readAll(store, user.id)).toEqual(after);
        // A machine with sessions but no row can still be purged; a second delete finds nothing.
        expect(await store.deleteMachine(user.id, 'm2', { purgeAgentSessions: true })).toEqual({
          machine: false,
          agentSessions: 1,
        });
        expect(await store.deleteMachine(user.id, 'm1', { purgeAgentSessions: true })).toEqual({
          machine: false,
          agentSessions: 0,
        });

        expect(await store.listMachines(other.id)).toHaveLength(2);
        expect(await store.listAgentSessions(other.id, ALL_TIME)).toHaveLength(3);
        expect(await readAll(store, other.id)).toEqual(otherBefore);
      });
    });

    describe('heartbeats', () => {
      it('skips duplicates: stored ones and repeats within a call', async () => {
        const user = await store.createUser(newUser());
        const rows = [heartbeat(minutes(0)), heartbeat(minutes(1)), heartbeat(minutes(2))];
        expect(await store.insertHeartbeats(user.id, [...rows, rows[0]!])).toEqual([true, true, true, false]);
        const before = await readAll(store, user.id);
        expect(totalMs(before)).toBe(2 * MINUTE_MS);

        expect(await store.insertHeartbeats(user.id, rows)).toEqual([false, false, false]);
        expect(await store.insertHeartbeats(user.id, [])).toEqual([]);
        expect(await readAll(store, user.id)).toEqual(before);
        expect(await store.readEvents(user.id, ALL_TIME)).toHaveLength(3);
      });

      it('stores idle heartbeats but counts no time for them', async () => {
        const user = await store.createUser(newUser());
        const idle = { idle: true };
        const fresh = await store.insertHeartbeats(user.id, [
          heartbeat(minutes(0)),
          heartbeat(minutes(5), idle),
          heartbeat(minutes(30), idle),
        ]);
        expect(fresh).toEqual([true, true, true]);
        expect(await readAll(store, user.id)).toEqual([]);
        expect(await store.insertHeartbeats(user.id, [heartbeat(minutes(5), idle)])).toEqual([false]);
        expect(await store.readEvents(user.id, ALL_TIME)).toHaveLength(1);
      });

      it("gives WakaTime's example totals (10 and 15 minute timeouts)", async () => {
        const rows = [0, 1, 2, 15, 16].map((minute) => heartbeat(minutes(minute)));
        const tenMinutes = await store.createUser(newUser({ timeoutMs: 10 * MINUTE_MS }));
        await store.insertHeartbeats(tenMinutes.id, rows);
        const intervals = await readAll(store, tenMinutes.id);
        expect(intervals.map((i) => [i.startMs, i.endMs, i.eventCount])).toEqual([
          [minutes(0), minutes(2), 3],
          [minutes(15), minutes(16), 2],
        ]);

        const fifteenMinutes = await store.createUser(newUser());
        await store.insertHeartbeats(fifteenMinutes.id, rows);
        expect(totalMs(await readAll(store, fifteenMinutes.id))).toBe(16 * MINUTE_MS);
      });

      it('keeps durations right when heartbeats arrive one at a time, late and out of order', async () => {
        const user = await store.createUser(newUser());
        for (const minute of [10, 11, 40, 12, 41, 0, 25, 55]) {
          await store.insertHeartbeats(user.id, [heartbeat(minutes(minute), { project: `p${minute % 2}` })]);
          await store.flushDurations(user.id);
        }
        const events = (await store.readEvents(user.id, ALL_TIME)).map((event) => ({ ...event }));
        expect(await store.readDurations(user.id, ALL_TIME)).toEqual(
          computeDurations(events, { timeoutMs: 15 * MINUTE_MS }),
        );
      });

      it('reads durations and events by range, tool and project', async () => {
        const user = await store.createUser(newUser());
        await store.insertHeartbeats(user.id, [
          heartbeat(minutes(0)),
          heartbeat(minutes(10)),
          heartbeat(minutes(0), { tool: 'vim', project: 'other' }),
          heartbeat(minutes(5), { tool: 'vim', project: 'other' }),
        ]);
        await store.flushDurations();
        const query = { fromMs: minutes(1), toMs: minutes(2) };
        expect((await store.readDurations(user.id, query)).map((i) => [i.dims.tool, i.startMs])).toEqual([
          ['vim', minutes(0)],
          ['vscode', minutes(0)],
        ]);
        expect(await store.readDurations(user.id, { ...query, tool: 'vim' })).toHaveLength(1);
        expect(await store.readDurations(user.id, { ...query, project: 'devtime' })).toHaveLength(1);
        expect(await store.readDurations(user.id, { fromMs: minutes(10), toMs: minutes(20) })).toEqual([]);
        const events = await store.readEvents(user.id, {
          fromMs: minutes(0),
          toMs: minutes(10),
          project: 'other',
        });
        expect(events.map((e) => [e.dims.tool, e.timeMs])).toEqual([
          ['vim', minutes(0)],
          ['vim', minutes(5)],
        ]);
      });

      it('splits stored intervals at UTC midnight', async () => {
        const user = await store.createUser(newUser());
        const midnight = (utcDayOf(BASE_MS) + 1) * DAY_MS;
        await store.insertHeartbeats(user.id, [
          heartbeat(midnight - 5 * MINUTE_MS),
          heartbeat(midnight + 5 * MINUTE_MS),
        ]);
        const rows = await readAll(store, user.id);
        expect(rows.map((row) => [row.startMs, row.endMs, row.eventCount])).toEqual([
          [midnight - 5 * MINUTE_MS, midnight, 1],
          [midnight, midnight + 5 * MINUTE_MS, 1],
        ]);
        const query = { fromMs: midnight + MINUTE_MS, toMs: midnight + 2 * MINUTE_MS };
        expect(await store.readDurations(user.id, query)).toEqual([rows[1]]);
      });

      it('rebuilds with a changed timeout', async () => {
        const user = await store.createUser(newUser());
        await store.insertHeartbeats(user.id, [
          heartbeat(minutes(0)),
          heartbeat(minutes(20)),
          heartbeat(minutes(22)),
        ]);
        expect(totalMs(await readAll(store, user.id))).toBe(2 * MINUTE_MS);
        await store.updateUser(user.id, { timeoutMs: 30 * MINUTE_MS });
        await store.rebuildDurations(user.id);
        expect(totalMs(await readAll(store, user.id))).toBe(22 * MINUTE_MS);
        await store.updateUser(user.id, { timeoutMs: MINUTE_MS });
        await store.rebuildDurations(user.id);
        expect(totalMs(await readAll(store, user.id))).toBe(0);
      });
    });

    defineHeartbeatReadsContract(() => store);

    describe('agent sessions', () => {
      it('stores a rollup once, answers re-sends as unchanged and replaces it on change', async () => {
        const user = await store.createUser(newUser());
        const first = rollup({
          session_id: 's1',
          turns: [
            { started_at: minutes(0), ended_at: minutes(10), prompt_chars: 30, models: null },
            { started_at: minutes(12), ended_at: minutes(20), prompt_chars: null, models: null },
          ],
        });
        expect(await store.upsertAgentSession(user.id, first, rollupHash(first), BASE_MS)).toBe('created');
        expect(await store.upsertAgentSession(user.id, first, rollupHash(first), BASE_MS)).toBe('unchanged');
        expect(totalMs(await readAll(store, user.id))).toBe(20 * MINUTE_MS);
        const [summary] = await store.listAgentSessions(user.id, ALL_TIME);
        expect(summary).toMatchObject({ agent: 'claude-code', sessionId: 's1', turns: 2, prompts: 1 });
        expect(await store.getAgentSession(user.id, 'claude-code', 's1')).toEqual(first);

        const second = rollup({
          session_id: 's1',
          started_at: minutes(60),
          ended_at: minutes(100),
          turns: [{ started_at: minutes(60), ended_at: minutes(65), prompt_chars: 5, models: null }],
        });
        expect(await store.upsertAgentSession(user.id, second, rollupHash(second), BASE_MS)).toBe('updated');
        const intervals = await readAll(store, user.id);
        expect(intervals.map((i) => [i.startMs, i.endMs, i.dims.category])).toEqual([
          [minutes(60), minutes(65), 'ai coding'],
        ]);
        expect(await store.listAgentSessions(user.id, ALL_TIME)).toHaveLength(1);
        expect(await store.readAgentUsage(user.id, ALL_TIME)).toHaveLength(1);
        expect(await store.getAgentSession(user.id, 'claude-code', 's1')).toEqual(second);
      });

      it('attributes usage per turn when turns carry it, else to the session start', async () => {
        const user = await store.createUser(newUser());
        const usage = (model: string, input: number) => ({
          model,
          provider: null,
          calls: 1,
          input_tokens: input,
          output_tokens: 2,
          cache_write_tokens: 3,
          cache_read_tokens: 4,
          reasoning_tokens: 1,
          cost_usd: 0.5,
        });
        const session = rollup({
          session_id: 'per-turn',
          turns: [
            { started_at: minutes(0), ended_at: minutes(1), prompt_chars: 1, models: [usage('a', 10)] },
            { started_at: minutes(5), ended_at: minutes(6), prompt_chars: 1, models: [usage('a', 20)] },
          ],
          models: [
            {
              ...usage('a', 30),
              calls: 2,
              output_tokens: 4,
              cache_write_tokens: 6,
              cache_read_tokens: 8,
              reasoning_tokens: 2,
              cost_usd: 1,
            },
            usage('b', 7),
          ],
        });
        await store.upsertAgentSession(user.id, session, rollupHash(session), BASE_MS);
        const rows = await store.readAgentUsage(user.id, ALL_TIME);
        expect(rows.map((row) => [row.model, row.atMs, row.inputTokens])).toEqual([
          ['a', minutes(0), 10],
          ['b', minutes(0), 7],
          ['a', minutes(5), 20],
        ]);
        expect(rows[0]).toMatchObject({
          agent: 'claude-code',
          sessionId: 'per-turn',
          project: 'devtime',
          costUsd: 0.5,
        });
        expect(await store.readAgentUsage(user.id, { fromMs: minutes(1), toMs: minutes(10) })).toHaveLength(
          1,
        );
        expect(await store.readAgentUsage(user.id, { ...ALL_TIME, tool: 'codex' })).toEqual([]);
        expect(await store.listAgentSessions(user.id, { fromMs: minutes(31), toMs: minutes(40) })).toEqual(
          [],
        );
      });

      it('clips a turn to 12 hours', async () => {
        const user = await store.createUser(newUser());
        const session = rollup({
          session_id: 'long',
          ended_at: minutes(20 * 60),
          turns: [{ started_at: minutes(0), ended_at: minutes(20 * 60), prompt_chars: 1, models: null }],
        });
        await store.upsertAgentSession(user.id, session, rollupHash(session), BASE_MS);
        expect(totalMs(await readAll(store, user.id))).toBe(12 * 60 * MINUTE_MS);
        expect(await store.readEvents(user.id, { ...ALL_TIME, tool: 'claude-code' })).toEqual([
          {
            timeMs: minutes(0),
            durationMs: 12 * 60 * MINUTE_MS,
            dims: {
              tool: 'claude-code',
              project: 'devtime',
              language: null,
              category: 'ai coding',
              branch: 'main',
              machine: 'machine-1',
            },
          },
        ]);
      });
    });

    it('never shows one user what belongs to another', async () => {
      const alice = await store.createUser(newUser());
      const bob = await store.createUser(newUser());
      const key = await store.createApiKey({
        userId: alice.id,
        name: 'k',
        keyHash: `alice-${alice.id}`,
        prefix: 'dt_',
        readOnly: false,
        createdAtMs: BASE_MS,
      });
      await store.insertHeartbeats(alice.id, [heartbeat(minutes(0)), heartbeat(minutes(5))]);
      const session = rollup({ session_id: 'shared-id' });
      await store.upsertAgentSession(alice.id, session, rollupHash(session), BASE_MS);
      await store.upsertMachine(alice.id, { id: 'm1', seenAtMs: BASE_MS });

      // The same heartbeats and session id are new for Bob, and he sees only his own.
      expect(await store.insertHeartbeats(bob.id, [heartbeat(minutes(0))])).toEqual([true]);
      expect(await store.upsertAgentSession(bob.id, session, rollupHash(session), BASE_MS)).toBe('created');
      await store.flushDurations();
      expect(await store.readEvents(bob.id, ALL_TIME)).toHaveLength(2);
      expect((await store.readDurations(bob.id, ALL_TIME)).map((i) => i.dims.tool)).toEqual(['claude-code']);
      expect(await store.listAgentSessions(bob.id, ALL_TIME)).toHaveLength(1);
      expect(await store.readAgentUsage(bob.id, ALL_TIME)).toHaveLength(1);
      expect(await store.listApiKeys(bob.id)).toEqual([]);
      expect(await store.listMachines(bob.id)).toEqual([]);
      expect(await store.revokeApiKey(bob.id, key.id)).toBe(false);
      expect(await store.findApiKeyByHash(key.keyHash)).toEqual(key);

      // Deleting Bob leaves Alice's copies alone.
      await store.deleteUser(bob.id);
      expect(await store.readEvents(alice.id, ALL_TIME)).toHaveLength(3);
      expect(totalMs(await readAll(store, alice.id))).toBe(15 * MINUTE_MS);
      expect(await store.getAgentSession(alice.id, 'claude-code', 'shared-id')).toEqual(session);
      expect(await store.listMachines(alice.id)).toHaveLength(1);
    });

    it('deletes everything a user owns with the user', async () => {
      const user = await store.createUser(newUser());
      const key = await store.createApiKey({
        userId: user.id,
        name: 'k',
        keyHash: `gone-${user.id}`,
        prefix: 'dt_',
        readOnly: false,
        createdAtMs: BASE_MS,
      });
      await store.createWebSession({
        idHash: `gone-${user.id}`,
        userId: user.id,
        createdAtMs: 0,
        expiresAtMs: 1e15,
      });
      await store.upsertMachine(user.id, { id: 'm1', seenAtMs: BASE_MS });
      await store.insertHeartbeats(user.id, [heartbeat(minutes(0)), heartbeat(minutes(1))]);
      const session = rollup({ session_id: 'gone' });
      await store.upsertAgentSession(user.id, session, rollupHash(session), BASE_MS);
      await store.flushDurations(user.id);
      await store.insertHeartbeats(user.id, [heartbeat(minutes(2))]); // leaves a dirty mark behind

      expect(await store.deleteUser(user.id)).toBe(true);
      await store.flushDurations();
      expect(await store.findApiKeyByHash(key.keyHash)).toBeNull();
      expect(await store.findWebSession(`gone-${user.id}`, 0)).toBeNull();
      expect(await store.listMachines(user.id)).toEqual([]);
      expect(await store.readEvents(user.id, ALL_TIME)).toEqual([]);
      expect(await store.readDurations(user.id, ALL_TIME)).toEqual([]);
      expect(await store.listAgentSessions(user.id, ALL_TIME)).toEqual([]);
      expect(await store.readAgentUsage(user.id, ALL_TIME)).toEqual([]);
      expect(await store.getAgentSession(user.id, 'claude-code', 'gone')).toBeNull();
    });

    describe('incremental durations equal a full recompute', () => {
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        it(`random activity, seed ${seed}`, async () => {
          const user = await store.createUser(newUser());
          const activity = randomActivity(seed);
          for (const step of activity.steps) {
            if (step.kind === 'heartbeats') await store.insertHeartbeats(user.id, step.rows);
            else if (step.kind === 'session') {
              await store.upsertAgentSession(user.id, step.session, rollupHash(step.session), BASE_MS);
            } else await store.flushDurations(user.id);
          }
          const incremental = await readAll(store, user.id);
          for (const row of incremental) expect(utcDayOf(row.startMs)).toBe(utcDayOf(row.endMs - 1));

          const full = computeDurations(activity.finalEvents, { timeoutMs: 15 * MINUTE_MS });
          expect(totalsByDims(incremental)).toEqual(totalsByDims(full));
          expect(mergeAcrossDays(incremental)).toEqual(sortByToolThenStart(full));

          await store.rebuildDurations(user.id);
          expect(await readAll(store, user.id)).toEqual(incremental);
        });
      }
    });
  });
}
