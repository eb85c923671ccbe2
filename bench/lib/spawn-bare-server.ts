import { join } from 'node:path';
import { type NodeChild, spawnNode } from './node-child.ts';

export interface BareServer {
  url: string;
  child: NodeChild;
  stop(): Promise<void>;
}

/** Starts bare-hono-server.ts in a child process (same Node, same flags as the DevTime server). */
export async function startBareServer(options: { nodeFlags?: readonly string[] } = {}): Promise<BareServer> {
  const child = spawnNode([join(import.meta.dirname, 'bare-hono-server.ts')], {
    nodeFlags: options.nodeFlags ?? [],
  });
  const [, url] = await child.waitFor(/listening on (http:\/\/\S+)/);
  return { url: url!, child, stop: () => child.stop() };
}
