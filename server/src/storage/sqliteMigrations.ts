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
];
