import type Database from 'better-sqlite3';
import { inLockOrder, takeFrom, type ThrottleBucket, type ThrottleStore, type ThrottleTake } from './ThrottleStore.ts';

/**
 * Throttle buckets in the SQLite file (table throttle_buckets). Each call is one IMMEDIATE
 * transaction: it holds the write lock from its first read, so processes sharing the file take
 * turns on every bucket.
 */
export class SqliteThrottleStore implements ThrottleStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      get: db.prepare<[string, string], { full_at: number }>(
        'SELECT full_at FROM throttle_buckets WHERE limit_name = ? AND key_hash = ?',
      ),
      set: db.prepare(
        `INSERT INTO throttle_buckets (limit_name, key_hash, full_at) VALUES (?, ?, ?)
         ON CONFLICT (limit_name, key_hash) DO UPDATE SET full_at = excluded.full_at`,
      ),
      giveBack: db.prepare(
        'UPDATE throttle_buckets SET full_at = full_at - ? WHERE limit_name = ? AND key_hash = ? AND full_at > ?',
      ),
      dropFull: db.prepare('DELETE FROM throttle_buckets WHERE limit_name = ? AND key_hash = ? AND full_at <= ?'),
      expire: db.prepare('DELETE FROM throttle_buckets WHERE full_at <= ?'),
    };
  }

  async takeAttempt(buckets: readonly ThrottleBucket[], now: number): Promise<ThrottleTake> {
    return this.db
      .transaction((): ThrottleTake => {
        const planned: { limit: string; hash: string; fullAt: number }[] = [];
        const refusedBy = new Map<ThrottleBucket, number>();
        for (const { bucket, hash } of inLockOrder(buckets)) {
          const result = takeFrom(this.stmts.get.get(bucket.limit, hash)?.full_at ?? null, bucket, now);
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
        for (const p of planned) this.stmts.set.run(p.limit, p.hash, p.fullAt);
        return { ok: true };
      })
      .immediate();
  }

  async refundAttempt(buckets: readonly ThrottleBucket[], now: number): Promise<void> {
    this.db
      .transaction(() => {
        for (const { bucket, hash } of inLockOrder(buckets)) {
          this.stmts.giveBack.run(bucket.refillMs, bucket.limit, hash, now);
          this.stmts.dropFull.run(bucket.limit, hash, now);
        }
      })
      .immediate();
  }

  async expireThrottles(now: number): Promise<number> {
    return this.stmts.expire.run(now).changes;
  }
}
