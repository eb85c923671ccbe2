import { type ActivityPlan, generateHeartbeats } from './heartbeat-generator.ts';
import { acceptedInBatch, type LoadResult, runLoad } from './load-test.ts';
import { takeBatchBodies, totalBytes } from './request-bodies.ts';

export interface SeedResult {
  plan: ActivityPlan;
  batchSize: number;
  connections: number;
  generationMs: number;
  bodyMb: number;
  load: LoadResult;
}

/**
 * Pre-generates the plan's heartbeats as batch bodies, then POSTs them all through
 * `/api/heartbeat/batch` with autocannon. `progress.items` counts acknowledged heartbeats as they land.
 */
export async function seedHeartbeats(
  server: { url: string; key: string },
  plan: ActivityPlan,
  options: { batchSize?: number; connections?: number; progress?: { items: number } } = {},
): Promise<SeedResult> {
  const batchSize = options.batchSize ?? 1000;
  const connections = options.connections ?? 32;
  const started = performance.now();
  const bodies = takeBatchBodies(generateHeartbeats(plan), Math.ceil(plan.total / batchSize), batchSize);
  const generationMs = performance.now() - started;
  if (plan.total % batchSize !== 0)
    throw new Error(`use a total (${plan.total}) that is a multiple of the batch size`);
  const load = await runLoad({
    url: server.url,
    path: '/api/heartbeat/batch',
    bodies,
    itemsPerBody: batchSize,
    connections,
    headers: { authorization: `Bearer ${server.key}` },
    createdOf: acceptedInBatch,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { plan, batchSize, connections, generationMs, bodyMb: totalBytes(bodies) / 2 ** 20, load };
}
