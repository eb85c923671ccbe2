import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../../test-support/free-port.ts';
import { createApiClient } from './api-client.ts';

let close: () => void = () => {};
afterEach(() => close());

/** A server answering every request with `status` and `body`, recording what it got. */
async function serve(status: number, body: string, headers: Record<string, string> = {}, delayMs = 0) {
  const seen: Array<{ url: string; method: string; headers: Record<string, unknown>; body: string }> = [];
  const server = createServer(async (request, response) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    seen.push({ url: request.url!, method: request.method!, headers: request.headers, body: text });
    setTimeout(
      () => response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body),
      delayMs,
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

describe('createApiClient', () => {
  it('posts the batch with the key and machine headers, and reads per-item results', async () => {
    const answer = { accepted: 1, duplicates: 0, rejected: 0, results: [{ index: 0, status: 'created' }] };
    const { url, seen } = await serve(200, JSON.stringify(answer));
    const api = createApiClient({ endpoint: url, key: 'waka_k', headers: { 'X-Machine-Id': 'm-1' } });
    const result = await api.sendHeartbeats([{ tool: 'vscode', timestamp: 1 }]);
    expect(result).toEqual({ ok: true, value: answer });
    expect(seen[0]).toMatchObject({
      url: '/api/heartbeat/batch',
      method: 'POST',
      headers: { authorization: 'Bearer waka_k', 'x-machine-id': 'm-1', 'content-type': 'application/json' },
    });
    expect(JSON.parse(seen[0]!.body)).toEqual({ heartbeats: [{ tool: 'vscode', timestamp: 1 }] });
  });

  it("reads today's total", async () => {
    const { url, seen } = await serve(200, '{"total_seconds":11520,"by_tool":{}}');
    expect(await createApiClient({ endpoint: url, key: 'k' }).todayStats()).toEqual({
      ok: true,
      value: { totalSeconds: 11_520 },
    });
    expect(seen[0]?.url).toBe('/api/stats?range=today');
  });

  it('classifies failures by what the client should do', async () => {
    const unauthorized = await serve(401, '{"error":{"code":"unauthorized","message":"bad key"}}');
    expect(await createApiClient({ endpoint: unauthorized.url, key: 'k' }).todayStats()).toEqual({
      ok: false,
      kind: 'unauthorized',
      status: 401,
      message: '401 bad key',
    });
    close();
    const limited = await serve(429, '{}', { 'retry-after': '7' });
    expect(await createApiClient({ endpoint: limited.url, key: 'k' }).todayStats()).toMatchObject({
      kind: 'unavailable',
      retryAfterMs: 7_000,
    });
    close();
    const refused = await serve(413, '{"error":{"code":"too_large","message":"too large"}}');
    expect(await createApiClient({ endpoint: refused.url, key: 'k' }).todayStats()).toMatchObject({
      kind: 'refused',
    });
    expect(
      await createApiClient({ endpoint: `http://127.0.0.1:${await freePort()}`, key: 'k' }).todayStats(),
    ).toMatchObject({
      kind: 'offline',
      message: 'ECONNREFUSED',
    });
  });

  it('gives up after the timeout', async () => {
    const { url } = await serve(200, '{}', {}, 2_000);
    const result = await createApiClient({ endpoint: url, key: 'k', timeoutMs: 100 }).todayStats();
    expect(result).toEqual({ ok: false, kind: 'offline', message: 'no answer within 100 ms' });
  });
});
