import type { DedupeIndex } from '../adapter.ts';

/** The dedupe index of one backfill run: nothing persists, every file is read from the start. */
export function createMemoryDedupe(): DedupeIndex {
  const owners = new Map<string, string>();
  return {
    claim(key, sessionKey) {
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, sessionKey);
        return true;
      }
      return owner === sessionKey;
    },
  };
}
