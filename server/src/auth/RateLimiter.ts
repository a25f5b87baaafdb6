import type { Clock } from '../clock.ts';

export interface RateLimit {
  /** Attempts allowed in a burst. */
  capacity: number;
  /** One attempt comes back every this many ms. */
  refillMs: number;
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A token bucket per key, in memory (one server process), with injected time. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string): TakeResult {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    const refilled = Math.min(this.limit.capacity, bucket.tokens + (now - bucket.at) / this.limit.refillMs);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - refilled) * this.limit.refillMs) / 1000)) };
    }
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.evictFull(now);
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    return { ok: true };
  }

  /** Drops buckets that have refilled completely; they hold no information. */
  private evictFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) / this.limit.refillMs >= this.limit.capacity) this.buckets.delete(key);
    }
  }
}
