import autocannon from 'autocannon';
import type { Distribution } from './percentiles.ts';

export interface LoadOptions {
  url: string;
  path: string;
  /** Each body is sent exactly once, in order, spread over the connections. */
  bodies: readonly Buffer[];
  /** Heartbeats per body (1 for single requests). */
  itemsPerBody: number;
  connections: number;
  headers?: Record<string, string>;
  /** Items the server reports as created for one response; default: none. */
  createdOf?: (status: number, body: string) => number;
  /** Updated as responses arrive (for progress-based sampling). */
  progress?: { items: number };
}

export interface LoadResult {
  requests: number;
  items: number;
  bytes: number;
  durationMs: number;
  requestsPerSecond: number;
  itemsPerSecond: number;
  created: number;
  statusCounts: Record<string, number>;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Per-request latency measured by autocannon, ms. */
  latencyMs: Pick<Distribution, 'mean' | 'p50' | 'p90' | 'p99' | 'max'>;
}

/**
 * POSTs every body once with autocannon (`amount` = bodies, a shared rotating index in `setupRequest`),
 * so no body repeats however the connections interleave. Times the run from start to the last response.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { bodies } = options;
  let next = 0;
  let responses = 0;
  let created = 0;
  const progress = options.progress ?? { items: 0 };
  const started = performance.now();
  let lastResponseAt = started;
  const result = await autocannon({
    url: options.url,
    connections: Math.min(options.connections, bodies.length),
    amount: bodies.length,
    timeout: 300,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request) => {
          const body = bodies[next++];
          if (!body) throw new Error(`load generator ran out of bodies (${bodies.length})`);
          return { ...request, body };
        },
        onResponse: (status, body) => {
          responses++;
          lastResponseAt = performance.now();
          progress.items += options.itemsPerBody;
          if (options.createdOf) created += options.createdOf(status, body);
        },
      },
    ],
  });
  // autocannon only notices it is done on its 1 s tick, so the run ends at the last response.
  const durationMs = lastResponseAt - started;
  const statusCounts: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats)) statusCounts[status] = count;
  const items = responses * options.itemsPerBody;
  return {
    requests: responses,
    items,
    bytes: bodies.slice(0, responses).reduce((sum, body) => sum + body.length, 0),
    durationMs,
    requestsPerSecond: responses / (durationMs / 1000),
    itemsPerSecond: items / (durationMs / 1000),
    created,
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

/** `POST /api/heartbeat/batch` answers `{"accepted":N,…}`. */
export function acceptedInBatch(status: number, body: string): number {
  if (status !== 200) return 0;
  const match = /"accepted":(\d+)/.exec(body);
  return match ? Number(match[1]) : 0;
}

/** `POST /api/heartbeat` answers 201 for a new heartbeat, 200 for a duplicate. */
export function createdSingle(status: number): number {
  return status === 201 ? 1 : 0;
}
