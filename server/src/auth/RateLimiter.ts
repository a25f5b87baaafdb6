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

  /** Whether `key` has an attempt left, without spending it. */
  check(key: string): TakeResult {
    const tokens = this.tokens(key, this.clock.now());
    if (tokens >= 1) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(((1 - tokens) * this.limit.refillMs) / 1000)) };
  }

  /** Spends one attempt of `key` if it has one. */
  take(key: string): TakeResult {
    const result = this.check(key);
    if (result.ok) this.add(key, -1);
    return result;
  }

  /** Gives back an attempt spent on something that turned out well (a right password). */
  refund(key: string): void {
    this.add(key, 1);
  }

  private tokens(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return this.limit.capacity;
    return Math.min(this.limit.capacity, bucket.tokens + (now - bucket.at) / this.limit.refillMs);
  }

  private add(key: string, delta: number): void {
    const now = this.clock.now();
    const tokens = Math.min(this.limit.capacity, this.tokens(key, now) + delta);
    if (tokens >= this.limit.capacity) {
      this.buckets.delete(key); // a full bucket holds no information
      return;
    }
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) {
      this.evictFull(now);
      // Still full: forget the longest-kept bucket rather than grow without bound.
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    }
    this.buckets.set(key, { tokens, at: now });
  }

  /** Drops buckets that have refilled completely; they hold no information. */
  private evictFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) / this.limit.refillMs >= this.limit.capacity) this.buckets.delete(key);
    }
  }
}
