import { createHash } from 'node:crypto';
import type { ApiKeyRecord, Store, UserRecord } from '@devtime/storage';
import type { Clock } from '../clock.ts';
import { hashApiKey } from './api-key.ts';
import type { Credential } from './credentials.ts';
import type { Principal } from './principal.ts';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Resolves credentials to a principal. Key lookups are cached briefly because every ingest request
 * carries a key; revoking through this server drops the cache entry at once.
 */
export class Authenticator {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #cacheTtlMs: number;
  readonly #keyCache = new Map<string, { key: ApiKeyRecord; user: UserRecord; expiresMs: number }>();
  readonly #lastTouchMs = new Map<string, number>();

  constructor(store: Store, clock: Clock, cacheTtlMs: number) {
    this.#store = store;
    this.#clock = clock;
    this.#cacheTtlMs = cacheTtlMs;
  }

  async authenticate(credential: Credential): Promise<Principal | null> {
    if (credential.kind === 'key') return this.#byKey(credential.key);
    if (credential.kind === 'session') return this.#bySession(credential.token);
    return null;
  }

  forgetUser(userId: string): void {
    for (const [hash, entry] of this.#keyCache) if (entry.user.id === userId) this.#keyCache.delete(hash);
  }

  async #byKey(key: string): Promise<Principal | null> {
    const nowMs = this.#clock.nowMs();
    const hash = hashApiKey(key);
    let entry = this.#keyCache.get(hash);
    if (!entry || entry.expiresMs <= nowMs) {
      this.#keyCache.delete(hash);
      const record = await this.#store.findApiKeyByHash(hash);
      const user = record ? await this.#store.getUserById(record.userId) : null;
      if (!record || !user) return null;
      entry = { key: record, user, expiresMs: nowMs + this.#cacheTtlMs };
      if (this.#keyCache.size > 10_000) this.#keyCache.clear();
      this.#keyCache.set(hash, entry);
    }
    this.#touch(entry.key.id, nowMs);
    return { user: entry.user, keyId: entry.key.id, readOnly: entry.key.readOnly, via: 'key' };
  }

  async #bySession(token: string): Promise<Principal | null> {
    const session = await this.#store.findWebSession(hashSessionToken(token), this.#clock.nowMs());
    const user = session ? await this.#store.getUserById(session.userId) : null;
    return user ? { user, keyId: null, readOnly: false, via: 'session' } : null;
  }

  /** last_used_at is informational: write it at most once a minute per key, off the request path. */
  #touch(keyId: string, nowMs: number): void {
    const last = this.#lastTouchMs.get(keyId) ?? 0;
    if (nowMs - last < TOUCH_INTERVAL_MS) return;
    this.#lastTouchMs.set(keyId, nowMs);
    void this.#store.touchApiKey(keyId, nowMs).catch(() => {});
  }
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
