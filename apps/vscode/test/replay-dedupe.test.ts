// The offline queue's promise of "no duplicates" rests on the server: a client that crashed after sending a
// batch but before acking it sends the same bytes again, and the real `devtime serve` must store them once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient, DiskQueue, deliverQueued, type QueuedHeartbeat, toQueued } from '@devtime/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test-support/free-port.ts';
import { type DevtimeServer, startDevtimeServer } from './e2e/devtime-server.ts';
import { readStoredHeartbeats } from './e2e/server-heartbeats.ts';

describe('re-sending a queued batch to a real devtime serve', () => {
  let root: string;
  let server: DevtimeServer;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'devtime-replay-'));
    server = await startDevtimeServer({
      home: join(root, 'home'),
      dataDir: join(root, 'data'),
      port: await freePort(),
    });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('stores a batch sent twice (crash between send and ack) once, and totals do not move', async () => {
    const api = createApiClient({ endpoint: server.url, key: server.firstRunKey! });
    const queue = new DiskQueue<QueuedHeartbeat>({ dir: join(root, 'queue') });
    const start = Date.now() - 600_000;
    await queue.append(
      Array.from({ length: 5 }, (_, n) =>
        toQueued({
          tool: 'vscode',
          timestamp: start + n * 60_000,
          project: 'shop',
          file: `src/f${n}.ts`,
          language: 'TypeScript',
        }),
      ),
    );
    // The crashed client: it sent the batch, the server stored it, the ack never happened.
    const batch = await queue.peek(100);
    const first = await api.sendHeartbeats(batch.items.map((item) => item.heartbeat));
    expect(first.ok && first.value.accepted).toBe(5);
    const totalBefore = await api.todayStats();

    // The restarted client delivers the queue from the old cursor: the same five again.
    const again = await deliverQueued({ queue, api });
    expect(again).toMatchObject({ status: 'delivered', created: 0, duplicates: 5 });
    expect(readStoredHeartbeats(join(root, 'data'))).toHaveLength(5);
    expect(await api.todayStats()).toEqual(totalBefore);
    expect((await queue.peek(10)).items).toEqual([]);
  });
});
