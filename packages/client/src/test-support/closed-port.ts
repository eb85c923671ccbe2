import { once } from 'node:events';
import { createServer } from 'node:net';

/** A loopback URL nothing listens on (a port that was just free), i.e. a server that is down. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return `http://127.0.0.1:${port}`;
}
