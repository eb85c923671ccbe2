// A separate process using the queue, for the multi-process and crash tests (run by node directly).
//   append DIR WRITER COUNT         appends COUNT items {writer, n} one call each
//   deliver DIR URL                 one delivery pass against URL (a test server), then exits
import { createApiClient } from '../http/api-client.ts';
import { deliverQueued } from '../outbox/deliver-queued.ts';
import type { QueuedHeartbeat } from '../outbox/queued-heartbeat.ts';
import { DiskQueue } from '../queue/disk-queue.ts';

const [command, dir, ...rest] = process.argv.slice(2);
if (!dir) throw new Error('usage: queue-child.ts append|deliver DIR …');
if (command === 'append') {
  const queue = new DiskQueue<{ writer: string; n: number }>({
    dir,
    segmentBytes: 4_096,
    lockTimeoutMs: 20_000,
  });
  const [writer = 'w', count = '100'] = rest;
  for (let n = 0; n < Number(count); n += 1) await queue.append([{ writer, n }]);
} else if (command === 'deliver') {
  const queue = new DiskQueue<QueuedHeartbeat>({ dir });
  const api = createApiClient({ endpoint: rest[0]!, key: 'test', timeoutMs: 60_000 });
  const result = await deliverQueued({ queue, api });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
