import type { HeartbeatInput } from '@devtime/protocol';

/** Serialises the next `count × batchSize` heartbeats into `{"heartbeats":[…]}` bodies (fewer if the source ends). */
export function takeBatchBodies(
  source: Iterator<HeartbeatInput>,
  count: number,
  batchSize: number,
): Buffer[] {
  const bodies: Buffer[] = [];
  for (let b = 0; b < count; b++) {
    const batch: HeartbeatInput[] = [];
    for (let i = 0; i < batchSize; i++) {
      const next = source.next();
      if (next.done) break;
      batch.push(next.value);
    }
    if (batch.length === 0) break;
    bodies.push(Buffer.from(JSON.stringify({ heartbeats: batch })));
  }
  return bodies;
}

/** One body per heartbeat, for `POST /api/heartbeat`. */
export function takeSingleBodies(source: Iterator<HeartbeatInput>, count: number): Buffer[] {
  const bodies: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const next = source.next();
    if (next.done) break;
    bodies.push(Buffer.from(JSON.stringify(next.value)));
  }
  return bodies;
}

export function totalBytes(bodies: readonly Buffer[]): number {
  return bodies.reduce((sum, body) => sum + body.length, 0);
}
