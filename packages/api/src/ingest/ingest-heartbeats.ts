import { type HeartbeatItemResult, heartbeatSchema } from '@devtime/protocol';
import type { HeartbeatRow } from '@devtime/storage';
import { describeZodError } from '../api-error.ts';
import type { ApiConfig } from '../config.ts';
import { normalizeHeartbeat } from './normalize-heartbeat.ts';
import { checkTimestamp } from './time-window.ts';

export interface PreparedBatch {
  rows: HeartbeatRow[];
  /** Index in the request of each row in `rows`. */
  rowIndexes: number[];
  rejected: HeartbeatItemResult[];
}

/** Validates each item on its own, so one bad heartbeat is rejected with its reason and the rest kept. */
export function prepareHeartbeats(
  items: readonly unknown[],
  context: { machineId: string | null; nowMs: number; config: Pick<ApiConfig, 'maxPastMs' | 'maxFutureMs'> },
): PreparedBatch {
  const rows: HeartbeatRow[] = [];
  const rowIndexes: number[] = [];
  const rejected: HeartbeatItemResult[] = [];
  items.forEach((item, index) => {
    const parsed = heartbeatSchema.safeParse(item);
    if (!parsed.success) {
      rejected.push(reject(index, describeZodError(parsed.error)));
      return;
    }
    const time = checkTimestamp(parsed.data.timestamp, context.nowMs, context.config);
    if (!time.ok) {
      rejected.push(reject(index, time.reason));
      return;
    }
    rows.push(normalizeHeartbeat(parsed.data, { machineId: context.machineId, receivedAtMs: context.nowMs }));
    rowIndexes.push(index);
  });
  return { rows, rowIndexes, rejected };
}

function reject(index: number, message: string): HeartbeatItemResult {
  return { index, status: 'rejected', error: { code: 'validation_failed', message } };
}
