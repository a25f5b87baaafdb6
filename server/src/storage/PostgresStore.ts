import type pg from 'pg';
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
import { createPool, PgDb, type PgConn } from './postgresDb.ts';
import { migratePostgres } from './postgresMigrations.ts';
import { PostgresHistoryStore } from './PostgresHistoryStore.ts';
import { PostgresReviewStore } from './PostgresReviewStore.ts';
import { PostgresThrottleStore } from './PostgresThrottleStore.ts';

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

/** As in SqliteStore: the reads of threads and comments differ only in their condition. */
const THREADS_SQL = (where: string): string => `
  SELECT t.id, t.map_id, t.target_kind, t.target_id, t.created_at, t.resolved_at, t.resolved_by,
    r.name AS resolved_by_name
  FROM comment_threads t JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
  LEFT JOIN users r ON r.id = t.resolved_by
  WHERE ${where} ORDER BY t.created_at, t.ord`;
const COMMENTS_SQL = (where: string): string => `
  SELECT c.id, c.thread_id, c.author_id, u.name AS author_name, c.body, c.created_at, c.edited_at
  FROM comments c JOIN comment_threads t ON t.id = c.thread_id
  JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
  LEFT JOIN users u ON u.id = c.author_id
  WHERE c.deleted_at IS NULL AND ${where} ORDER BY c.created_at, c.ord`;
const MENTIONS_SQL = (where: string): string => `
  SELECT cm.comment_id, cm.user_id, u.name FROM comment_mentions cm
  JOIN users u ON u.id = cm.user_id
  JOIN comments c ON c.id = cm.comment_id
  JOIN comment_threads t ON t.id = c.thread_id
  JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
  WHERE c.deleted_at IS NULL AND ${where} ORDER BY cm.ord`;

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

const bytes = (data: Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const toStoredUpdate = (row: UpdateRow): StoredUpdate => ({
  seq: row.seq,
  update: bytes(row.data),
  author: row.author,
  at: row.created_at,
});
/** node-postgres sends a Buffer as bytea; a plain Uint8Array it would not. */
export const toBuffer = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** How often appends refresh a map's updated_at at most. */
const TOUCH_EVERY_MS = 1000;

/**
 * Locks the map's row until the transaction ends. Every write whose correctness depends on a
 * read (the last seq, the number of owners) takes it first, so two server instances on one
 * database take turns on one map. NO KEY UPDATE does not block inserts of rows that merely
 * reference the map (their foreign-key check takes KEY SHARE).
 */
const LOCK_MAP = 'SELECT id FROM maps WHERE id = ? FOR NO KEY UPDATE';

/**
 * One turn's updates, their history changes and the map's updated_at in one statement (one
 * round trip instead of three or four per update): $1 map id; $2-$4 the updates' bytes, authors
 * and times; $5-$7 their patches, summaries and target ids as JSON (null when none); $8 the time
 * to touch updated_at with, $9 the time before which it is touched. Runs after LOCK_MAP.
 */
const APPEND_UPDATES = `
WITH input AS (
  SELECT * FROM unnest($2::bytea[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
    WITH ORDINALITY AS t(data, author, created_at, patch, summary, ids, ord)
), base AS (
  SELECT COALESCE(MAX(seq), 0) AS seq FROM doc_updates WHERE map_id = $1
), updates AS (
  INSERT INTO doc_updates (map_id, seq, data, author, created_at)
  SELECT $1, base.seq + input.ord, input.data, input.author, input.created_at FROM input, base
), changes AS (
  INSERT INTO doc_changes (map_id, seq, patch, summary)
  SELECT $1, base.seq + input.ord, input.patch, input.summary FROM input, base WHERE input.patch IS NOT NULL
  ON CONFLICT (map_id, seq) DO UPDATE SET patch = excluded.patch, summary = excluded.summary
), targets AS (
  INSERT INTO doc_change_targets (map_id, target_id, seq)
  SELECT DISTINCT $1, target.id, base.seq + input.ord
  FROM input, base, jsonb_array_elements_text(input.ids::jsonb) AS target(id)
  WHERE input.ids IS NOT NULL
  ON CONFLICT DO NOTHING
), touched AS (
  UPDATE maps SET updated_at = $8 WHERE id = $1 AND updated_at <= $9
)
SELECT base.seq + (SELECT count(*) FROM input) AS seq FROM base`;

export interface PostgresStoreOptions {
  /** A libpq connection URL, e.g. postgres://user@host:5432/db (DATABASE_URL). */
  connectionString: string;
  /** The schema to keep the tables in (default: the connection's search_path, normally public). */
  schema?: string;
  /** Connections in the pool (default 10). */
  max?: number;
  /** Told when an idle connection breaks (the database restarted); the default prints it. */
  onIdleError?: (error: Error) => void;
}

/**
 * The PostgreSQL store: the same tables and semantics as SqliteStore, for running several
 * server instances on one database. Nothing decided in this process is trusted across calls:
 * a seq or an owner count is read inside the transaction that depends on it, after locking the
 * map's row. Open it with PostgresStore.open, which runs the migrations first.
 */
export class PostgresStore implements Store {
  readonly history: PostgresHistoryStore;
  readonly reviews: PostgresReviewStore;
  readonly throttles: PostgresThrottleStore;

  private constructor(readonly db: PgDb) {
    this.history = new PostgresHistoryStore(db);
    this.reviews = new PostgresReviewStore(db);
    this.throttles = new PostgresThrottleStore(db);
  }

  /**
   * Connects, migrates (see migratePostgres: refuses a schema newer than this code) and returns
   * the store. The pool is closed again when migrating fails.
   */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool: pg.Pool = createPool(options);
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(new PgDb(pool));
  }

  private async currentSeq(c: PgConn, mapId: string): Promise<number> {
    return (
      (await c.one<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE map_id = ?', [mapId]))?.seq ??
      0
    );
  }

  async createMap(input: CreateMapInput): Promise<MapRecord> {
    await this.db.tx(async (c) => {
      await c.run('INSERT INTO maps (id, title, kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?)', [
        input.id,
        input.title,
        input.kind,
        input.at,
        input.at,
      ]);
      await c.run('INSERT INTO doc_updates (map_id, seq, data, author, created_at) VALUES (?, ?, ?, ?, ?)', [
        input.id,
        1,
        toBuffer(input.initialUpdate),
        input.author,
        input.at,
      ]);
      if (input.initialChange) await this.history.appendChange(c, input.id, 1, input.initialChange);
      await c.run('INSERT INTO map_members (map_id, user_id, role, added_at) VALUES (?, ?, ?, ?)', [
        input.id,
        input.ownerId,
        'owner',
        input.at,
      ]);
    });
    return { id: input.id, title: input.title, kind: input.kind, createdAt: input.at, updatedAt: input.at };
  }

  async getMap(id: string): Promise<MapRecord | null> {
    const row = await this.db.one<MapRow>(
      'SELECT id, title, kind, created_at, updated_at FROM maps WHERE id = ? AND deleted_at IS NULL',
      [id],
    );
    return row ? toMapRecord(row) : null;
  }

  async listMapsFor(userId: string): Promise<(MapRecord & { role: Role })[]> {
    return this.mapsOf(this.db, userId);
  }

  private async mapsOf(c: PgConn, userId: string): Promise<(MapRecord & { role: Role })[]> {
    const rows = await c.rows<MapRow & { role: string }>(
      `SELECT m.id, m.title, m.kind, m.created_at, m.updated_at, mm.role FROM maps m
       JOIN map_members mm ON mm.map_id = m.id AND mm.user_id = ?
       WHERE m.deleted_at IS NULL ORDER BY m.updated_at DESC, m.id`,
      [userId],
    );
    return rows.filter((row) => isRole(row.role)).map((row) => ({ ...toMapRecord(row), role: row.role as Role }));
  }

  async updateMap(id: string, patch: { title?: string; kind?: MapKind }, at: number): Promise<MapRecord | null> {
    await this.db.tx(async (c) => {
      if (patch.title !== undefined) {
        await c.run('UPDATE maps SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', [
          patch.title,
          at,
          id,
        ]);
      }
      if (patch.kind !== undefined) {
        await c.run('UPDATE maps SET kind = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', [
          patch.kind,
          at,
          id,
        ]);
      }
    });
    return this.getMap(id);
  }

  async deleteMap(id: string, at: number): Promise<boolean> {
    return (await this.db.run('UPDATE maps SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [at, id])) > 0;
  }

  async appendUpdates(mapId: string, entries: readonly UpdateEntry[]): Promise<number> {
    if (entries.length === 0) return this.currentSeq(this.db, mapId);
    const at = entries[entries.length - 1]!.at;
    const params = [
      mapId,
      entries.map((entry) => toBuffer(entry.update)),
      entries.map((entry) => entry.author),
      entries.map((entry) => entry.at),
      entries.map((entry) => (entry.change ? JSON.stringify(entry.change.patch) : null)),
      entries.map((entry) => (entry.change ? JSON.stringify(entry.change.summary) : null)),
      entries.map((entry) => (entry.change && entry.change.ids.length > 0 ? JSON.stringify(entry.change.ids) : null)),
      at,
      at - TOUCH_EVERY_MS,
    ];
    return this.db.tx(async (c) => {
      // The map's row lock orders writers from every instance; the last seq is read after it, by
      // the next statement (a new snapshot in READ COMMITTED), which stores everything at once.
      await c.run(LOCK_MAP, [mapId]);
      const row = await c.one<{ seq: number }>(APPEND_UPDATES, params);
      return row!.seq;
    });
  }

  async lastSeq(mapId: string): Promise<number> {
    return this.currentSeq(this.db, mapId);
  }

  async loadDoc(mapId: string): Promise<StoredDoc> {
    return this.db.snapshot(async (c) => {
      const stateRow = await c.one<{ state: Buffer; through_seq: number }>(
        'SELECT state, through_seq FROM doc_states WHERE map_id = ?',
        [mapId],
      );
      const stateSeq = stateRow?.through_seq ?? 0;
      const tail = (
        await c.rows<UpdateRow>(
          'SELECT seq, data, author, created_at FROM doc_updates WHERE map_id = ? AND seq > ? ORDER BY seq',
          [mapId, stateSeq],
        )
      ).map(toStoredUpdate);
      const lastSeq = tail.length > 0 ? tail[tail.length - 1]!.seq : stateSeq;
      return {
        state: stateRow ? new Uint8Array(stateRow.state) : null,
        stateSeq,
        tail,
        lastSeq: Math.max(lastSeq, await this.currentSeq(c, mapId)),
      };
    });
  }

  async saveState(mapId: string, state: Uint8Array, throughSeq: number, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO doc_states (map_id, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (map_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
         updated_at = excluded.updated_at
       WHERE excluded.through_seq > doc_states.through_seq`,
      [mapId, toBuffer(state), throughSeq, at],
    );
  }

  async listUpdates(mapId: string, afterSeq: number, limit: number): Promise<StoredUpdate[]> {
    return (
      await this.db.rows<UpdateRow>(
        'SELECT seq, data, author, created_at FROM doc_updates WHERE map_id = ? AND seq > ? ORDER BY seq LIMIT ?',
        [mapId, afterSeq, limit],
      )
    ).map(toStoredUpdate);
  }

  async listUpdateRange(mapId: string, afterSeq: number, throughSeq: number): Promise<StoredUpdate[]> {
    return (
      await this.db.rows<UpdateRow>(
        'SELECT seq, data, author, created_at FROM doc_updates WHERE map_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
        [mapId, afterSeq, throughSeq],
      )
    ).map(toStoredUpdate);
  }

  // ── Accounts, sessions, tokens, members, invites ──────────────────────────────────────────

  async createUser(input: {
    id: string;
    email: string;
    name: string;
    passwordHash: string;
    at: number;
  }): Promise<UserRecord> {
    try {
      await this.db.run('INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)', [
        input.id,
        input.email,
        input.name,
        input.passwordHash,
        input.at,
      ]);
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === '23505' && constraint === 'users_email_key') throw new EmailTakenError(input.email);
      throw error;
    }
    return { id: input.id, email: input.email, name: input.name, createdAt: input.at, language: null };
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = await this.db.one<UserRow>('SELECT id, email, name, created_at, language FROM users WHERE id = ?', [
      id,
    ]);
    return row ? toUser(row) : null;
  }

  async getUserByEmail(email: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const row = await this.db.one<UserRow & { password_hash: string }>(
      'SELECT id, email, name, created_at, language, password_hash FROM users WHERE email = ?',
      [email],
    );
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async getPasswordHash(userId: string): Promise<string | null> {
    return (await this.db.one<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = ?', [userId]))?.h ?? null;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.run('UPDATE users SET password_hash = ? WHERE id = ?', [passwordHash, userId]);
  }

  /** Locks the rows of the live maps the user is a member of, in one order (no deadlocks). */
  private async lockMapsOf(c: PgConn, userId: string): Promise<void> {
    await c.run(
      `SELECT m.id FROM maps m JOIN map_members mm ON mm.map_id = m.id AND mm.user_id = ?
       ORDER BY m.id FOR NO KEY UPDATE OF m`,
      [userId],
    );
  }

  async setUserLanguage(userId: string, language: Language | null): Promise<void> {
    await this.db.run('UPDATE users SET language = ? WHERE id = ?', [language, userId]);
  }

  async deleteUser(userId: string, at: number): Promise<void> {
    await this.db.tx(async (c) => {
      await this.lockMapsOf(c, userId);
      await this.deleteUserNow(c, userId, at);
    });
  }

  async deleteUserUnlessLastOwner(
    userId: string,
    at: number,
  ): Promise<{ ok: true; maps: (MapRecord & { role: Role })[] } | LastOwnerRefusal> {
    return this.db.tx(async (c): Promise<{ ok: true; maps: (MapRecord & { role: Role })[] } | LastOwnerRefusal> => {
      await this.lockMapsOf(c, userId);
      const maps = await this.mapsOf(c, userId);
      for (const map of maps) {
        if (map.role !== 'owner' || (await this.ownerCount(c, map.id)) > 1) continue;
        const others = (await c.one<{ n: number }>(
          'SELECT COUNT(*) AS n FROM map_members WHERE map_id = ? AND user_id <> ?',
          [map.id, userId],
        ))!.n;
        if (others > 0) {
          const { role: _role, ...record } = map;
          return { ok: false, reason: 'last-owner', map: record };
        }
      }
      await this.deleteUserNow(c, userId, at);
      return { ok: true, maps };
    });
  }

  private async deleteUserNow(c: PgConn, userId: string, at: number): Promise<void> {
    // Maps the user alone belonged to go with the account; shared maps stay with the others.
    await c.run(
      `UPDATE maps SET deleted_at = ? WHERE deleted_at IS NULL AND id IN (
         SELECT map_id FROM map_members WHERE user_id = ?
         AND map_id NOT IN (SELECT map_id FROM map_members WHERE user_id <> ?))`,
      [at, userId, userId],
    );
    await c.run('UPDATE invites SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL', [at, userId]);
    await c.run('DELETE FROM map_members WHERE user_id = ?', [userId]);
    await c.run('DELETE FROM comment_mentions WHERE user_id = ?', [userId]);
    await c.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    await c.run('DELETE FROM api_tokens WHERE user_id = ?', [userId]);
    await c.run('DELETE FROM invites WHERE created_by = ?', [userId]);
    await c.run('DELETE FROM users WHERE id = ?', [userId]);
  }

  async insertSession(session: SessionRecord, at: number): Promise<void> {
    await this.db.run('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)', [
      session.id,
      session.userId,
      session.expiresAt,
      at,
    ]);
  }

  async getSessionAndUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    const row = await this.db.one<UserRow & { session_id: string; expires_at: number }>(
      `SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.name, u.created_at, u.language
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      [id],
    );
    if (!row) return null;
    return { session: { id: row.session_id, userId: row.id, expiresAt: row.expires_at }, user: toUser(row) };
  }

  async setSessionExpiry(id: string, expiresAt: number): Promise<void> {
    await this.db.run('UPDATE sessions SET expires_at = ? WHERE id = ?', [expiresAt, id]);
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.run('DELETE FROM sessions WHERE id = ?', [id]);
  }

  async deleteUserSessions(userId: string, keep?: string): Promise<string[]> {
    const rows = await this.db.rows<{ id: string }>(
      'DELETE FROM sessions WHERE user_id = ? AND id IS DISTINCT FROM ?::text RETURNING id',
      [userId, keep ?? null],
    );
    return rows.map((r) => r.id).sort();
  }

  async insertApiToken(token: ApiTokenRecord & { tokenHash: string }): Promise<void> {
    await this.db.run('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)', [
      token.id,
      token.userId,
      token.name,
      token.tokenHash,
      token.createdAt,
    ]);
  }

  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return (
      await this.db.rows<TokenRow>(
        'SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id',
        [userId],
      )
    ).map(toToken);
  }

  async getApiTokenByHash(tokenHash: string): Promise<{ token: ApiTokenRecord; user: UserRecord } | null> {
    const row = await this.db.one<
      TokenRow & { email: string; user_name: string; user_created_at: number; user_language: string | null }
    >(
      `SELECT t.id, t.user_id, t.name, t.created_at, t.last_used_at, u.email, u.name AS user_name,
         u.created_at AS user_created_at, u.language AS user_language
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
      [tokenHash],
    );
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
    await this.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [at, id]);
  }

  async deleteApiToken(userId: string, id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM api_tokens WHERE id = ? AND user_id = ?', [id, userId])) > 0;
  }

  async getRole(mapId: string, userId: string): Promise<Role | null> {
    const role = (
      await this.db.one<{ role: string }>(
        `SELECT mm.role FROM map_members mm JOIN maps m ON m.id = mm.map_id
         WHERE mm.map_id = ? AND mm.user_id = ? AND m.deleted_at IS NULL`,
        [mapId, userId],
      )
    )?.role;
    return isRole(role) ? role : null;
  }

  async listMembers(mapId: string): Promise<MemberRecord[]> {
    return (
      await this.db.rows<{ user_id: string; email: string; name: string; role: string; added_at: number }>(
        `SELECT mm.user_id, u.email, u.name, mm.role, mm.added_at FROM map_members mm
         JOIN users u ON u.id = mm.user_id WHERE mm.map_id = ? ORDER BY mm.added_at, u.email`,
        [mapId],
      )
    )
      .filter((r) => isRole(r.role))
      .map((r) => ({ userId: r.user_id, email: r.email, name: r.name, role: r.role as Role, addedAt: r.added_at }));
  }

  async setMember(mapId: string, userId: string, role: Role, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO map_members (map_id, user_id, role, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (map_id, user_id) DO UPDATE SET role = excluded.role`,
      [mapId, userId, role, at],
    );
  }

  async removeMember(mapId: string, userId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM map_members WHERE map_id = ? AND user_id = ?', [mapId, userId])) > 0;
  }

  async countOwners(mapId: string): Promise<number> {
    return this.ownerCount(this.db, mapId);
  }

  private async ownerCount(c: PgConn, mapId: string): Promise<number> {
    return (await c.one<{ n: number }>("SELECT COUNT(*) AS n FROM map_members WHERE map_id = ? AND role = 'owner'", [
      mapId,
    ]))!.n;
  }

  /**
   * Runs a change to one member in a transaction holding the map's row lock, after checking that
   * it leaves the map an owner (nextRole null: the member leaves).
   */
  private changeMember(
    mapId: string,
    userId: string,
    nextRole: Role | null,
    write: (c: PgConn) => Promise<unknown>,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal> {
    return this.db.tx(async (c) => {
      await c.run(LOCK_MAP, [mapId]);
      const row = await c.one<{ role: string }>('SELECT role FROM map_members WHERE map_id = ? AND user_id = ?', [
        mapId,
        userId,
      ]);
      if (!row || !isRole(row.role)) return { ok: false as const, reason: 'not-member' as const };
      if (row.role === 'owner' && nextRole !== 'owner' && (await this.ownerCount(c, mapId)) <= 1) {
        const map = (await c.one<MapRow>('SELECT id, title, kind, created_at, updated_at FROM maps WHERE id = ?', [
          mapId,
        ]))!;
        return { ok: false as const, reason: 'last-owner' as const, map: toMapRecord(map) };
      }
      await write(c);
      return { ok: true as const, previous: row.role };
    });
  }

  async changeRole(
    mapId: string,
    userId: string,
    role: Role,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal> {
    return this.changeMember(mapId, userId, role, (c) =>
      c.run('UPDATE map_members SET role = ? WHERE map_id = ? AND user_id = ?', [role, mapId, userId]),
    );
  }

  async removeMemberUnlessLastOwner(
    mapId: string,
    userId: string,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal> {
    return this.changeMember(mapId, userId, null, (c) =>
      c.run('DELETE FROM map_members WHERE map_id = ? AND user_id = ?', [mapId, userId]),
    );
  }

  async insertInvite(invite: InviteRecord & { tokenHash: string }): Promise<void> {
    await this.db.run(
      `INSERT INTO invites (id, map_id, token_hash, role, created_by, created_at, expires_at, revoked_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
      [invite.id, invite.mapId, invite.tokenHash, invite.role, invite.createdBy, invite.createdAt, invite.expiresAt],
    );
  }

  async getInviteByHash(tokenHash: string): Promise<InviteRecord | null> {
    const row = await this.db.one<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = ?`, [tokenHash]);
    return row ? toInvite(row) : null;
  }

  async listInvites(mapId: string): Promise<InviteRecord[]> {
    return (
      await this.db.rows<InviteRow>(
        `SELECT ${INVITE_COLUMNS} FROM invites WHERE map_id = ? ORDER BY created_at DESC, id`,
        [mapId],
      )
    ).map(toInvite);
  }

  async revokeInvite(mapId: string, id: string, at: number): Promise<boolean> {
    return (
      (await this.db.run('UPDATE invites SET revoked_at = ? WHERE map_id = ? AND id = ? AND revoked_at IS NULL', [
        at,
        mapId,
        id,
      ])) > 0
    );
  }

  // ── Comments ──────────────────────────────────────────────────────────────────────────────

  /** Threads (with their comments and mentions) matching a condition on t, in one snapshot. */
  private readThreads(where: string, params: unknown[]): Promise<CommentThreadRecord[]> {
    return this.db.snapshot(async (c) => {
      const threads = await c.rows<ThreadRow>(THREADS_SQL(where), params);
      if (threads.length === 0) return [];
      const comments = toComments(
        await c.rows<CommentRow>(COMMENTS_SQL(where), params),
        await c.rows<MentionRow>(MENTIONS_SQL(where), params),
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
    });
  }

  private async readComment(c: PgConn, mapId: string, commentId: string): Promise<CommentRecord | null> {
    const where = 't.map_id = ? AND c.id = ?';
    const rows = await c.rows<CommentRow>(COMMENTS_SQL(where), [mapId, commentId]);
    if (rows.length === 0) return null;
    return toComments(rows, await c.rows<MentionRow>(MENTIONS_SQL(where), [mapId, commentId]))[0] ?? null;
  }

  /** Whether the thread belongs to the live map and still has a comment. */
  private async isLiveThread(c: PgConn, mapId: string, threadId: string): Promise<boolean> {
    return (
      (await c.one<{ n: number }>(
        `SELECT COUNT(*) AS n FROM comments c JOIN comment_threads t ON t.id = c.thread_id
         JOIN maps m ON m.id = t.map_id AND m.deleted_at IS NULL
         WHERE t.map_id = ? AND t.id = ? AND c.deleted_at IS NULL`,
        [mapId, threadId],
      ))!.n > 0
    );
  }

  /** Records the mentions that name members of the map (the check and the write are one statement). */
  private async insertMentions(c: PgConn, mapId: string, commentId: string, userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) {
      await c.run(
        `INSERT INTO comment_mentions (comment_id, user_id)
         SELECT ?::text, user_id FROM map_members WHERE map_id = ? AND user_id = ?
         ON CONFLICT DO NOTHING`,
        [commentId, mapId, userId],
      );
    }
  }

  private async insertComment(c: PgConn, mapId: string, threadId: string, comment: NewComment): Promise<void> {
    await c.run('INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)', [
      comment.id,
      threadId,
      comment.authorId,
      comment.body,
      comment.at,
    ]);
    await this.insertMentions(c, mapId, comment.id, comment.mentions);
  }

  async createCommentThread(input: {
    id: string;
    mapId: string;
    target: CommentTarget;
    comment: NewComment;
  }): Promise<CommentThreadRecord> {
    await this.db.tx(async (c) => {
      await c.run(
        'INSERT INTO comment_threads (id, map_id, target_kind, target_id, created_at) VALUES (?, ?, ?, ?, ?)',
        [input.id, input.mapId, input.target.kind, input.target.id, input.comment.at],
      );
      await this.insertComment(c, input.mapId, input.id, input.comment);
    });
    const thread = (await this.readThreads('t.map_id = ? AND t.id = ?', [input.mapId, input.id]))[0];
    if (!thread) throw new Error(`comment thread ${input.id} is not readable: is map ${input.mapId} live?`);
    return thread;
  }

  async listCommentThreads(mapId: string, targetId?: string): Promise<CommentThreadRecord[]> {
    return targetId === undefined
      ? this.readThreads('t.map_id = ?', [mapId])
      : this.readThreads('t.map_id = ? AND t.target_id = ?', [mapId, targetId]);
  }

  async getCommentThread(mapId: string, threadId: string): Promise<CommentThreadRecord | null> {
    return (await this.readThreads('t.map_id = ? AND t.id = ?', [mapId, threadId]))[0] ?? null;
  }

  async addComment(mapId: string, threadId: string, comment: NewComment): Promise<CommentRecord | null> {
    const added = await this.db.tx(async (c) => {
      if (!(await this.isLiveThread(c, mapId, threadId))) return false;
      await this.insertComment(c, mapId, threadId, comment);
      return true;
    });
    return added ? this.readComment(this.db, mapId, comment.id) : null;
  }

  async getComment(mapId: string, commentId: string): Promise<CommentRecord | null> {
    return this.db.snapshot((c) => this.readComment(c, mapId, commentId));
  }

  async editComment(
    mapId: string,
    commentId: string,
    patch: { body: string; mentions?: readonly string[] },
    at: number,
  ): Promise<CommentRecord | null> {
    const edited = await this.db.tx(async (c) => {
      if (!(await this.readComment(c, mapId, commentId))) return false;
      await c.run('UPDATE comments SET body = ?, edited_at = ? WHERE id = ?', [patch.body, at, commentId]);
      if (patch.mentions) {
        await c.run('DELETE FROM comment_mentions WHERE comment_id = ?', [commentId]);
        await this.insertMentions(c, mapId, commentId, patch.mentions);
      }
      return true;
    });
    return edited ? this.getComment(mapId, commentId) : null;
  }

  async deleteComment(mapId: string, commentId: string, by: string, at: number): Promise<boolean> {
    return this.db.tx(async (c) => {
      if (!(await this.readComment(c, mapId, commentId))) return false;
      await c.run("UPDATE comments SET body = '', deleted_at = ?, deleted_by = ? WHERE id = ?", [at, by, commentId]);
      await c.run('DELETE FROM comment_mentions WHERE comment_id = ?', [commentId]);
      return true;
    });
  }

  async resolveCommentThread(
    mapId: string,
    threadId: string,
    by: string,
    at: number,
  ): Promise<CommentThreadRecord | null> {
    if (!(await this.isLiveThread(this.db, mapId, threadId))) return null;
    await this.db.run(
      'UPDATE comment_threads SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL',
      [at, by, threadId],
    );
    return this.getCommentThread(mapId, threadId);
  }

  async reopenCommentThread(mapId: string, threadId: string): Promise<CommentThreadRecord | null> {
    if (!(await this.isLiveThread(this.db, mapId, threadId))) return null;
    await this.db.run('UPDATE comment_threads SET resolved_at = NULL, resolved_by = NULL WHERE id = ?', [threadId]);
    return this.getCommentThread(mapId, threadId);
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.pool.end();
  }
}
