import type { HeartbeatBatchResponse, HeartbeatInput } from '@devtime/protocol';

export interface ApiClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:7070 (a trailing slash is fine). */
  endpoint: string;
  key: string;
  /** Sent with every request: the X-Machine-* headers and a User-Agent. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** Why a request did not succeed, in the terms a client acts on. */
export type ApiFailure =
  /** No answer: the server is down, unreachable, or slower than the timeout. Retry later. */
  | { kind: 'offline'; message: string }
  /** 401/403: the key is missing, wrong or revoked. Retrying will not help until it changes. */
  | { kind: 'unauthorized'; status: number; message: string }
  /** 429 or 5xx: the server is there but cannot take it now. Retry later. */
  | { kind: 'unavailable'; status: number; message: string; retryAfterMs?: number }
  /** Any other 4xx: this request will never be accepted as it is. */
  | { kind: 'refused'; status: number; message: string };

export type ApiResult<T> = { ok: true; value: T } | ({ ok: false } & ApiFailure);

export interface TodayStats {
  totalSeconds: number;
}

export interface ApiClient {
  sendHeartbeats(heartbeats: readonly HeartbeatInput[]): Promise<ApiResult<HeartbeatBatchResponse>>;
  todayStats(): Promise<ApiResult<TodayStats>>;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** A typed client for the two endpoints an editor needs: the heartbeat batch and today's total. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.endpoint.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  async function request<T>(path: string, init: { method: string; body?: string }): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method,
        body: init.body,
        headers: {
          ...options.headers,
          authorization: `Bearer ${options.key}`,
          accept: 'application/json',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, kind: 'offline', message: describeNetworkError(error, timeoutMs) };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (response.ok) {
      if (body === undefined)
        return { ok: false, kind: 'unavailable', status: response.status, message: 'not JSON' };
      return { ok: true, value: body as T };
    }
    const message = `${response.status} ${errorMessage(body) ?? response.statusText}`;
    if (response.status === 401 || response.status === 403) {
      return { ok: false, kind: 'unauthorized', status: response.status, message };
    }
    if (response.status === 429 || response.status === 408 || response.status >= 500) {
      const retryAfterSeconds = Number(response.headers.get('retry-after'));
      return {
        ok: false,
        kind: 'unavailable',
        status: response.status,
        message,
        ...(Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
          ? { retryAfterMs: retryAfterSeconds * 1000 }
          : {}),
      };
    }
    return { ok: false, kind: 'refused', status: response.status, message };
  }

  return {
    sendHeartbeats: (heartbeats) =>
      request<HeartbeatBatchResponse>('/api/heartbeat/batch', {
        method: 'POST',
        body: JSON.stringify({ heartbeats }),
      }),
    async todayStats() {
      const result = await request<{ total_seconds?: unknown }>('/api/stats?range=today', { method: 'GET' });
      if (!result.ok) return result;
      const total = result.value.total_seconds;
      if (typeof total !== 'number') {
        return { ok: false, kind: 'unavailable', status: 200, message: 'stats without total_seconds' };
      }
      return { ok: true, value: { totalSeconds: total } };
    },
  };
}

function errorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown } } | undefined)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
