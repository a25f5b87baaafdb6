/** Ordered, append-only schema migrations for the SQLite store. Never edit a shipped one. */
export const SQLITE_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE maps (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        deleted_at INTEGER
      );
      CREATE INDEX maps_updated ON maps (updated_at) WHERE deleted_at IS NULL;
      -- The append-only log of every Yjs update a map received, with its author and time.
      CREATE TABLE doc_updates (
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        author TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (map_id, seq)
      ) WITHOUT ROWID;
      -- A merged state per map covering the log up to through_seq, so opening a map reads one
      -- blob and a short tail instead of replaying the whole log.
      CREATE TABLE doc_states (
        map_id TEXT PRIMARY KEY REFERENCES maps (id),
        state BLOB NOT NULL,
        through_seq INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- Sessions as in the Lucia guide: the id is the SHA-256 of the secret token, never the token.
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id);
      CREATE TABLE map_members (
        map_id TEXT NOT NULL REFERENCES maps (id),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (map_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX map_members_user ON map_members (user_id);
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        token_hash TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX invites_map ON invites (map_id);
    `,
  },
  {
    version: 3,
    sql: `
      -- Comments sit beside the map, never in its document, so writing one needs no right to
      -- change the map. A thread is anchored to a card or link by id alone: the target may be
      -- deleted (and come back with an undo) and the thread waits for it.
      CREATE TABLE comment_threads (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        target_kind TEXT NOT NULL CHECK (target_kind IN ('node', 'link')),
        target_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        resolved_at INTEGER,
        -- No foreign key: a resolution outlives its resolver's account ("Deleted user").
        resolved_by TEXT
      );
      CREATE INDEX comment_threads_map ON comment_threads (map_id, target_id);
      -- author_id has no foreign key either: a deleted account's comments stay in the
      -- conversation. Deleting a comment leaves a tombstone: the body is erased and its mentions
      -- removed, while when and by whom (the author, or a moderator) are kept.
      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        thread_id TEXT NOT NULL REFERENCES comment_threads (id),
        author_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        edited_at INTEGER,
        deleted_at INTEGER,
        deleted_by TEXT
      );
      CREATE INDEX comments_thread ON comments (thread_id, created_at);
      -- Who a comment mentions: only members of the map, and only living accounts.
      CREATE TABLE comment_mentions (
        comment_id TEXT NOT NULL REFERENCES comments (id),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (comment_id, user_id)
      );
      CREATE INDEX comment_mentions_user ON comment_mentions (user_id);
    `,
  },
  {
    version: 4,
    sql: `
      -- A map's memory. The log (doc_updates) stays the truth and is never rewritten; these
      -- tables index it so that any point of a history is reached without replaying Yjs.
      -- What each logged update did, computed once when it was appended: a field-level patch of
      -- the map's JSON records and a summary naming what it added, removed and changed.
      CREATE TABLE doc_changes (
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq INTEGER NOT NULL,
        patch TEXT NOT NULL,
        summary TEXT NOT NULL,
        PRIMARY KEY (map_id, seq)
      ) WITHOUT ROWID;
      -- Which updates touched which card or link: one card's own history.
      CREATE TABLE doc_change_targets (
        map_id TEXT NOT NULL REFERENCES maps (id),
        target_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (map_id, target_id, seq)
      ) WITHOUT ROWID;
      -- And the other way: which cards and links one update touched (a history page's ids).
      CREATE INDEX doc_change_targets_seq ON doc_change_targets (map_id, seq);
      -- State at a time: the last update at or before it.
      CREATE INDEX doc_updates_time ON doc_updates (map_id, created_at);
      -- The map's JSON records as of an update (deflated), so a point costs one of these plus the
      -- patches after it (see server/src/history/checkpointPolicy.ts for when one is taken).
      CREATE TABLE doc_checkpoints (
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq INTEGER NOT NULL,
        state BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (map_id, seq)
      ) WITHOUT ROWID;
      -- Named, immutable versions: a log position with a name and a note. reason is NULL for
      -- one taken by hand; automatic ones ('session', 'restore', 'daily', 'review') age out
      -- unless named.
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        seq INTEGER NOT NULL,
        name TEXT NOT NULL,
        note TEXT NOT NULL,
        reason TEXT,
        named INTEGER NOT NULL,
        -- No foreign key: a snapshot outlives its taker's account.
        created_by TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX snapshots_map ON snapshots (map_id, created_at);
      -- Periods in which two or more people edited a map together.
      CREATE TABLE live_sessions (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        changes INTEGER NOT NULL,
        participants TEXT NOT NULL,
        snapshot_id TEXT,
        summary TEXT
      );
      CREATE INDEX live_sessions_map ON live_sessions (map_id, started_at);
      -- Where each member last left the map, for "14 changes by Ana and Ben since Tuesday".
      CREATE TABLE map_visits (
        map_id TEXT NOT NULL REFERENCES maps (id),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (map_id, user_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    sql: `
      -- Course-correction reviews sit beside the map, never in its document: a review joins two
      -- points of the map's history (from, and to once closed) with what the group recorded.
      -- Assumption re-ratings and lessons are also written into the map itself (as dated reviews
      -- on the assumption cards and as lesson cards); the rows here say which review made them.
      CREATE TABLE reviews (
        id TEXT PRIMARY KEY,
        map_id TEXT NOT NULL REFERENCES maps (id),
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        from_seq INTEGER NOT NULL,
        from_snapshot_id TEXT,
        to_seq INTEGER,
        to_snapshot_id TEXT,
        notes TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        closed_at INTEGER
      );
      CREATE INDEX reviews_map ON reviews (map_id, created_at);
      CREATE TABLE review_participants (
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (review_id, user_id)
      ) WITHOUT ROWID;
      CREATE TABLE review_decisions (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        -- A member (owner_id) or a free-text owner (owner_name only).
        owner_id TEXT,
        owner_name TEXT NOT NULL,
        due TEXT,
        status TEXT NOT NULL,
        cards TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX review_decisions_review ON review_decisions (review_id, created_at);
      CREATE TABLE review_lessons (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        loop TEXT NOT NULL,
        text TEXT NOT NULL,
        card_id TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX review_lessons_review ON review_lessons (review_id, created_at);
      CREATE TABLE review_ratings (
        id TEXT PRIMARY KEY,
        review_id TEXT NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
        assumption_id TEXT NOT NULL,
        assumption_label TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX review_ratings_review ON review_ratings (review_id, created_at);
      -- Each member may say which organisation they carry the map's lessons back to.
      ALTER TABLE map_members ADD COLUMN organisation TEXT;
    `,
  },
  {
    version: 6,
    sql: `
      -- Sign-in throttling (ThrottleStore): a token bucket per limit and key, kept here so that
      -- every process on this file counts the same attempts. A bucket is the time it is full
      -- again; full ones are deleted. The key (an address, an account, a device) is hashed.
      CREATE TABLE throttle_buckets (
        limit_name TEXT NOT NULL,
        key_hash TEXT NOT NULL,
        full_at INTEGER NOT NULL,
        PRIMARY KEY (limit_name, key_hash)
      ) WITHOUT ROWID;
      CREATE INDEX throttle_buckets_full ON throttle_buckets (full_at);
    `,
  },
  {
    version: 7,
    sql: `
      -- The language the account chose for the interface (en, fr, es, pt, ar); NULL: follow the
      -- browser's languages.
      ALTER TABLE users ADD COLUMN language TEXT;
    `,
  },
];
