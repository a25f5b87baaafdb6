import type pg from 'pg';
import { SchemaTooNewError } from './storageErrors.ts';

/**
 * Ordered, append-only schema migrations for the PostgreSQL store. Never edit a shipped one.
 * The same tables as SQLite's (sqliteMigrations.ts) with PostgreSQL types: times, seqs and
 * counts are BIGINT milliseconds, bytes BYTEA. Tables whose reads break ties by insertion
 * order (SQLite's rowid) have an identity column `ord` for it.
 */
export const POSTGRES_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        deleted_at BIGINT
      );
      CREATE INDEX maps_updated ON maps (updated_at) WHERE deleted_at IS NULL;
      CREATE TABLE doc_updates (
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq BIGINT NOT NULL,
        data BYTEA NOT NULL,
        author TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (map_id, seq)
      );
      CREATE INDEX doc_updates_time ON doc_updates (map_id, created_at);
      CREATE TABLE doc_states (
        map_id TEXT PRIMARY KEY REFERENCES maps (id),
        state BYTEA NOT NULL,
        through_seq BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      );

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id);
      CREATE TABLE map_members (
        map_id TEXT NOT NULL REFERENCES maps (id),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        organisation TEXT,
        PRIMARY KEY (map_id, user_id)
      );
      CREATE INDEX map_members_user ON map_members (user_id);
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX invites_map ON invites (map_id);

      CREATE TABLE comment_threads (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('node', 'link')),
        target_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        resolved_at BIGINT,
        resolved_by TEXT
      );
      CREATE INDEX comment_threads_map ON comment_threads (map_id, target_id);
      CREATE TABLE comments (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES comment_threads (id),
        author_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        edited_at BIGINT,
        deleted_at BIGINT,
        deleted_by TEXT
      );
      CREATE INDEX comments_thread ON comments (thread_id, created_at);
      CREATE TABLE comment_mentions (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        comment_id TEXT NOT NULL REFERENCES comments (id),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (comment_id, user_id)
      );
      CREATE INDEX comment_mentions_user ON comment_mentions (user_id);

      CREATE TABLE doc_changes (
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq BIGINT NOT NULL,
        patch TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (map_id, seq)
      );
      CREATE TABLE doc_change_targets (
        map_id TEXT NOT NULL REFERENCES maps (id),
        target_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        PRIMARY KEY (map_id, target_id, seq)
      );
      CREATE INDEX doc_change_targets_seq ON doc_change_targets (map_id, seq);
      CREATE TABLE doc_checkpoints (
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq BIGINT NOT NULL,
        state BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (map_id, seq)
      );
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq BIGINT NOT NULL,
        name TEXT NOT NULL,
        note TEXT NOT NULL,
        reason TEXT,
        named BOOLEAN NOT NULL,
        created_by TEXT,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX snapshots_map ON snapshots (map_id, created_at);
      CREATE TABLE live_sessions (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        started_at BIGINT NOT NULL,
        ended_at BIGINT,
        from_seq BIGINT NOT NULL,
        to_seq BIGINT NOT NULL,
        changes BIGINT NOT NULL,
        participants TEXT NOT NULL,
        snapshot_id TEXT,
        summary TEXT
      );
      CREATE INDEX live_sessions_map ON live_sessions (map_id, started_at);
      CREATE TABLE map_visits (
        map_id TEXT NOT NULL REFERENCES maps (id),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (map_id, user_id)
      );

      CREATE TABLE reviews (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        from_seq BIGINT NOT NULL,
        from_snapshot_id TEXT,
        to_seq BIGINT,
        to_snapshot_id TEXT,
        notes TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        closed_at BIGINT
      );
      CREATE INDEX reviews_map ON reviews (map_id, created_at);
      CREATE TABLE review_participants (
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        joined_at BIGINT NOT NULL,
        PRIMARY KEY (review_id, user_id)
      );
      CREATE TABLE review_decisions (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        owner_id TEXT,
        owner_name TEXT NOT NULL,
        due TEXT,
        status TEXT NOT NULL,
        cards TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX review_decisions_review ON review_decisions (review_id, created_at);
      CREATE TABLE review_lessons (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        loop TEXT NOT NULL,
        text TEXT NOT NULL,
        card_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX review_lessons_review ON review_lessons (review_id, created_at);
      CREATE TABLE review_ratings (
        ord BIGINT GENERATED ALWAYS AS IDENTITY,
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        assumption_id TEXT NOT NULL,
        assumption_label TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX review_ratings_review ON review_ratings (review_id, created_at);
    `,
  },
  {
    version: 2,
    sql: `
      -- Sign-in throttling (ThrottleStore), shared by every instance: a token bucket per limit
      -- and key, stored as the time it is full again; full ones are deleted. The key is hashed.
      CREATE TABLE throttle_buckets (
        limit_name TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        full_at BIGINT NOT NULL,
        PRIMARY KEY (limit_name, key_hash)
      );
      CREATE INDEX throttle_buckets_full ON throttle_buckets (full_at);
    `,
  },
  {
    version: 3,
    sql: `
      -- The language the account chose for the interface (en, fr, es, pt, ar); NULL: follow the
      -- browser's languages.
      ALTER TABLE users ADD COLUMN language TEXT;
    `,
  },
];

/**
 * The advisory lock every Loopmap instance takes to migrate: instances starting at once wait for
 * each other instead of racing to create the same tables. ('LoopMap!' read as a 64-bit integer.)
 */
export const MIGRATION_LOCK = 0x4c6f6f704d617021n;

export { SchemaTooNewError };

/**
 * Applies the migrations this database lacks, in order, in one transaction holding the
 * migration lock; idempotent. Throws SchemaTooNewError (and changes nothing) when the database
 * holds a version newer than `migrations` knows.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly { version: number; sql: string }[] = POSTGRES_MIGRATIONS,
): Promise<{ applied: number[] }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => Number(row.version)));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) throw new SchemaTooNewError('PostgreSQL', newest, known);
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        migration.version,
        Date.now(),
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
