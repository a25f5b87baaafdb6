import type { PgDb } from './postgresDb.ts';
import { inLockOrder, takeFrom, type ThrottleBucket, type ThrottleStore, type ThrottleTake } from './ThrottleStore.ts';

/**
 * Throttle buckets in PostgreSQL (table throttle_buckets), shared by every instance on the
 * database. A take locks each bucket's row (creating it if need be) in one fixed order before
 * reading it, so concurrent takes from one bucket, in any processes, queue on its row.
 */
export class PostgresThrottleStore implements ThrottleStore {
  constructor(private readonly db: PgDb) {}

  async takeAttempt(buckets: readonly ThrottleBucket[], now: number): Promise<ThrottleTake> {
    return this.db.tx(async (c) => {
      const planned: { limit: string; hash: string; fullAt: number }[] = [];
      const refusedBy = new Map<ThrottleBucket, number>();
      for (const { bucket, hash } of inLockOrder(buckets)) {
        // An upsert that changes nothing but locks the row, new or not, until the commit. A new
        // row says "full" (full_at = now) until it is written below; left so, it expires.
        const row = await c.one<{ full_at: number }>(
          `INSERT INTO throttle_buckets (limit_name, key_hash, full_at) VALUES (?, ?, ?)
           ON CONFLICT (limit_name, key_hash) DO UPDATE SET full_at = throttle_buckets.full_at
           RETURNING full_at`,
          [bucket.limit, hash, now],
        );
        const result = takeFrom(row?.full_at ?? null, bucket, now);
        if (result.ok) planned.push({ limit: bucket.limit, hash, fullAt: result.fullAt });
        else refusedBy.set(bucket, result.retryAfterMs);
      }
      if (refusedBy.size > 0) {
        const refused = buckets.flatMap((b) => {
          const retryAfterMs = refusedBy.get(b);
          return retryAfterMs === undefined ? [] : [{ limit: b.limit, retryAfterMs }];
        });
        return { ok: false, refused };
      }
      for (const p of planned) {
        await c.run('UPDATE throttle_buckets SET full_at = ? WHERE limit_name = ? AND key_hash = ?', [
          p.fullAt,
          p.limit,
          p.hash,
        ]);
      }
      return { ok: true };
    });
  }

  async refundAttempt(buckets: readonly ThrottleBucket[], now: number): Promise<void> {
    await this.db.tx(async (c) => {
      for (const { bucket, hash } of inLockOrder(buckets)) {
        await c.run(
          'UPDATE throttle_buckets SET full_at = full_at - ? WHERE limit_name = ? AND key_hash = ? AND full_at > ?',
          [bucket.refillMs, bucket.limit, hash, now],
        );
        await c.run('DELETE FROM throttle_buckets WHERE limit_name = ? AND key_hash = ? AND full_at <= ?', [
          bucket.limit,
          hash,
          now,
        ]);
      }
    });
  }

  async expireThrottles(now: number): Promise<number> {
    return this.db.run('DELETE FROM throttle_buckets WHERE full_at <= ?', [now]);
  }
}
