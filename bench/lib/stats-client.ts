import type { StatsResponse } from '@devtime/protocol';
import { type Distribution, describe } from './percentiles.ts';

export interface StatsCall {
  ms: number;
  bytes: number;
  body: StatsResponse;
}

/** One `GET /api/stats?<query>`, timed from sending the request to having read the whole body. */
export async function getStats(server: { url: string; key: string }, query: string): Promise<StatsCall> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/stats?${query}`, {
    headers: { authorization: `Bearer ${server.key}` },
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`GET /api/stats?${query} → ${response.status}: ${text.slice(0, 500)}`);
  return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) as StatsResponse };
}

export interface StatsLatency {
  query: string;
  latencyMs: Distribution;
  responseBytes: number;
  body: StatsResponse;
}

/** Sequential requests (one in flight), after `warmup` unmeasured ones: the latency a dashboard sees. */
export async function measureStatsLatency(
  server: { url: string; key: string },
  query: string,
  options: { warmup: number; runs: number },
): Promise<StatsLatency> {
  let last: StatsCall | undefined;
  for (let i = 0; i < options.warmup; i++) last = await getStats(server, query);
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    last = await getStats(server, query);
    samples.push(last.ms);
  }
  if (!last) throw new Error('no stats request was made');
  return { query, latencyMs: describe(samples), responseBytes: last.bytes, body: last.body };
}
