import type { HeartbeatInput } from '@devtime/protocol';
import { nodeCrypto } from '../lazy-crypto.ts';

/** One line of the heartbeat queue: the heartbeat exactly as it will be sent, and its content id. */
export interface QueuedHeartbeat {
  /** SHA-256 of the heartbeat's canonical JSON (first 32 hex): equal content, equal id. */
  id: string;
  heartbeat: HeartbeatInput;
}

/**
 * The content id. The heartbeat is frozen when queued (its timestamp included), so a re-send after a
 * crash between sending and acking is the same content, which the server stores once (its own content
 * hash) and the client recognises by id.
 */
export function heartbeatId(heartbeat: HeartbeatInput): string {
  return nodeCrypto().createHash('sha256').update(canonicalJson(heartbeat)).digest('hex').slice(0, 32);
}

export function toQueued(heartbeat: HeartbeatInput): QueuedHeartbeat {
  return { id: heartbeatId(heartbeat), heartbeat };
}

/** JSON with object keys sorted and undefined/null fields left out, so field order never changes the id. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined && item !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
