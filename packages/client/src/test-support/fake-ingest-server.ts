import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for `POST /api/heartbeat/batch` that records every request and answers per item like the
 * real server (which dedupes by content). `hold` keeps requests unanswered (a server that dies mid-call).
 */
export async function startFakeIngest() {
  const requests: Array<Array<Record<string, unknown>>> = [];
  const stored = new Set<string>();
  let hold = false;
  let status = 200;
  const held: ServerResponse[] = [];
  const received: Array<() => void> = [];

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    if (request.url === '/api/stats?range=today') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"total_seconds":42}');
      return;
    }
    const heartbeats = (JSON.parse(body) as { heartbeats: Array<Record<string, unknown>> }).heartbeats;
    requests.push(heartbeats);
    for (const wake of received.splice(0)) wake();
    if (hold) {
      held.push(response);
      return;
    }
    if (status !== 200) {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'x', message: `status ${status}` } }));
      return;
    }
    const results = heartbeats.map((heartbeat, index) => {
      const key = JSON.stringify(heartbeat);
      if (typeof heartbeat.timestamp !== 'number') {
        return { index, status: 'rejected', error: { code: 'validation_failed', message: 'timestamp' } };
      }
      const isNew = !stored.has(key);
      stored.add(key);
      return { index, status: isNew ? 'created' : 'duplicate' };
    });
    const count = (name: string) => results.filter((result) => result.status === name).length;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        accepted: count('created'),
        duplicates: count('duplicate'),
        rejected: count('rejected'),
        results,
      }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    stored,
    setHold: (value: boolean) => {
      hold = value;
    },
    setStatus: (value: number) => {
      status = value;
    },
    /** Resolves when the next request has arrived. */
    nextRequest: () => new Promise<void>((resolve) => received.push(resolve)),
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}
