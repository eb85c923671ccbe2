import type { Store } from '@devtime/storage';

const REFRESH_MS = 5 * 60_000;

/**
 * Records machines from the `X-Machine-Id` header (plus hostname and OS) without a write per request:
 * a machine is upserted when first seen by this process and then every few minutes.
 */
export class MachineTracker {
  readonly #store: Store;
  readonly #seen = new Map<string, number>();

  constructor(store: Store) {
    this.#store = store;
  }

  async note(
    userId: string,
    machine: { id: string; hostname: string | null; os: string | null },
    nowMs: number,
  ): Promise<void> {
    const key = `${userId}\u0000${machine.id}`;
    const last = this.#seen.get(key);
    if (last !== undefined && nowMs - last < REFRESH_MS) return;
    this.#seen.set(key, nowMs);
    await this.#store.upsertMachine(userId, {
      id: machine.id,
      hostname: machine.hostname,
      os: machine.os,
      seenAtMs: nowMs,
    });
  }
}

/** Machine ids are client-minted UUIDs; anything else is ignored rather than stored. */
export function machineFromHeaders(headers: {
  id: string | undefined;
  hostname: string | undefined;
  os: string | undefined;
}): { id: string; hostname: string | null; os: string | null } | null {
  const id = headers.id?.trim().toLowerCase();
  if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
  const decode = (value: string | undefined) => {
    if (!value) return null;
    try {
      return decodeURIComponent(value).slice(0, 255);
    } catch {
      return value.slice(0, 255);
    }
  };
  return { id, hostname: decode(headers.hostname), os: decode(headers.os) };
}
