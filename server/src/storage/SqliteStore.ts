import Database from 'better-sqlite3';
import {
  isLanguage,
  isMapKind,
  isRole,
  type CommentTarget,
  type Language,
  type MapKind,
  type Role,
} from '@loopmap/shared';
import {
  EmailTakenError,
  type ApiTokenRecord,
  type CommentRecord,
  type CommentThreadRecord,
  type CreateMapInput,
  type InviteRecord,
  type LastOwnerRefusal,
  type MapRecord,
  type MemberRecord,
  type NewComment,
  type SessionRecord,
  type Store,
  type StoredDoc,
  type StoredUpdate,
  type UpdateEntry,
  type UserRecord,
} from './Store.ts';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.ts';
import { SchemaTooNewError } from './storageErrors.ts';
import { WalCheckpointer } from './WalCheckpointer.ts';
import { SqliteHistoryStore } from './SqliteHistoryStore.ts';
import { SqliteReviewStore } from './SqliteReviewStore.ts';
import { SqliteThrottleStore } from './SqliteThrottleStore.ts';

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

interface UserRow {
  id: string;
  email: string;
  name: string;
  created_at: number;
  language: string | null;
}
const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  createdAt: row.created_at,
  language: isLanguage(row.language) ? row.language : null,
});

interface TokenRow {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_used_at: number | null;
}
const toToken = (row: TokenRow): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

const INVITE_COLUMNS = 'id, map_id, role, created_by, created_at, expires_at, revoked_at';
interface InviteRow {
  id: string;
  map_id: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}
const toInvite = (row: InviteRow): InviteRecord => ({
  id: row.id,
  mapId: row.map_id,
  role: isRole(row.role) ? row.role : 'viewer',
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
});

interface ThreadRow {
  id: string;
  map_id: string;
  target_kind: string;
  target_id: string;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
}

interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string | null;
  body: string;
  created_at: number;
  edited_at: number | null;
}

interface MentionRow {
  comment_id: string;
  user_id: string;
  name: string;
}

/**
 * Reads of threads and comments share their joins and differ only in which rows they pick: each
 * takes a condition on `t` (comment_threads) and `c` (comments), always within a live map and
 * leaving deleted comments out.
 */
const THREADS_SQL = (where: string): string => `
  SELECT t.id, t.map_id, t.target_kind, t.target_id, t.created_at, t.resolved_at, t.resolved_by,
    r.name AS resolved_by_name
  FROM comment_threads t JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
  LEFT JOIN users r ON r.id = t.resolved_by
  WHERE ${where} ORDER BY t.created_at, t.rowid`;
const COMMENTS_SQL = (where: string): string => `
  SELECT c.id, c.thread_id, c.author_id, u.name AS author_name, c.body, c.created_at, c.edited_at
  FROM comments c JOIN comment_threads t ON t.id = c.thread_id
  JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
  LEFT JOIN users u ON u.id = c.author_id
  WHERE c.deleted_at IS NULL AND ${where} ORDER BY c.created_at, c.rowid`;
const MENTIONS_SQL = (where: string): string => `
  SELECT cm.comment_id, cm.user_id, u.name FROM comment_mentions cm
  JOIN users u ON u.id = cm.user_id
  JOIN comments c ON c.id = cm.comment_id
  JOIN comment_threads t ON t.id = c.thread_id
  JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
  WHERE c.deleted_at IS NULL AND ${where} ORDER BY cm.rowid`;

function toComments(rows: CommentRow[], mentionRows: MentionRow[]): CommentRecord[] {
  const mentions = new Map<string, { userId: string; name: string }[]>();
  for (const m of mentionRows) {
    let list = mentions.get(m.comment_id);
    if (!list) mentions.set(m.comment_id, (list = []));
    list.push({ userId: m.user_id, name: m.name });
  }
  return rows.map((row) => ({
    id: row.id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    mentions: mentions.get(row.id) ?? [],
    createdAt: row.created_at,
    editedAt: row.edited_at,
  }));
}

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
 * The embedded store: one SQLite file in WAL mode. One class implements every part of Store
 * (DocumentStore, AccountStore, MemberStore, CommentStore) over one connection, because some
 * writes span several of them in one transaction (creating a map makes its owner a member;
 * deleting an account deletes the maps it alone belonged to) and SQLite has one writer anyway.
 *
 * Nothing decided in this process is trusted across calls: seqs and owner counts are read inside
 * the write transaction that depends on them (BEGIN IMMEDIATE), so several processes may open
 * the same file. better-sqlite3 is synchronous, so an append
 * has reached the WAL when the call returns; with synchronous=NORMAL that survives a crash or
 * SIGKILL of this process (an OS crash or power cut may lose the last transactions: set
 * synchronous=FULL for that, at the cost of an fsync per batch).
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  readonly history: SqliteHistoryStore;
  readonly reviews: SqliteReviewStore;
  readonly throttles: SqliteThrottleStore;
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
    try {
      this.migrate();
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.history = new SqliteHistoryStore(this.db);
    this.reviews = new SqliteReviewStore(this.db);
    this.throttles = new SqliteThrottleStore(this.db);
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
    this.makeAppendTransaction();
    this.stmts = {
      insertMap: db.prepare('INSERT INTO maps (id, title, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      getMap: db.prepare<[string], MapRow>(
        'SELECT id, title, kind, created_at, updated_at FROM maps WHERE id = ? AND deleted_at IS NULL',
      ),
      listMapsFor: db.prepare<[string], MapRow & { role: string }>(
        `SELECT m.id, m.title, m.kind, m.created_at, m.updated_at, mm.role FROM maps m
         JOIN map_members mm ON mm.map_id = m.id AND mm.user_id = ?
         WHERE m.deleted_at IS NULL ORDER BY m.updated_at DESC, m.id`,
      ),
      updateTitle: db.prepare('UPDATE maps SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
      updateKind: db.prepare('UPDATE maps SET kind = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
      // Moves updated_at forward only, and only once it is TOUCH_EVERY_MS old.
      touchMap: db.prepare('UPDATE maps SET updated_at = ? WHERE id = ? AND updated_at <= ?'),
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
    // A newer Loopmap migrated this file: running older code on it could corrupt it.
    const known = Math.max(0, ...SQLITE_MIGRATIONS.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) throw new SchemaTooNewError('SQLite', newest, known);
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

  /** The highest seq of the map's log, as this connection sees it now. */
  private currentSeq(mapId: string): number {
    return this.stmts.maxSeq.get(mapId)?.seq ?? 0;
  }

  async createMap(input: CreateMapInput): Promise<MapRecord> {
    this.db.transaction(() => {
      this.stmts.insertMap.run(input.id, input.title, input.kind, input.at, input.at);
      this.stmts.insertUpdate.run(input.id, 1, input.initialUpdate, input.author, input.at);
      if (input.initialChange) this.history.appendChange(input.id, 1, input.initialChange);
      this.q('INSERT INTO map_members (map_id, user_id, role, added_at) VALUES (?, ?, ?, ?)').run(
        input.id,
        input.ownerId,
        'owner',
        input.at,
      );
    })();
    return { id: input.id, title: input.title, kind: input.kind, createdAt: input.at, updatedAt: input.at };
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const row = this.stmts.getMap.get(id);
    return row ? toMapRecord(row) : null;
  }

  async listMapsFor(userId: string): Promise<(MapRecord & { role: Role })[]> {
    return this.mapsOf(userId);
  }

  private mapsOf(userId: string): (MapRecord & { role: Role })[] {
    return this.stmts.listMapsFor
      .all(userId)
      .filter((row) => isRole(row.role))
      .map((row) => ({ ...toMapRecord(row), role: row.role as Role }));
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
    // IMMEDIATE takes the write lock before the read of the last seq, so another connection
    // (another process on the same file) cannot number its updates from the same last seq.
    return this.appendTransaction.immediate(mapId, entries);
  }

  /** appendUpdates' transaction, made once (it runs for every turn that has updates). */
  private appendTransaction!: Database.Transaction<(mapId: string, entries: readonly UpdateEntry[]) => number>;

  private makeAppendTransaction(): void {
    this.appendTransaction = this.db.transaction((mapId: string, entries: readonly UpdateEntry[]) => {
      let seq = this.currentSeq(mapId);
      for (const entry of entries) {
        seq++;
        this.stmts.insertUpdate.run(mapId, seq, entry.update, entry.author, entry.at);
        if (entry.change) this.history.appendChange(mapId, seq, entry.change);
      }
      // The map list sorts by updated_at; a second's precision is plenty, and the row is only
      // rewritten when it is that old.
      const at = entries[entries.length - 1]!.at;
      this.stmts.touchMap.run(at, mapId, at - TOUCH_EVERY_MS);
      return seq;
    });
  }

  async lastSeq(mapId: string): Promise<number> {
    return this.currentSeq(mapId);
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

  async listUpdateRange(mapId: string, afterSeq: number, throughSeq: number): Promise<StoredUpdate[]> {
    return this.q<UpdateRow>(
      'SELECT seq, data, author, created_at FROM doc_updates WHERE map_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
    )
      .all(mapId, afterSeq, throughSeq)
      .map(toStoredUpdate);
  }

  // ── Accounts, sessions, tokens, members, invites ──────────────────────────────────────────

  private readonly statements = new Map<string, Database.Statement>();
  /** A prepared statement, prepared once per SQL text. */
  private q<R = unknown>(sql: string): Database.Statement<unknown[], R> {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt as Database.Statement<unknown[], R>;
  }

  async createUser(input: {
    id: string;
    email: string;
    name: string;
    passwordHash: string;
    at: number;
  }): Promise<UserRecord> {
    try {
      this.q('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
        input.id,
        input.email,
        input.name,
        input.passwordHash,
        input.at,
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError(input.email);
      throw error;
    }
    return { id: input.id, email: input.email, name: input.name, createdAt: input.at, language: null };
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = this.q<UserRow>('SELECT id, email, name, created_at, language FROM users WHERE id = ?').get(id);
    return row ? toUser(row) : null;
  }

  async getUserByEmail(email: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const row = this.q<UserRow & { password_hash: string }>(
      'SELECT id, email, name, created_at, language, password_hash FROM users WHERE email = ?',
    ).get(email);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async getPasswordHash(userId: string): Promise<string | null> {
    return this.q<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = ?').get(userId)?.h ?? null;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    this.q('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId);
  }

  async setUserLanguage(userId: string, language: Language | null): Promise<void> {
    this.q('UPDATE users SET language = ? WHERE id = ?').run(language, userId);
  }

  async deleteUser(userId: string, at: number): Promise<void> {
    this.db.transaction(() => this.deleteUserNow(userId, at)).immediate();
  }

  async deleteUserUnlessLastOwner(
    userId: string,
    at: number,
  ): Promise<{ ok: true; maps: (MapRecord & { role: Role })[] } | LastOwnerRefusal> {
    return this.db
      .transaction((): { ok: true; maps: (MapRecord & { role: Role })[] } | LastOwnerRefusal => {
        const maps = this.mapsOf(userId);
        for (const map of maps) {
          if (map.role !== 'owner' || this.ownerCount(map.id) > 1) continue;
          const others = this.q<{ n: number }>(
            'SELECT COUNT(*) AS n FROM map_members WHERE map_id = ? AND user_id <> ?',
          ).get(map.id, userId)!.n;
          if (others > 0) {
            const { role: _role, ...record } = map;
            return { ok: false, reason: 'last-owner', map: record };
          }
        }
        this.deleteUserNow(userId, at);
        return { ok: true, maps };
      })
      .immediate();
  }

  private deleteUserNow(userId: string, at: number): void {
    // Maps the user alone belonged to go with the account; shared maps stay with the others.
    this.q(
      `UPDATE maps SET deleted_at = ? WHERE deleted_at IS NULL AND id IN (
         SELECT map_id FROM map_members WHERE user_id = ?
         AND map_id NOT IN (SELECT map_id FROM map_members WHERE user_id <> ?))`,
    ).run(at, userId, userId);
    this.q('UPDATE invites SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL').run(at, userId);
    this.q('DELETE FROM map_members WHERE user_id = ?').run(userId);
    // Their comments stay in the conversations they belong to, under "Deleted user"; nobody
    // is left to notify of a mention.
    this.q('DELETE FROM comment_mentions WHERE user_id = ?').run(userId);
    this.q('DELETE FROM sessions WHERE user_id = ?').run(userId);
    this.q('DELETE FROM api_tokens WHERE user_id = ?').run(userId);
    this.q('DELETE FROM invites WHERE created_by = ?').run(userId);
    this.q('DELETE FROM users WHERE id = ?').run(userId);
  }

  async insertSession(session: SessionRecord, at: number): Promise<void> {
    this.q('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)').run(
      session.id,
      session.userId,
      session.expiresAt,
      at,
    );
  }

  async getSessionAndUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const row = this.q<UserRow & { session_id: string; expires_at: number }>(
      `SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.name, u.created_at, u.language
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
    ).get(id);
    if (!row) return null;
    return { session: { id: row.session_id, userId: row.id, expiresAt: row.expires_at }, user: toUser(row) };
  }

  async setSessionExpiry(id: string, expiresAt: number): Promise<void> {
    this.q('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id);
  }

  async deleteSession(id: string): Promise<void> {
    this.q('DELETE FROM sessions WHERE id = ?').run(id);
  }

  async deleteUserSessions(userId: string, keep?: string): Promise<string[]> {
    return this.db.transaction(() => {
      const ids = this.q<{ id: string }>('SELECT id FROM sessions WHERE user_id = ? AND id IS NOT ?')
        .all(userId, keep ?? null)
        .map((r) => r.id);
      this.q('DELETE FROM sessions WHERE user_id = ? AND id IS NOT ?').run(userId, keep ?? null);
      return ids;
    })();
  }

  async insertApiToken(token: ApiTokenRecord & { tokenHash: string }): Promise<void> {
    this.q('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
      token.id,
      token.userId,
      token.name,
      token.tokenHash,
      token.createdAt,
    );
  }

  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return this.q<TokenRow>(
      'SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id',
    )
      .all(userId)
      .map(toToken);
  }

  async getApiTokenByHash(tokenHash: string): Promise<{ token: ApiTokenRecord; user: UserRecord } | null> {
    const row = this.q<
      TokenRow & { email: string; user_name: string; user_created_at: number; user_language: string | null }
    >(
      `SELECT t.id, t.user_id, t.name, t.created_at, t.last_used_at, u.email, u.name AS user_name,
         u.created_at AS user_created_at, u.language AS user_language
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
    ).get(tokenHash);
    if (!row) return null;
    return {
      token: toToken(row),
      user: {
        id: row.user_id,
        email: row.email,
        name: row.user_name,
        createdAt: row.user_created_at,
        language: isLanguage(row.user_language) ? row.user_language : null,
      },
    };
  }

  async touchApiToken(id: string, at: number): Promise<void> {
    this.q('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  async deleteApiToken(userId: string, id: string): Promise<boolean> {
    return this.q('DELETE FROM api_tokens WHERE id = ? AND user_id = ?').run(id, userId).changes > 0;
  }

  async getRole(mapId: string, userId: string): Promise<Role | null> {
    const role = this.q<{ role: string }>(
      `SELECT mm.role FROM map_members mm JOIN maps m ON m.id = mm.map_id
       WHERE mm.map_id = ? AND mm.user_id = ? AND m.deleted_at IS NULL`,
    ).get(mapId, userId)?.role;
    return isRole(role) ? role : null;
  }

  async listMembers(mapId: string): Promise<MemberRecord[]> {
    return this.q<{ user_id: string; email: string; name: string; role: string; added_at: number }>(
      `SELECT mm.user_id, u.email, u.name, mm.role, mm.added_at FROM map_members mm
       JOIN users u ON u.id = mm.user_id WHERE mm.map_id = ? ORDER BY mm.added_at, u.email`,
    )
      .all(mapId)
      .filter((r) => isRole(r.role))
      .map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role as Role, addedAt: r.added_at }));
  }

  async setMember(mapId: string, userId: string, role: Role, at: number): Promise<void> {
    this.q(
      `INSERT INTO map_members (map_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (map_id, user_id) DO UPDATE SET role = excluded.role`,
    ).run(mapId, userId, role, at);
  }

  async removeMember(mapId: string, userId: string): Promise<boolean> {
    return this.q('DELETE FROM map_members WHERE map_id = ? AND user_id = ?').run(mapId, userId).changes > 0;
  }

  async countOwners(mapId: string): Promise<number> {
    return this.ownerCount(mapId);
  }

  private ownerCount(mapId: string): number {
    return this.q<{ n: number }>("SELECT COUNT(*) AS n FROM map_members WHERE map_id = ? AND role = 'owner'").get(
      mapId,
    )!.n;
  }

  /**
   * Runs a change to one member in a write transaction, after checking that it leaves the map
   * an owner (nextRole null: the member leaves).
   */
  private changeMember(
    mapId: string,
    userId: string,
    nextRole: Role | null,
    write: () => void,
  ): { ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal {
    return this.db
      .transaction(() => {
        const row = this.q<{ role: string }>('SELECT role FROM map_members WHERE map_id = ? AND user_id = ?').get(
          mapId,
          userId,
        );
        if (!row || !isRole(row.role)) return { ok: false as const, reason: 'not-member' as const };
        if (row.role === 'owner' && nextRole !== 'owner' && this.ownerCount(mapId) <= 1) {
          const map = this.q<MapRow>('SELECT id, title, kind, created_at, updated_at FROM maps WHERE id = ?').get(
            mapId,
          )!;
          return { ok: false as const, reason: 'last-owner' as const, map: toMapRecord(map) };
        }
        write();
        return { ok: true as const, previous: row.role };
      })
      .immediate();
  }

  async changeRole(
    mapId: string,
    userId: string,
    role: Role,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal> {
    return this.changeMember(mapId, userId, role, () =>
      this.q('UPDATE map_members SET role = ? WHERE map_id = ? AND user_id = ?').run(role, mapId, userId),
    );
  }

  async removeMemberUnlessLastOwner(
    mapId: string,
    userId: string,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal> {
    return this.changeMember(mapId, userId, null, () =>
      this.q('DELETE FROM map_members WHERE map_id = ? AND user_id = ?').run(mapId, userId),
    );
  }

  async insertInvite(invite: InviteRecord & { tokenHash: string }): Promise<void> {
    this.q(
      `INSERT INTO invites (id, map_id, token_hash, role, created_by, created_at, expires_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
    ).run(invite.id, invite.mapId, invite.tokenHash, invite.role, invite.createdBy, invite.createdAt, invite.expiresAt);
  }

  async getInviteByHash(tokenHash: string): Promise<InviteRecord | null> {
    const row = this.q<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = ?`).get(tokenHash);
    return row ? toInvite(row) : null;
  }

  async listInvites(mapId: string): Promise<InviteRecord[]> {
    return this.q<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE map_id = ? ORDER BY created_at DESC, id`)
      .all(mapId)
      .map(toInvite);
  }

  async revokeInvite(mapId: string, id: string, at: number): Promise<boolean> {
    return (
      this.q('UPDATE invites SET revoked_at = ? WHERE map_id = ? AND id = ? AND revoked_at IS NULL').run(at, mapId, id)
        .changes > 0
    );
  }

  // ── Comments ──────────────────────────────────────────────────────────────────────────────

  /** Threads (with their comments and mentions) matching a condition on t, in one snapshot. */
  private readThreads(where: string, params: unknown[]): CommentThreadRecord[] {
    return this.db.transaction(() => {
      const threads = this.q<ThreadRow>(THREADS_SQL(where)).all(...params);
      if (threads.length === 0) return [];
      const comments = toComments(
        this.q<CommentRow>(COMMENTS_SQL(where)).all(...params),
        this.q<MentionRow>(MENTIONS_SQL(where)).all(...params),
      );
      const byThread = new Map<string, CommentRecord[]>();
      for (const comment of comments) {
        let list = byThread.get(comment.threadId);
        if (!list) byThread.set(comment.threadId, (list = []));
        list.push(comment);
      }
      const records: CommentThreadRecord[] = [];
      for (const row of threads) {
        const live = byThread.get(row.id);
        // A thread whose every comment was deleted is gone.
        if (!live) continue;
        records.push({
          id: row.id,
          mapId: row.map_id,
          target: { kind: row.target_kind === 'link' ? 'link' : 'node', id: row.target_id },
          createdAt: row.created_at,
          resolvedAt: row.resolved_at,
          resolvedBy: row.resolved_by,
          resolvedByName: row.resolved_by_name,
          comments: live,
        });
      }
      return records;
    })();
  }

  private readComment(mapId: string, commentId: string): CommentRecord | null {
    const where = 't.map_id = ? AND c.id = ?';
    const rows = this.q<CommentRow>(COMMENTS_SQL(where)).all(mapId, commentId);
    return toComments(rows, this.q<MentionRow>(MENTIONS_SQL(where)).all(mapId, commentId))[0] ?? null;
  }

  /** Whether the thread belongs to the live map and still has a comment. */
  private isLiveThread(mapId: string, threadId: string): boolean {
    return (
      this.q<{ n: number }>(
        `SELECT COUNT(*) AS n FROM comments c JOIN comment_threads t ON t.id = c.thread_id
         JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
         WHERE t.map_id = ? AND t.id = ? AND c.deleted_at IS NULL`,
      ).get(mapId, threadId)!.n > 0
    );
  }

  /** Records the mentions that name members of the map (the check and the write are one statement). */
  private insertMentions(mapId: string, commentId: string, userIds: readonly string[]): void {
    const insert = this.q(
      `INSERT OR IGNORE INTO comment_mentions (comment_id, user_id)
       SELECT ?, user_id FROM map_members WHERE map_id = ? AND user_id = ?`,
    );
    for (const userId of userIds) insert.run(commentId, mapId, userId);
  }

  private insertComment(mapId: string, threadId: string, comment: NewComment): void {
    this.q('INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)').run(
      comment.id,
      threadId,
      comment.authorId,
      comment.body,
      comment.at,
    );
    this.insertMentions(mapId, comment.id, comment.mentions);
  }

  async createCommentThread(input: {
    id: string;
    mapId: string;
    target: CommentTarget;
    comment: NewComment;
  }): Promise<CommentThreadRecord> {
    this.db.transaction(() => {
      this.q('INSERT INTO comment_threads (id, map_id, target_kind, target_id, created_at) VALUES (?, ?, ?, ?, ?)').run(
        input.id,
        input.mapId,
        input.target.kind,
        input.target.id,
        input.comment.at,
      );
      this.insertComment(input.mapId, input.id, input.comment);
    })();
    const thread = this.readThreads('t.map_id = ? AND t.id = ?', [input.mapId, input.id])[0];
    if (!thread) throw new Error(`comment thread ${input.id} is not readable: is map ${input.mapId} live?`);
    return thread;
  }

  async listCommentThreads(mapId: string, targetId?: string): Promise<CommentThreadRecord[]> {
    return targetId === undefined
      ? this.readThreads('t.map_id = ?', [mapId])
      : this.readThreads('t.map_id = ? AND t.target_id = ?', [mapId, targetId]);
  }

  async getCommentThread(mapId: string, threadId: string): Promise<CommentThreadRecord | null> {
    return this.readThreads('t.map_id = ? AND t.id = ?', [mapId, threadId])[0] ?? null;
  }

  async addComment(mapId: string, threadId: string, comment: NewComment): Promise<CommentRecord | null> {
    const added = this.db.transaction(() => {
      if (!this.isLiveThread(mapId, threadId)) return false;
      this.insertComment(mapId, threadId, comment);
      return true;
    })();
    return added ? this.readComment(mapId, comment.id) : null;
  }

  async getComment(mapId: string, commentId: string): Promise<CommentRecord | null> {
    return this.readComment(mapId, commentId);
  }

  async editComment(
    mapId: string,
    commentId: string,
    patch: { body: string; mentions?: readonly string[] },
    at: number,
  ): Promise<CommentRecord | null> {
    const edited = this.db.transaction(() => {
      if (!this.readComment(mapId, commentId)) return false;
      this.q('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?').run(patch.body, at, commentId);
      if (patch.mentions) {
        this.q('DELETE FROM comment_mentions WHERE comment_id = ?').run(commentId);
        this.insertMentions(mapId, commentId, patch.mentions);
      }
      return true;
    })();
    return edited ? this.readComment(mapId, commentId) : null;
  }

  async deleteComment(mapId: string, commentId: string, by: string, at: number): Promise<boolean> {
    return this.db.transaction(() => {
      if (!this.readComment(mapId, commentId)) return false;
      this.q("UPDATE comments SET body = '', deleted_at = ?, deleted_by = ? WHERE id = ?").run(at, by, commentId);
      this.q('DELETE FROM comment_mentions WHERE comment_id = ?').run(commentId);
      return true;
    })();
  }

  async resolveCommentThread(
    mapId: string,
    threadId: string,
    by: string,
    at: number,
  ): Promise<CommentThreadRecord | null> {
    if (!this.isLiveThread(mapId, threadId)) return null;
    this.q('UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL').run(
      at,
      by,
      threadId,
    );
    return this.getCommentThread(mapId, threadId);
  }

  async reopenCommentThread(mapId: string, threadId: string): Promise<CommentThreadRecord | null> {
    if (!this.isLiveThread(mapId, threadId)) return null;
    this.q('UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = ?').run(threadId);
    return this.getCommentThread(mapId, threadId);
  }

  async close(): Promise<void> {
    await this.checkpointer?.stop();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
  }
}
