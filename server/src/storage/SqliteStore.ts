import Database from 'better-sqlite3';
import { isMapKind, type MapKind } from '@loopmap/shared';
import type { CreateMapInput, MapRecord, Store, StoredDoc, StoredUpdate, UpdateEntry } from './Store.ts';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.ts';
import { WalCheckpointer } from './WalCheckpointer.ts';

interface MapRow {
  id: string;
  title: string;
  kind: string;
  created_at: number;
  updated_at: number;
}

interface UpdateRow {
  seq: number;
  data: Buffer;
  author: string;
  created_at: number;
}

const toMapRecord = (row: MapRow): MapRecord => ({
  id: row.id,
  title: row.title,
  kind: (isMapKind(row.kind) ? row.kind : 'theory-of-change') as MapKind,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toStoredUpdate = (row: UpdateRow): StoredUpdate => ({
  seq: row.seq,
  update: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
  author: row.author,
  at: row.created_at,
});

/** How often appends refresh a map's updated_at at most. */
const TOUCH_EVERY_MS = 1000;

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a throwaway store. */
  filename: string;
  /** Checkpoint the WAL from a worker thread this often (ms); 0 leaves it to SQLite. */
  checkpointEveryMs?: number;
}

/**
 * The embedded store: one SQLite file in WAL mode. better-sqlite3 is synchronous, so an append
 * has reached the WAL when the call returns; with synchronous=NORMAL that survives a crash or
 * SIGKILL of this process (an OS crash or power cut may lose the last transactions: set
 * synchronous=FULL for that, at the cost of an fsync per batch).
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly lastSeq = new Map<string, number>();
  private readonly lastTouched = new Map<string, number>();
  private checkpointer: WalCheckpointer | null = null;
  private readonly stmts;

  constructor(options: SqliteStoreOptions) {
    this.db = new Database(options.filename);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // After a checkpoint, SQLite truncates a WAL file larger than this back down.
    this.db.pragma('journal_size_limit = 67108864');
    this.migrate();
    const checkpointEveryMs = options.checkpointEveryMs ?? 1000;
    if (options.filename !== ':memory:' && checkpointEveryMs > 0) {
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new WalCheckpointer(options.filename, checkpointEveryMs, (message) => {
        // Never let the WAL grow without bound: fall back to SQLite's own checkpoints.
        console.error(`WAL checkpoint worker: ${message}; using automatic checkpoints`);
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
    const db = this.db;
    this.stmts = {
      insertMap: db.prepare('INSERT INTO maps (id, title, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      getMap: db.prepare<[string], MapRow>(
        'SELECT id, title, kind, created_at, updated_at FROM maps WHERE id = ? AND deleted_at IS NULL',
      ),
      listMaps: db.prepare<[], MapRow>(
        'SELECT id, title, kind, created_at, updated_at FROM maps WHERE deleted_at IS NULL ORDER BY updated_at DESC, id',
      ),
      updateTitle: db.prepare('UPDATE maps SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
      updateKind: db.prepare('UPDATE maps SET kind = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
      touchMap: db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?'),
      deleteMap: db.prepare('UPDATE maps SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      maxSeq: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE map_id = ?'),
      insertUpdate: db.prepare(
        'INSERT INTO doc_updates (map_id, seq, data, author, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      getState: db.prepare<[string], { state: Buffer; through_seq: number }>(
        'SELECT state, through_seq FROM doc_states WHERE map_id = ?',
      ),
      upsertState: db.prepare(
        `INSERT INTO doc_states (map_id, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (map_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
           updated_at = excluded.updated_at
         WHERE excluded.through_seq > doc_states.through_seq`,
      ),
      updatesAfter: db.prepare<[string, number, number], UpdateRow>(
        'SELECT seq, data, author, created_at FROM doc_updates WHERE map_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
    };
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)',
    );
    const applied = new Set(
      this.db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
    for (const migration of SQLITE_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
          .run(migration.version, Date.now());
      })();
    }
  }

  private currentSeq(mapId: string): number {
    let seq = this.lastSeq.get(mapId);
    if (seq === undefined) {
      seq = this.stmts.maxSeq.get(mapId)?.seq ?? 0;
      this.lastSeq.set(mapId, seq);
    }
    return seq;
  }

  async createMap(input: CreateMapInput): Promise<MapRecord> {
    this.db.transaction(() => {
      this.stmts.insertMap.run(input.id, input.title, input.kind, input.at, input.at);
      this.stmts.insertUpdate.run(input.id, 1, input.initialUpdate, input.author, input.at);
    })();
    this.lastSeq.set(input.id, 1);
    return { id: input.id, title: input.title, kind: input.kind, createdAt: input.at, updatedAt: input.at };
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const row = this.stmts.getMap.get(id);
    return row ? toMapRecord(row) : null;
  }

  async listMaps(): Promise<MapRecord[]> {
    return this.stmts.listMaps.all().map(toMapRecord);
  }

  async updateMap(id: string, patch: { title?: string; kind?: MapKind }, at: number): Promise<MapRecord | null> {
    this.db.transaction(() => {
      if (patch.title !== undefined) this.stmts.updateTitle.run(patch.title, at, id);
      if (patch.kind !== undefined) this.stmts.updateKind.run(patch.kind, at, id);
    })();
    return this.getMap(id);
  }

  async deleteMap(id: string, at: number): Promise<boolean> {
    return this.stmts.deleteMap.run(at, id).changes > 0;
  }

  async appendUpdates(mapId: string, entries: readonly UpdateEntry[]): Promise<number> {
    if (entries.length === 0) return this.currentSeq(mapId);
    let seq = this.currentSeq(mapId);
    const first = seq;
    try {
      this.db.transaction(() => {
        for (const entry of entries) {
          seq++;
          this.stmts.insertUpdate.run(mapId, seq, entry.update, entry.author, entry.at);
        }
        // The map list sorts by updated_at; a second's precision is plenty, and skipping the
        // write on most appends keeps it off the path between an update and its relay.
        const at = entries[entries.length - 1]!.at;
        if (at - (this.lastTouched.get(mapId) ?? -Infinity) >= TOUCH_EVERY_MS) {
          this.stmts.touchMap.run(at, mapId);
          this.lastTouched.set(mapId, at);
        }
      })();
    } catch (error) {
      this.lastSeq.set(mapId, first);
      throw error;
    }
    this.lastSeq.set(mapId, seq);
    return seq;
  }

  async loadDoc(mapId: string): Promise<StoredDoc> {
    return this.db.transaction(() => {
      const stateRow = this.stmts.getState.get(mapId);
      const stateSeq = stateRow?.through_seq ?? 0;
      const tail = this.stmts.updatesAfter.all(mapId, stateSeq, Number.MAX_SAFE_INTEGER).map(toStoredUpdate);
      const lastSeq = tail.length > 0 ? tail[tail.length - 1]!.seq : stateSeq;
      return {
        state: stateRow ? new Uint8Array(stateRow.state) : null,
        stateSeq,
        tail,
        lastSeq: Math.max(lastSeq, this.currentSeq(mapId)),
      };
    })();
  }

  async saveState(mapId: string, state: Uint8Array, throughSeq: number, at: number): Promise<void> {
    this.stmts.upsertState.run(mapId, state, throughSeq, at);
  }

  async listUpdates(mapId: string, afterSeq: number, limit: number): Promise<StoredUpdate[]> {
    return this.stmts.updatesAfter.all(mapId, afterSeq, limit).map(toStoredUpdate);
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
  }
}
