import type { AgentSessionRollupInput } from '@devtime/protocol';
import { type HttpAnswer, httpPost } from './http-post.ts';

export interface UploadTarget {
  endpoint: string;
  key: string;
  /** X-Machine-Id and friends. */
  headers: Record<string, string>;
}

export type UploadOutcome =
  | { status: 'created' | 'updated' | 'unchanged' }
  | { status: 'rejected'; reason: string }
  | { status: 'failed'; reason: string };

export interface UploadOptions {
  /** Called after each batch with the number of sessions answered so far. */
  onProgress?: (done: number) => void;
  /** Stays under the server's default 5 MiB body limit with room to spare. */
  maxBatchBytes?: number;
  maxBatchSessions?: number;
  /** For tests: how a batch is sent. */
  post?: typeof httpPost;
}

const MAX_ATTEMPTS = 4;

/**
 * Uploads rollups in batches and returns one outcome per rollup, in order. A rejected rollup is reported
 * with the server's reason and its neighbours still go in; when the server cannot be reached (or refuses
 * the key) the rest are `failed` and stay queued locally for the next run.
 */
export async function uploadRollups(
  target: UploadTarget,
  rollups: AgentSessionRollupInput[],
  options: UploadOptions = {},
): Promise<UploadOutcome[]> {
  const maxBytes = options.maxBatchBytes ?? 2 * 1024 * 1024;
  const maxSessions = options.maxBatchSessions ?? 200;
  const outcomes: UploadOutcome[] = [];
  let batch: string[] = [];
  let batchBytes = 0;
  let fatal: string | null = null;

  const flush = async () => {
    if (batch.length === 0) return;
    const count = batch.length;
    const body = `{"sessions":[${batch.join(',')}]}`;
    batch = [];
    batchBytes = 0;
    if (fatal) {
      for (let i = 0; i < count; i += 1) outcomes.push({ status: 'failed', reason: fatal });
      return;
    }
    const answer = await postWithRetry(target, body, options.post ?? httpPost);
    if (!answer.ok) {
      fatal = answer.reason;
      for (let i = 0; i < count; i += 1) outcomes.push({ status: 'failed', reason: fatal });
      return;
    }
    for (let i = 0; i < count; i += 1) {
      const result = answer.results[i];
      if (!result) outcomes.push({ status: 'failed', reason: 'the server did not answer for this session' });
      else if (result.status === 'rejected')
        outcomes.push({ status: 'rejected', reason: result.error?.message ?? 'rejected' });
      else outcomes.push({ status: result.status });
    }
    options.onProgress?.(outcomes.length);
  };

  for (const rollup of rollups) {
    const json = JSON.stringify(rollup);
    if (batch.length > 0 && (batch.length >= maxSessions || batchBytes + json.length > maxBytes))
      await flush();
    batch.push(json);
    batchBytes += json.length + 1;
  }
  await flush();
  return outcomes;
}

interface ServerResult {
  status: 'created' | 'updated' | 'unchanged' | 'rejected';
  error?: { message?: string };
}

async function postWithRetry(
  target: UploadTarget,
  body: string,
  post: typeof httpPost,
): Promise<{ ok: true; results: ServerResult[] } | { ok: false; reason: string }> {
  let lastReason = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    let waitMs = backoffMs(attempt);
    let answer: HttpAnswer | null = null;
    try {
      answer = await post(
        new URL('/api/agent/sessions', target.endpoint),
        { ...target.headers, authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
        body,
        30_000,
      );
    } catch (error) {
      lastReason = `cannot reach ${target.endpoint}: ${(error as Error).message}`;
    }
    if (answer && answer.status >= 200 && answer.status < 300) {
      const json = JSON.parse(answer.body) as { results?: ServerResult[] };
      return { ok: true, results: json.results ?? [] };
    }
    if (answer) {
      const message = serverMessage(answer.body) ?? `HTTP ${answer.status}`;
      if (answer.status === 401 || answer.status === 403) {
        return {
          ok: false,
          reason: `the server refused the API key (${message}); run \`devtime token set <key>\``,
        };
      }
      lastReason = `the server answered ${answer.status}: ${message}`;
      const retryAfterS = Number(answer.retryAfter);
      if (answer.status === 429 && Number.isFinite(retryAfterS) && retryAfterS > 0)
        waitMs = Math.min(retryAfterS, 30) * 1000;
      else if (answer.status < 500 && answer.status !== 429) return { ok: false, reason: lastReason };
    }
    // No pause after the last attempt: the caller keeps the batch queued and moves on.
    if (attempt < MAX_ATTEMPTS) await sleep(waitMs);
  }
  return { ok: false, reason: lastReason };
}

function serverMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    return body.error?.message ?? null;
  } catch {
    return null;
  }
}

function backoffMs(attempt: number): number {
  return Math.min(4000, 250 * 2 ** (attempt - 1));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
