import type Database from 'better-sqlite3';
import { SNAPSHOT_REASONS, type ChangeSummary, type MapPatch, type SnapshotReason } from '@loopmap/shared';
import type {
  ChangeRecord,
  HistoryEntryRecord,
  HistoryStore,
  LiveSessionRecord,
  SnapshotRecord,
} from './HistoryStore.ts';

interface SnapshotRow {
  id: string;
  map_id: string;
  seq: number;
  name: string;
  note: string;
  reason: string | null;
  named: number;
  created_by: string | null;
  created_by_name: string | null;
  created_at: number;
  taken_at: number | null;
  map_created_at: number;
}

const SNAPSHOT_SQL = (where: string): string => `
  SELECT s.id, s.map_id, s.seq, s.name, s.note, s.reason, s.named, s.created_by, u.name AS created_by_name,
    s.created_at, d.created_at AS taken_at, m.created_at AS map_created_at
  FROM snapshots s JOIN maps m ON m.id = s.map_id AND m.deleted_at IS NULL
  LEFT JOIN users u ON u.id = s.created_by
  LEFT JOIN doc_updates d ON d.map_id = s.map_id AND d.seq = s.seq
  WHERE ${where}`;

const isReason = (value: unknown): value is SnapshotReason =>
  typeof value === 'string' && (SNAPSHOT_REASONS as readonly string[]).includes(value);

const toSnapshot = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  mapId: row.map_id,
  seq: row.seq,
  name: row.name,
  note: row.note,
  reason: isReason(row.reason) ? row.reason : null,
  named: row.named === 1,
  createdBy: row.created_by,
  createdByName: row.created_by_name,
  createdAt: row.created_at,
  takenAt: row.taken_at ?? row.map_created_at,
});

interface SessionRow {
  id: string;
  map_id: string;
  started_at: number;
  ended_at: number | null;
  from_seq: number;
  to_seq: number;
  changes: number;
  participants: string;
  snapshot_id: string | null;
  summary: string | null;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/**
 * The history index in the same SQLite file as the log. better-sqlite3 is synchronous, so the
 * change rows written by appendChanges land in the caller's transaction (SqliteStore's append).
 */
export class SqliteHistoryStore implements HistoryStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  private q<R = unknown>(sql: string): Database.Statement<unknown[], R> {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt as Database.Statement<unknown[], R>;
  }

  /** Writes one update's change; called inside the transaction that appends the update. */
  appendChange(mapId: string, seq: number, change: ChangeRecord): void {
    this.q('INSERT OR REPLACE INTO doc_changes (map_id, seq, patch, summary) VALUES (?, ?, ?, ?)').run(
      mapId,
      seq,
      JSON.stringify(change.patch),
      JSON.stringify(change.summary),
    );
    const target = this.q('INSERT OR IGNORE INTO doc_change_targets (map_id, target_id, seq) VALUES (?, ?, ?)');
    for (const id of change.ids) target.run(mapId, id, seq);
  }

  async indexedThrough(mapId: string): Promise<number> {
    // Changes are written with their updates, in order, except for maps logged before the
    // index existed, whose changes are filled in from the start: the first gap is the answer.
    const row = this.q<{ seq: number | null }>(
      `SELECT MIN(u.seq) AS seq FROM doc_updates u
       LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
       WHERE u.map_id = ? AND c.seq IS NULL`,
    ).get(mapId);
    if (row?.seq != null) return row.seq - 1;
    return this.lastSeq(mapId);
  }

  async saveChanges(mapId: string, changes: readonly ({ seq: number } & ChangeRecord)[]): Promise<void> {
    this.db.transaction(() => {
      for (const change of changes) this.appendChange(mapId, change.seq, change);
    })();
  }

  async listPatches(mapId: string, afterSeq: number, throughSeq: number): Promise<{ seq: number; patch: MapPatch }[]> {
    // One JSON text for the whole tail, parsed once: a point far from its checkpoint reads
    // thousands of patches, and parsing each row apart costs more than reading them.
    const row = this.q<{ json: string | null }>(
      `SELECT '[' || group_concat('{"seq":' || seq || ',"patch":' || patch || '}', ',' ORDER BY seq) || ']' AS json
       FROM doc_changes WHERE map_id = ? AND seq > ? AND seq <= ?`,
    ).get(mapId, afterSeq, throughSeq);
    return row?.json ? (JSON.parse(row.json) as { seq: number; patch: MapPatch }[]) : [];
  }

  async listHistory(
    mapId: string,
    opts: { before: number; limit: number; target?: string },
  ): Promise<HistoryEntryRecord[]> {
    const columns = `u.seq, u.created_at, u.author, us.name AS author_name, c.summary,
      (SELECT group_concat(t.target_id, ' ') FROM doc_change_targets t
        WHERE t.map_id = u.map_id AND t.seq = u.seq) AS ids`;
    type Row = {
      seq: number;
      created_at: number;
      author: string;
      author_name: string | null;
      summary: string | null;
      ids: string | null;
    };
    const rows =
      opts.target === undefined
        ? this.q<Row>(
            `SELECT ${columns} FROM doc_updates u
             LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
             LEFT JOIN users us ON us.id = u.author
             WHERE u.map_id = ? AND u.seq < ? ORDER BY u.seq DESC LIMIT ?`,
          ).all(mapId, opts.before, opts.limit)
        : this.q<Row>(
            `SELECT ${columns} FROM doc_change_targets tt
             JOIN doc_updates u ON u.map_id = tt.map_id AND u.seq = tt.seq
             LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
             LEFT JOIN users us ON us.id = u.author
             WHERE tt.map_id = ? AND tt.target_id = ? AND tt.seq < ? ORDER BY tt.seq DESC LIMIT ?`,
          ).all(mapId, opts.target, opts.before, opts.limit);
    return rows.map((row) => ({
      seq: row.seq,
      at: row.created_at,
      author: row.author,
      authorName: row.author_name,
      summary: parseJson<ChangeSummary | null>(row.summary, null),
      ids: row.ids ? row.ids.split(' ') : [],
    }));
  }

  async listEntryTimes(mapId: string): Promise<{ seq: number; at: number; author: string }[]> {
    return this.q<{ seq: number; created_at: number; author: string }>(
      'SELECT seq, created_at, author FROM doc_updates WHERE map_id = ? ORDER BY seq',
    )
      .all(mapId)
      .map((row) => ({ seq: row.seq, at: row.created_at, author: row.author }));
  }

  async lastSeq(mapId: string): Promise<number> {
    return (
      this.q<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE map_id = ?').get(mapId)?.seq ?? 0
    );
  }

  async seqAt(mapId: string, at: number): Promise<number> {
    return (
      this.q<{ seq: number | null }>(
        'SELECT MAX(seq) AS seq FROM doc_updates WHERE map_id = ? AND created_at <= ?',
      ).get(mapId, at)?.seq ?? 0
    );
  }

  async timeOf(mapId: string, seq: number): Promise<number | null> {
    return (
      this.q<{ created_at: number }>('SELECT created_at FROM doc_updates WHERE map_id = ? AND seq = ?').get(mapId, seq)
        ?.created_at ?? null
    );
  }

  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const stmt = this.q<{ name: string }>('SELECT name FROM users WHERE id = ?');
    for (const id of new Set(ids)) {
      const row = stmt.get(id);
      if (row) names.set(id, row.name);
    }
    return names;
  }

  async saveCheckpoint(mapId: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    this.q('INSERT OR REPLACE INTO doc_checkpoints (map_id, seq, state, created_at) VALUES (?, ?, ?, ?)').run(
      mapId,
      seq,
      state,
      at,
    );
  }

  async checkpointAtOrBefore(mapId: string, seq: number): Promise<{ seq: number; state: Uint8Array } | null> {
    const row = this.q<{ seq: number; state: Buffer }>(
      'SELECT seq, state FROM doc_checkpoints WHERE map_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    ).get(mapId, seq);
    return row
      ? { seq: row.seq, state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) }
      : null;
  }

  async tailSince(mapId: string, seq: number): Promise<{ updates: number; patchBytes: number }> {
    const row = this.q<{ updates: number; bytes: number | null }>(
      'SELECT COUNT(*) AS updates, SUM(length(patch)) AS bytes FROM doc_changes WHERE map_id = ? AND seq > ?',
    ).get(mapId, seq);
    return { updates: row?.updates ?? 0, patchBytes: row?.bytes ?? 0 };
  }

  async checkpointStats(mapId: string): Promise<{ count: number; bytes: number; lastSeq: number; lastBytes: number }> {
    const totals = this.q<{ count: number; bytes: number | null }>(
      'SELECT COUNT(*) AS count, SUM(length(state)) AS bytes FROM doc_checkpoints WHERE map_id = ?',
    ).get(mapId);
    const last = this.q<{ seq: number; bytes: number }>(
      'SELECT seq, length(state) AS bytes FROM doc_checkpoints WHERE map_id = ? ORDER BY seq DESC LIMIT 1',
    ).get(mapId);
    return {
      count: totals?.count ?? 0,
      bytes: totals?.bytes ?? 0,
      lastSeq: last?.seq ?? 0,
      lastBytes: last?.bytes ?? 0,
    };
  }

  async insertSnapshot(snapshot: Omit<SnapshotRecord, 'createdByName' | 'takenAt'>): Promise<SnapshotRecord> {
    this.q(
      `INSERT INTO snapshots (id, map_id, seq, name, note, reason, named, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      snapshot.id,
      snapshot.mapId,
      snapshot.seq,
      snapshot.name,
      snapshot.note,
      snapshot.reason,
      snapshot.named ? 1 : 0,
      snapshot.createdBy,
      snapshot.createdAt,
    );
    return (await this.getSnapshot(snapshot.mapId, snapshot.id))!;
  }

  async listSnapshots(mapId: string): Promise<SnapshotRecord[]> {
    return this.q<SnapshotRow>(SNAPSHOT_SQL('s.map_id = ? ORDER BY s.seq DESC, s.created_at DESC'))
      .all(mapId)
      .map(toSnapshot);
  }

  async getSnapshot(mapId: string, id: string): Promise<SnapshotRecord | null> {
    const row = this.q<SnapshotRow>(SNAPSHOT_SQL('s.map_id = ? AND s.id = ?')).get(mapId, id);
    return row ? toSnapshot(row) : null;
  }

  async updateSnapshot(
    mapId: string,
    id: string,
    patch: { name?: string; note?: string },
  ): Promise<SnapshotRecord | null> {
    this.db.transaction(() => {
      if (patch.name !== undefined) {
        this.q('UPDATE snapshots SET name = ?, named = 1 WHERE map_id = ? AND id = ?').run(patch.name, mapId, id);
      }
      if (patch.note !== undefined) {
        this.q('UPDATE snapshots SET note = ? WHERE map_id = ? AND id = ?').run(patch.note, mapId, id);
      }
    })();
    return this.getSnapshot(mapId, id);
  }

  async deleteSnapshot(mapId: string, id: string): Promise<boolean> {
    return this.db.transaction(() => {
      // A session or review that ended with it keeps its record, without the way to a version gone.
      this.q('UPDATE live_sessions SET snapshot_id = NULL WHERE map_id = ? AND snapshot_id = ?').run(mapId, id);
      return this.q('DELETE FROM snapshots WHERE map_id = ? AND id = ?').run(mapId, id).changes > 0;
    })();
  }

  async latestSnapshot(mapId: string, reason: SnapshotReason): Promise<SnapshotRecord | null> {
    const row = this.q<SnapshotRow>(
      SNAPSHOT_SQL('s.map_id = ? AND s.reason = ? ORDER BY s.created_at DESC LIMIT 1'),
    ).get(mapId, reason);
    return row ? toSnapshot(row) : null;
  }

  async purgeAutomaticSnapshots(before: number): Promise<number> {
    const expired = 'SELECT id FROM snapshots WHERE reason IS NOT NULL AND named = 0 AND created_at < ?';
    return this.db.transaction(() => {
      this.q(`UPDATE live_sessions SET snapshot_id = NULL WHERE snapshot_id IN (${expired})`).run(before);
      return this.q(`DELETE FROM snapshots WHERE id IN (${expired})`).run(before).changes;
    })();
  }

  async saveSession(session: LiveSessionRecord): Promise<void> {
    this.q(
      `INSERT OR REPLACE INTO live_sessions
         (id, map_id, started_at, ended_at, from_seq, to_seq, changes, participants, snapshot_id, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      session.id,
      session.mapId,
      session.startedAt,
      session.endedAt,
      session.fromSeq,
      session.toSeq,
      session.changes,
      JSON.stringify(session.participants),
      session.snapshotId,
      session.summary,
    );
  }

  async deleteSession(mapId: string, id: string): Promise<void> {
    this.q('DELETE FROM live_sessions WHERE map_id = ? AND id = ?').run(mapId, id);
  }

  async listSessions(mapId: string): Promise<LiveSessionRecord[]> {
    return this.q<SessionRow>(
      `SELECT ls.* FROM live_sessions ls JOIN maps m ON m.id = ls.map_id AND m.deleted_at IS NULL
       WHERE ls.map_id = ? ORDER BY ls.started_at DESC`,
    )
      .all(mapId)
      .map((row) => ({
        id: row.id,
        mapId: row.map_id,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        fromSeq: row.from_seq,
        toSeq: row.to_seq,
        changes: row.changes,
        participants: parseJson<string[]>(row.participants, []),
        snapshotId: row.snapshot_id,
        summary: row.summary,
      }));
  }

  async getVisit(mapId: string, userId: string): Promise<{ seq: number; at: number } | null> {
    return (
      this.q<{ seq: number; at: number }>('SELECT seq, at FROM map_visits WHERE map_id = ? AND user_id = ?').get(
        mapId,
        userId,
      ) ?? null
    );
  }

  async setVisit(mapId: string, userId: string, seq: number, at: number, onlyIfAbsent = false): Promise<void> {
    this.q(
      onlyIfAbsent
        ? 'INSERT OR IGNORE INTO map_visits (map_id, user_id, seq, at) VALUES (?, ?, ?, ?)'
        : `INSERT INTO map_visits (map_id, user_id, seq, at) VALUES (?, ?, ?, ?)
           ON CONFLICT (map_id, user_id) DO UPDATE SET seq = excluded.seq, at = excluded.at`,
    ).run(mapId, userId, seq, at);
  }

  async changesSince(mapId: string, seq: number, userId: string): Promise<{ changes: number; authors: string[] }> {
    // People count what changed, not how many keystrokes it took: the cards and links that
    // others' updates touched (and the map's own settings, as one), whoever touched them.
    const others = "u.map_id = ? AND u.seq > ? AND u.author != ? AND u.author != 'system'";
    const authors = this.q<{ author: string }>(
      `SELECT u.author FROM doc_updates u WHERE ${others} GROUP BY u.author ORDER BY MIN(u.seq)`,
    ).all(mapId, seq, userId);
    const elements =
      this.q<{ n: number }>(
        `SELECT COUNT(DISTINCT t.target_id) AS n FROM doc_change_targets t
         JOIN doc_updates u ON u.map_id = t.map_id AND u.seq = t.seq WHERE ${others}`,
      ).get(mapId, seq, userId)?.n ?? 0;
    const meta =
      this.q<{ n: number }>(
        `SELECT COUNT(*) AS n FROM doc_changes c JOIN doc_updates u ON u.map_id = c.map_id AND u.seq = c.seq
       WHERE ${others} AND c.patch LIKE '%"m":%'`,
      ).get(mapId, seq, userId)?.n ?? 0;
    return { changes: elements + (meta > 0 ? 1 : 0), authors: authors.map((row) => row.author) };
  }
}
