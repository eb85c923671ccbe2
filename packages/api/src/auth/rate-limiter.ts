/**
 * In-process token buckets. Each server instance limits on its own, which is what a per-key guard
 * against runaway clients needs; it is not a billing meter.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; updatedMs: number }>();
  readonly #perSecond: number;
  readonly #burst: number;

  constructor(perSecond: number, burst: number) {
    this.#perSecond = perSecond;
    this.#burst = burst;
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string, nowMs: number): number {
    if (this.#perSecond <= 0) return 0;
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, updatedMs: nowMs };
    const refill = ((nowMs - bucket.updatedMs) / 1000) * this.#perSecond;
    bucket.tokens = Math.min(this.#burst, bucket.tokens + refill);
    bucket.updatedMs = nowMs;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 100_000) this.#evictFull(nowMs);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perSecond));
  }

  /** Full buckets carry no state worth keeping; dropping them bounds memory under many keys/IPs. */
  #evictFull(nowMs: number): void {
    for (const [key, bucket] of this.#buckets) {
      const tokens = bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * this.#perSecond;
      if (tokens >= this.#burst) this.#buckets.delete(key);
    }
  }
}
