import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiClient, ApiFailure } from '../http/api-client.ts';
import type { DiskQueue } from '../queue/disk-queue.ts';
import { tryAcquireFileLock } from '../queue/file-lock.ts';
import type { QueuedHeartbeat } from './queued-heartbeat.ts';

export interface DeliveryCounts {
  created: number;
  duplicates: number;
  rejected: number;
  /** Torn queue lines skipped (a crash mid-append). */
  corrupt: number;
}

export type DeliveryResult =
  | ({ status: 'delivered' } & DeliveryCounts)
  /** Another client on this machine is delivering the same queue right now. */
  | { status: 'busy' }
  | ({ status: 'failed'; failure: ApiFailure } & DeliveryCounts);

export interface DeliverOptions {
  queue: DiskQueue<QueuedHeartbeat>;
  api: ApiClient;
  /** Items per request (the server takes up to 1,000). */
  batchSize?: number;
  /** Stop after this many requests in one pass, so a huge backlog cannot monopolise a pass. */
  maxRequests?: number;
  /** Rejected items (the server will never take them) are reported here, then dropped. */
  onRejected?: (item: QueuedHeartbeat, reason: string) => void;
}

/**
 * One delivery pass: send the queue's items in order, batch by batch, acking each batch once the server
 * answered it. A crash or a lost answer between send and ack re-sends the batch next time; the server
 * answers `duplicate` for what it already has, so nothing is counted twice. A send lease
 * (`send.lock`, pid + time) keeps two editor windows from sending the same batch at once.
 */
export async function deliverQueued(options: DeliverOptions): Promise<DeliveryResult> {
  const batchSize = options.batchSize ?? 500;
  const maxRequests = options.maxRequests ?? 20;
  // The lease outlives a request's timeout; a crashed holder's pid is gone, so it is taken over at once.
  await mkdir(options.queue.dir, { recursive: true, mode: 0o700 });
  const release = await tryAcquireFileLock(join(options.queue.dir, 'send.lock'), { staleMs: 120_000 });
  if (!release) return { status: 'busy' };
  const counts: DeliveryCounts = { created: 0, duplicates: 0, rejected: 0, corrupt: 0 };
  try {
    for (let request = 0; request < maxRequests; request += 1) {
      const batch = await options.queue.peek(batchSize);
      counts.corrupt += batch.corrupt;
      if (batch.items.length === 0) {
        await options.queue.ack(batch.end); // steps over skipped torn lines
        break;
      }
      // The same content queued twice (two windows, a retried append) goes once.
      const seen = new Set<string>();
      const unique = batch.items.filter((item) => !seen.has(item.id) && seen.add(item.id));
      const result = await options.api.sendHeartbeats(unique.map((item) => item.heartbeat));
      if (!result.ok) {
        if (result.kind !== 'refused') return { status: 'failed', failure: result, ...counts };
        // The whole request was refused (not one item): it never will be accepted, so drop it visibly.
        for (const item of unique) options.onRejected?.(item, result.message);
        counts.rejected += unique.length;
        await options.queue.ack(batch.end);
        continue;
      }
      counts.created += result.value.accepted;
      counts.duplicates += result.value.duplicates;
      counts.rejected += result.value.rejected;
      for (const item of result.value.results) {
        if (item.status === 'rejected') options.onRejected?.(unique[item.index]!, item.error.message);
      }
      await options.queue.ack(batch.end);
      if (batch.items.length < batchSize) break;
    }
    return { status: 'delivered', ...counts };
  } finally {
    await release();
  }
}
