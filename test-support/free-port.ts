import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A loopback port that is free right now: for a server a test starts on it, or, left unused, for a
 * server that is down (nothing listens there).
 */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
