import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HeartbeatInput } from '@devtime/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test-support/free-port.ts';
import { createApiClient } from '../http/api-client.ts';
import { DiskQueue } from '../queue/disk-queue.ts';
import { startFakeIngest } from '../test-support/fake-ingest-server.ts';
import { makeTempDir } from '../test-support/temp-dir.ts';
import { deliverQueued } from './deliver-queued.ts';
import { type QueuedHeartbeat, toQueued } from './queued-heartbeat.ts';

const CHILD = join(import.meta.dirname, '..', 'test-support', 'queue-child.ts');
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup) await step();
  cleanup = [];
});

async function setup() {
  const temp = makeTempDir('deliver');
  const server = await startFakeIngest();
  cleanup.push(temp.remove, () => server.close());
  const dir = join(temp.dir, 'queue');
  const queue = new DiskQueue<QueuedHeartbeat>({ dir });
  const api = createApiClient({ endpoint: server.url, key: 'test', timeoutMs: 2_000 });
  return { dir, queue, api, server };
}
const heartbeat = (n: number): HeartbeatInput => ({
  tool: 'vscode',
  timestamp: 1_700_000_000_000 + n,
  file: `f${n}.ts`,
});

describe('deliverQueued', () => {
  it('sends in order in batches and empties the queue', async () => {
    const { queue, api, server } = await setup();
    await queue.append(Array.from({ length: 25 }, (_, n) => toQueued(heartbeat(n))));
    const result = await deliverQueued({ queue, api, batchSize: 10 });
    expect(result).toMatchObject({ status: 'delivered', created: 25, duplicates: 0 });
    expect(server.requests.map((request) => request.length)).toEqual([10, 10, 5]);
    expect(server.requests.flat().map((item) => item.timestamp)).toEqual(
      Array.from({ length: 25 }, (_, n) => 1_700_000_000_000 + n),
    );
    expect((await queue.peek(100)).items).toEqual([]);
  });

  it('keeps everything queued while the server is down, and delivers it once when it is back', async () => {
    const { queue, server, dir } = await setup();
    await queue.append([toQueued(heartbeat(1)), toQueued(heartbeat(2))]);
    const down = createApiClient({
      endpoint: `http://127.0.0.1:${await freePort()}`,
      key: 'test',
      timeoutMs: 2_000,
    });
    const offline = await deliverQueued({ queue, api: down });
    expect(offline).toMatchObject({ status: 'failed', failure: { kind: 'offline' } });
    server.setStatus(503);
    const api = createApiClient({ endpoint: server.url, key: 'test' });
    expect(await deliverQueued({ queue, api })).toMatchObject({
      failure: { kind: 'unavailable', status: 503 },
    });
    server.setStatus(200);
    expect(await deliverQueued({ queue, api })).toMatchObject({ status: 'delivered', created: 2 });
    expect(server.stored.size).toBe(2);
    expect(existsSync(join(dir, 'send.lock'))).toBe(false);
  });

  it('drops items the server rejects (they never will be accepted) and reports them', async () => {
    const { queue, api } = await setup();
    const bad = { tool: 'vscode', timestamp: 'soon' } as unknown as HeartbeatInput;
    await queue.append([toQueued(heartbeat(1)), toQueued(bad), toQueued(heartbeat(2))]);
    const rejected: string[] = [];
    const result = await deliverQueued({ queue, api, onRejected: (_item, reason) => rejected.push(reason) });
    expect(result).toMatchObject({ status: 'delivered', created: 2, rejected: 1 });
    expect(rejected).toEqual(['timestamp']);
    expect((await queue.peek(10)).items).toEqual([]);
  });

  it('sends the same content once when it was queued twice', async () => {
    const { queue, api, server } = await setup();
    await queue.append([toQueued(heartbeat(1)), toQueued(heartbeat(1))]);
    await deliverQueued({ queue, api });
    expect(server.requests.flat()).toHaveLength(1);
  });

  it('a client killed between send and ack: the restarted one re-sends the same content, stored once', async () => {
    const { queue, api, server, dir } = await setup();
    const items = Array.from({ length: 3 }, (_, n) => toQueued(heartbeat(n)));
    await queue.append(items);
    server.setHold(true); // the request arrives, the answer never does
    const child = spawn(process.execPath, [CHILD, 'deliver', dir, server.url], { stdio: 'inherit' });
    await server.nextRequest();
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(server.requests).toHaveLength(1);
    // The server stored it before the client died (a real server commits, then answers).
    for (const item of server.requests[0]!) server.stored.add(JSON.stringify(item));
    expect(existsSync(join(dir, 'send.lock'))).toBe(true); // left behind by the dead process

    server.setHold(false);
    const result = await deliverQueued({ queue, api });
    expect(result).toMatchObject({ status: 'delivered', created: 0, duplicates: 3 });
    expect(server.requests[1]).toEqual(server.requests[0]); // byte-identical re-send
    expect(server.stored.size).toBe(3);
    expect((await queue.peek(10)).items).toEqual([]);
  });

  it('a live sender holds the lease: a second client skips the pass instead of double-sending', async () => {
    const { queue, api, server, dir } = await setup();
    await queue.append([toQueued(heartbeat(1))]);
    server.setHold(true);
    const child = spawn(process.execPath, [CHILD, 'deliver', dir, server.url], { stdio: 'inherit' });
    cleanup.push(() => {
      child.kill('SIGKILL');
    });
    await server.nextRequest();
    expect(await deliverQueued({ queue, api })).toEqual({ status: 'busy' });
  });
});
