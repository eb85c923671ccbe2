import type { HeartbeatInput } from '@devtime/protocol';
import type { ApiClient, ApiFailure } from '../http/api-client.ts';
import type { DiskQueue } from '../queue/disk-queue.ts';
import type { Scheduler } from '../tracker/tracker-driver.ts';
import { type DeliveryResult, deliverQueued } from './deliver-queued.ts';
import { type QueuedHeartbeat, toQueued } from './queued-heartbeat.ts';

export type OutboxStatus =
  | { kind: 'ok'; lastDeliveredAtMs: number | null }
  | { kind: 'no-key' }
  | { kind: 'failed'; failure: ApiFailure; sinceMs: number };

export interface OutboxOptions {
  queue: DiskQueue<QueuedHeartbeat>;
  /** The current client, or null without a key; asked on every pass, so a new key applies at once. */
  api: () => ApiClient | null;
  scheduler: Scheduler;
  /** How often queued heartbeats are uploaded (2 minutes by default). */
  batchIntervalMs: number;
  onStatus?: (status: OutboxStatus) => void;
  onDelivered?: (result: DeliveryResult) => void;
  log?: (line: string) => void;
}

export interface HeartbeatOutbox {
  /** Queues heartbeats durably (they survive a crash from here on). */
  enqueue(heartbeats: readonly HeartbeatInput[]): Promise<void>;
  /** One delivery pass now (a pass already running is awaited instead of starting another). */
  deliverNow(): Promise<DeliveryResult | null>;
  /** Starts the periodic uploads. */
  start(): void;
  dispose(): void;
}

/**
 * Batching between the tracker and the server: heartbeats go to the disk queue at once and are uploaded
 * every `batchIntervalMs` (or sooner via `deliverNow`). Failures leave them queued for the next pass.
 */
export function createHeartbeatOutbox(options: OutboxOptions): HeartbeatOutbox {
  const { queue, scheduler } = options;
  const log = options.log ?? (() => {});
  let timer: unknown = null;
  let running: Promise<DeliveryResult | null> | null = null;
  let disposed = false;
  let status: OutboxStatus = { kind: 'ok', lastDeliveredAtMs: null };
  let droppedSeen: number | null = null;

  const setStatus = (next: OutboxStatus) => {
    status = next;
    options.onStatus?.(next);
  };

  const pass = async (): Promise<DeliveryResult | null> => {
    const api = options.api();
    if (!api) {
      setStatus({ kind: 'no-key' });
      return null;
    }
    const result = await deliverQueued({
      queue,
      api,
      onRejected: (item, reason) => log(`server rejected heartbeat ${item.id}: ${reason}`),
    });
    if (result.status === 'delivered') {
      if (result.created + result.duplicates + result.rejected > 0) {
        log(
          `delivered: ${result.created} new, ${result.duplicates} already there, ${result.rejected} rejected`,
        );
      }
      if (result.corrupt > 0) log(`skipped ${result.corrupt} torn queue line(s)`);
      setStatus({ kind: 'ok', lastDeliveredAtMs: scheduler.nowMs() });
    } else if (result.status === 'failed') {
      log(`upload failed (${result.failure.kind}): ${result.failure.message}; kept in the queue`);
      const sinceMs = status.kind === 'failed' ? status.sinceMs : scheduler.nowMs();
      setStatus({ kind: 'failed', failure: result.failure, sinceMs });
    }
    // A full queue drops its oldest entries (counted in cursor.json): say so once per new loss.
    const { dropped } = await queue.stats();
    if (droppedSeen !== null && dropped > droppedSeen) {
      log(`the queue was full: ${dropped - droppedSeen} oldest heartbeat(s) dropped`);
    }
    droppedSeen = dropped;
    options.onDelivered?.(result);
    return result;
  };

  const deliverNow = () => {
    running ??= pass()
      .catch((error: unknown) => {
        log(`upload pass failed: ${(error as Error).message}`);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const schedule = (delayMs: number) => {
    if (disposed) return;
    timer = scheduler.setTimeout(async () => {
      timer = null;
      const result = await deliverNow();
      const retryAfterMs =
        result?.status === 'failed' && result.failure.kind === 'unavailable'
          ? result.failure.retryAfterMs
          : 0;
      schedule(Math.max(options.batchIntervalMs, retryAfterMs ?? 0));
    }, delayMs);
  };

  return {
    async enqueue(heartbeats) {
      await queue.append(heartbeats.map(toQueued));
    },
    deliverNow,
    start() {
      if (timer === null && !disposed) schedule(options.batchIntervalMs);
    },
    dispose() {
      disposed = true;
      if (timer !== null) scheduler.clearTimeout(timer);
      timer = null;
    },
  };
}
