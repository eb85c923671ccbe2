import { join } from 'node:path';
import type { HeartbeatInput } from '@devtime/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../http/api-client.ts';
import { DiskQueue } from '../queue/disk-queue.ts';
import { FakeScheduler } from '../test-support/fake-scheduler.ts';
import { makeTempDir } from '../test-support/temp-dir.ts';
import { waitFor } from '../test-support/wait-for.ts';
import { createHeartbeatOutbox, type OutboxStatus } from './heartbeat-outbox.ts';
import type { QueuedHeartbeat } from './queued-heartbeat.ts';

let remove: () => void = () => {};
afterEach(() => remove());

/** An API that records batches and can be switched offline. */
function fakeApi() {
  const sent: HeartbeatInput[][] = [];
  let online = true;
  const api: ApiClient = {
    async sendHeartbeats(heartbeats) {
      if (!online) return { ok: false, kind: 'offline', message: 'ECONNREFUSED' };
      sent.push([...heartbeats]);
      const results = heartbeats.map((_, index) => ({ index, status: 'created' as const }));
      return { ok: true, value: { accepted: heartbeats.length, duplicates: 0, rejected: 0, results } };
    },
    async todayStats() {
      return { ok: true, value: { totalSeconds: 0 } };
    },
  };
  return { api, sent, setOnline: (value: boolean) => (online = value) };
}

describe('createHeartbeatOutbox', () => {
  it('uploads what was queued every batch interval, and keeps it queued while offline', async () => {
    const temp = makeTempDir('outbox');
    remove = temp.remove;
    const scheduler = new FakeScheduler();
    const { api, sent, setOnline } = fakeApi();
    const statuses: OutboxStatus[] = [];
    const outbox = createHeartbeatOutbox({
      queue: new DiskQueue<QueuedHeartbeat>({ dir: join(temp.dir, 'q') }),
      api: () => api,
      scheduler,
      batchIntervalMs: 120_000,
      onStatus: (status) => statuses.push(status),
    });
    outbox.start();
    await outbox.enqueue([{ tool: 'vscode', timestamp: 1 }]);
    scheduler.advance(119_999);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]); // batched, not sent per heartbeat

    scheduler.advance(1);
    await waitFor(() => statuses.length === 1);
    expect(sent).toEqual([[{ tool: 'vscode', timestamp: 1 }]]);

    setOnline(false);
    await outbox.enqueue([{ tool: 'vscode', timestamp: 2 }]);
    await waitFor(() => scheduler.pendingTimers() === 1); // the next pass is armed
    scheduler.advance(120_000);
    await waitFor(() => statuses.length === 2);
    expect(statuses.at(-1)).toMatchObject({ kind: 'failed', failure: { kind: 'offline' } });

    setOnline(true);
    await waitFor(() => scheduler.pendingTimers() === 1);
    scheduler.advance(120_000);
    await waitFor(() => statuses.length === 3);
    expect(sent).toEqual([[{ tool: 'vscode', timestamp: 1 }], [{ tool: 'vscode', timestamp: 2 }]]);
    expect(statuses.at(-1)).toMatchObject({ kind: 'ok' });
    outbox.dispose();
  });

  it('logs when a full queue dropped its oldest heartbeats', async () => {
    const temp = makeTempDir('outbox');
    remove = temp.remove;
    const { api, setOnline } = fakeApi();
    setOnline(false);
    const lines: string[] = [];
    const queue = new DiskQueue<QueuedHeartbeat>({
      dir: join(temp.dir, 'q'),
      segmentBytes: 512,
      maxBytes: 1_024,
    });
    const outbox = createHeartbeatOutbox({
      queue,
      api: () => api,
      scheduler: new FakeScheduler(),
      batchIntervalMs: 1_000,
      log: (line) => lines.push(line),
    });
    await outbox.deliverNow();
    for (let n = 0; n < 40; n += 1)
      await outbox.enqueue([{ tool: 'vscode', timestamp: n, file: `file-${n}.ts` }]);
    await outbox.deliverNow();
    const dropped = (await queue.stats()).dropped;
    expect(dropped).toBeGreaterThan(0);
    expect(lines.at(-1)).toBe(`the queue was full: ${dropped} oldest heartbeat(s) dropped`);
  });

  it('reports a missing key instead of sending', async () => {
    const temp = makeTempDir('outbox');
    remove = temp.remove;
    const statuses: OutboxStatus[] = [];
    const outbox = createHeartbeatOutbox({
      queue: new DiskQueue<QueuedHeartbeat>({ dir: join(temp.dir, 'q') }),
      api: () => null,
      scheduler: new FakeScheduler(),
      batchIntervalMs: 1_000,
      onStatus: (status) => statuses.push(status),
    });
    expect(await outbox.deliverNow()).toBeNull();
    expect(statuses).toEqual([{ kind: 'no-key' }]);
  });
});
