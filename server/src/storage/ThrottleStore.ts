import { createHash } from 'node:crypto';

/**
 * One token bucket: `capacity` attempts in a burst, then one more every `refillMs` (whole
 * milliseconds). Buckets of different limits never share state, even under the same key.
 */
export interface ThrottleBucket {
  /** Which limit it belongs to, e.g. 'perAddress'. */
  limit: string;
  /** Whose bucket: an address, an account, a device... Stored only as a SHA-256 hash. */
  key: string;
  capacity: number;
  refillMs: number;
}

export type ThrottleTake =
  | { ok: true }
  /** Nothing was taken. The buckets that had no attempt left, in the order given, and how long until each has one. */
  | { ok: false; refused: { limit: string; retryAfterMs: number }[] };

/**
 * Token buckets kept in the store, so that every server instance on the same data enforces one
 * limit (sign-in throttling: SignInThrottle). A bucket is stored as the time at which it will be
 * full again; a full bucket holds no information and needs no row. Every method is atomic across
 * instances: two instances taking from one bucket at once take two attempts, never one twice.
 */
export interface ThrottleStore {
  /**
   * If every bucket has an attempt left at `now`, takes one from each; otherwise takes nothing
   * and names the buckets that refused. One transaction: a bucket shared with a concurrent call
   * is read and written by one of them after the other.
   */
  takeAttempt(buckets: readonly ThrottleBucket[], now: number): Promise<ThrottleTake>;
  /** Gives one attempt back to each bucket (never above its capacity). */
  refundAttempt(buckets: readonly ThrottleBucket[], now: number): Promise<void>;
  /** Forgets the buckets that are full again by `now`; returns how many rows went. */
  expireThrottles(now: number): Promise<number>;
}

/** The row key of a bucket: its key hashed, so addresses and emails are not kept in clear. */
export const throttleKeyHash = (bucket: ThrottleBucket): string =>
  createHash('sha256').update(bucket.key).digest('hex');

/**
 * The arithmetic every implementation shares, on `fullAt` (when the bucket is full again; at or
 * before `now` means full). A bucket has an attempt left when it is at most capacity - 1
 * attempts short of full.
 */
export function takeFrom(
  fullAt: number | null,
  bucket: ThrottleBucket,
  now: number,
): { ok: true; fullAt: number } | { ok: false; retryAfterMs: number } {
  const from = Math.max(fullAt ?? now, now);
  const wait = from - now - (bucket.capacity - 1) * bucket.refillMs;
  if (wait > 0) return { ok: false, retryAfterMs: wait };
  return { ok: true, fullAt: from + bucket.refillMs };
}

/** Buckets in one order (limit, then key hash), so concurrent transactions lock rows alike. */
export function inLockOrder(buckets: readonly ThrottleBucket[]): { bucket: ThrottleBucket; hash: string }[] {
  return buckets
    .map((bucket) => ({ bucket, hash: throttleKeyHash(bucket) }))
    .sort((a, b) =>
      a.bucket.limit !== b.bucket.limit ? (a.bucket.limit < b.bucket.limit ? -1 : 1) : a.hash < b.hash ? -1 : 1,
    );
}
