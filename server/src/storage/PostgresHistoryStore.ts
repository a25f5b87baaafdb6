import { SNAPSHOT_REASONS, type ChangeSummary, type MapPatch, type SnapshotReason } from '@loopmap/shared';
import type {
  ChangeRecord,
  HistoryEntryRecord,
  HistoryStore,
  LiveSessionRecord,
  SnapshotRecord,
} from './HistoryStore.ts';
import type { PgConn, PgDb } from './postgresDb.ts';

interface SnapshotRow {
  id: string;
  map_id: string;
  seq: number;
  name: string;
  note: string;
  reason: string | null;
  named: boolean;
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
  named: row.named,
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

/** The history index beside the log in PostgreSQL; the same semantics as SqliteHistoryStore. */
export class PostgresHistoryStore implements HistoryStore {
  constructor(private readonly db: PgDb) {}

  /** Writes one update's change on `c`, inside the transaction that appends the update. */
  async appendChange(c: PgConn, mapId: string, seq: number, change: ChangeRecord): Promise<void> {
    await c.run(
      `INSERT INTO doc_changes (map_id, seq, patch, summary) VALUES (?, ?, ?, ?)
       ON CONFLICT (map_id, seq) DO UPDATE SET patch = excluded.patch, summary = excluded.summary`,
      [mapId, seq, JSON.stringify(change.patch), JSON.stringify(change.summary)],
    );
    if (change.ids.length > 0) {
      await c.run(
        `INSERT INTO doc_change_targets (map_id, target_id, seq)
         SELECT ?::text, unnest(?::text[]), ?::bigint ON CONFLICT DO NOTHING`,
        [mapId, [...change.ids], seq],
      );
    }
  }

  async indexedThrough(mapId: string): Promise<number> {
    const row = await this.db.one<{ seq: number | null }>(
      `SELECT MIN(u.seq) AS seq FROM doc_updates u
       LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
       WHERE u.map_id = ? AND c.seq IS NULL`,
      [mapId],
    );
    if (row?.seq != null) return row.seq - 1;
    return this.lastSeq(mapId);
  }

  async saveChanges(mapId: string, changes: readonly ({ seq: number } & ChangeRecord)[]): Promise<void> {
    await this.db.tx(async (c) => {
      for (const change of changes) await this.appendChange(c, mapId, change.seq, change);
    });
  }

  async listPatches(mapId: string, afterSeq: number, throughSeq: number): Promise<{ seq: number; patch: MapPatch }[]> {
    // One JSON text for the whole tail, parsed once (see SqliteHistoryStore).
    const row = await this.db.one<{ json: string | null }>(
      `SELECT '[' || string_agg('{"seq":' || seq || ',"patch":' || patch || '}', ',' ORDER BY seq) || ']' AS json
       FROM doc_changes WHERE map_id = ? AND seq > ? AND seq <= ?`,
      [mapId, afterSeq, throughSeq],
    );
    return row?.json ? (JSON.parse(row.json) as { seq: number; patch: MapPatch }[]) : [];
  }

  async listHistory(
    mapId: string,
    opts: { before: number; limit: number; target?: string },
  ): Promise<HistoryEntryRecord[]> {
    const columns = `u.seq, u.created_at, u.author, us.name AS author_name, c.summary,
      (SELECT string_agg(t.target_id, ' ') FROM doc_change_targets t
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
        ? await this.db.rows<Row>(
            `SELECT ${columns} FROM doc_updates u
             LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
             LEFT JOIN users us ON us.id = u.author
             WHERE u.map_id = ? AND u.seq < ? ORDER BY u.seq DESC LIMIT ?`,
            [mapId, opts.before, opts.limit],
          )
        : await this.db.rows<Row>(
            `SELECT ${columns} FROM doc_change_targets tt
             JOIN doc_updates u ON u.map_id = tt.map_id AND u.seq = tt.seq
             LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
             LEFT JOIN users us ON us.id = u.author
             WHERE tt.map_id = ? AND tt.target_id = ? AND tt.seq < ? ORDER BY tt.seq DESC LIMIT ?`,
            [mapId, opts.target, opts.before, opts.limit],
          );
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
    return (
      await this.db.rows<{ seq: number; created_at: number; author: string }>(
        'SELECT seq, created_at, author FROM doc_updates WHERE map_id = ? ORDER BY seq',
        [mapId],
      )
    ).map((row) => ({ seq: row.seq, at: row.created_at, author: row.author }));
  }

  async lastSeq(mapId: string): Promise<number> {
    return (
      (await this.db.one<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE map_id = ?', [mapId]))
        ?.seq ?? 0
    );
  }

  async seqAt(mapId: string, at: number): Promise<number> {
    return (
      (
        await this.db.one<{ seq: number | null }>(
          'SELECT MAX(seq) AS seq FROM doc_updates WHERE map_id = ? AND created_at <= ?',
          [mapId, at],
        )
      )?.seq ?? 0
    );
  }

  async timeOf(mapId: string, seq: number): Promise<number | null> {
    return (
      (
        await this.db.one<{ created_at: number }>('SELECT created_at FROM doc_updates WHERE map_id = ? AND seq = ?', [
          mapId,
          seq,
        ])
      )?.created_at ?? null
    );
  }

  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.rows<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY(?)', [
      [...new Set(ids)],
    ]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async saveCheckpoint(mapId: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    await this.db.run(
      `INSERT INTO doc_checkpoints (map_id, seq, state, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (map_id, seq) DO UPDATE SET state = excluded.state, created_at = excluded.created_at`,
      [mapId, seq, Buffer.from(state.buffer, state.byteOffset, state.byteLength), at],
    );
  }

  async checkpointAtOrBefore(mapId: string, seq: number): Promise<{ seq: number; state: Uint8Array } | null> {
    const row = await this.db.one<{ seq: number; state: Buffer }>(
      'SELECT seq, state FROM doc_checkpoints WHERE map_id = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
      [mapId, seq],
    );
    return row
      ? { seq: row.seq, state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) }
      : null;
  }

  async tailSince(mapId: string, seq: number): Promise<{ updates: number; patchBytes: number }> {
    const row = await this.db.one<{ updates: number; bytes: number | null }>(
      'SELECT COUNT(*) AS updates, SUM(octet_length(patch)) AS bytes FROM doc_changes WHERE map_id = ? AND seq > ?',
      [mapId, seq],
    );
    return { updates: row?.updates ?? 0, patchBytes: row?.bytes ?? 0 };
  }

  async checkpointStats(mapId: string): Promise<{ count: number; bytes: number; lastSeq: number; lastBytes: number }> {
    const totals = await this.db.one<{ count: number; bytes: number | null }>(
      'SELECT COUNT(*) AS count, SUM(octet_length(state)) AS bytes FROM doc_checkpoints WHERE map_id = ?',
      [mapId],
    );
    const last = await this.db.one<{ seq: number; bytes: number }>(
      'SELECT seq, octet_length(state) AS bytes FROM doc_checkpoints WHERE map_id = ? ORDER BY seq DESC LIMIT 1',
      [mapId],
    );
    return {
      count: totals?.count ?? 0,
      bytes: totals?.bytes ?? 0,
      lastSeq: last?.seq ?? 0,
      lastBytes: last?.bytes ?? 0,
    };
  }

  async insertSnapshot(snapshot: Omit<SnapshotRecord, 'createdByName' | 'takenAt'>): Promise<SnapshotRecord> {
    await this.db.run(
      `INSERT INTO snapshots (id, map_id, seq, name, note, reason, named, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        snapshot.id,
        snapshot.mapId,
        snapshot.seq,
        snapshot.name,
        snapshot.note,
        snapshot.reason,
        snapshot.named,
        snapshot.createdBy,
        snapshot.createdAt,
      ],
    );
    return (await this.getSnapshot(snapshot.mapId, snapshot.id))!;
  }

  async listSnapshots(mapId: string): Promise<SnapshotRecord[]> {
    return (
      await this.db.rows<SnapshotRow>(SNAPSHOT_SQL('s.map_id = ? ORDER BY s.seq DESC, s.created_at DESC'), [mapId])
    ).map(toSnapshot);
  }

  async getSnapshot(mapId: string, id: string): Promise<SnapshotRecord | null> {
    const row = await this.db.one<SnapshotRow>(SNAPSHOT_SQL('s.map_id = ? AND s.id = ?'), [mapId, id]);
    return row ? toSnapshot(row) : null;
  }

  async updateSnapshot(
    mapId: string,
    id: string,
    patch: { name?: string; note?: string },
  ): Promise<SnapshotRecord | null> {
    await this.db.tx(async (c) => {
      if (patch.name !== undefined) {
        await c.run('UPDATE snapshots SET name = ?, named = TRUE WHERE map_id = ? AND id = ?', [patch.name, mapId, id]);
      }
      if (patch.note !== undefined) {
        await c.run('UPDATE snapshots SET note = ? WHERE map_id = ? AND id = ?', [patch.note, mapId, id]);
      }
    });
    return this.getSnapshot(mapId, id);
  }

  async deleteSnapshot(mapId: string, id: string): Promise<boolean> {
    return this.db.tx(async (c) => {
      await c.run('UPDATE live_sessions SET snapshot_id = NULL WHERE map_id = ? AND snapshot_id = ?', [mapId, id]);
      return (await c.run('DELETE FROM snapshots WHERE map_id = ? AND id = ?', [mapId, id])) > 0;
    });
  }

  async latestSnapshot(mapId: string, reason: SnapshotReason): Promise<SnapshotRecord | null> {
    const row = await this.db.one<SnapshotRow>(
      SNAPSHOT_SQL('s.map_id = ? AND s.reason = ? ORDER BY s.created_at DESC LIMIT 1'),
      [mapId, reason],
    );
    return row ? toSnapshot(row) : null;
  }

  async purgeAutomaticSnapshots(before: number): Promise<number> {
    const expired = 'SELECT id FROM snapshots WHERE reason IS NOT NULL AND NOT named AND created_at < ?';
    return this.db.tx(async (c) => {
      await c.run(`UPDATE live_sessions SET snapshot_id = NULL WHERE snapshot_id IN (${expired})`, [before]);
      return c.run(`DELETE FROM snapshots WHERE id IN (${expired})`, [before]);
    });
  }

  async saveSession(session: LiveSessionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO live_sessions
         (id, map_id, started_at, ended_at, from_seq, to_seq, changes, participants, snapshot_id, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET map_id = excluded.map_id, started_at = excluded.started_at,
         ended_at = excluded.ended_at, from_seq = excluded.from_seq, to_seq = excluded.to_seq,
         changes = excluded.changes, participants = excluded.participants,
         snapshot_id = excluded.snapshot_id, summary = excluded.summary`,
      [
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
      ],
    );
  }

  async deleteSession(mapId: string, id: string): Promise<void> {
    await this.db.run('DELETE FROM live_sessions WHERE map_id = ? AND id = ?', [mapId, id]);
  }

  async listSessions(mapId: string): Promise<LiveSessionRecord[]> {
    return (
      await this.db.rows<SessionRow>(
        `SELECT ls.* FROM live_sessions ls JOIN maps m ON m.id = ls.map_id AND m.deleted_at IS NULL
         WHERE ls.map_id = ? ORDER BY ls.started_at DESC`,
        [mapId],
      )
    ).map((row) => ({
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
      (await this.db.one<{ seq: number; at: number }>(
        'SELECT seq, at FROM map_visits WHERE map_id = ? AND user_id = ?',
        [mapId, userId],
      )) ?? null
    );
  }

  async setVisit(mapId: string, userId: string, seq: number, at: number, onlyIfAbsent = false): Promise<void> {
    await this.db.run(
      onlyIfAbsent
        ? 'INSERT INTO map_visits (map_id, user_id, seq, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'
        : `INSERT INTO map_visits (map_id, user_id, seq, at) VALUES (?, ?, ?, ?)
           ON CONFLICT (map_id, user_id) DO UPDATE SET seq = excluded.seq, at = excluded.at`,
      [mapId, userId, seq, at],
    );
  }

  async changesSince(mapId: string, seq: number, userId: string): Promise<{ changes: number; authors: string[] }> {
    const others = "u.map_id = ? AND u.seq > ? AND u.author <> ? AND u.author <> 'system'";
    const params = [mapId, seq, userId];
    const authors = await this.db.rows<{ author: string }>(
      `SELECT u.author FROM doc_updates u WHERE ${others} GROUP BY u.author ORDER BY MIN(u.seq)`,
      params,
    );
    const elements =
      (
        await this.db.one<{ n: number }>(
          `SELECT COUNT(DISTINCT t.target_id) AS n FROM doc_change_targets t
           JOIN doc_updates u ON u.map_id = t.map_id AND u.seq = t.seq WHERE ${others}`,
          params,
        )
      )?.n ?? 0;
    const meta =
      (
        await this.db.one<{ n: number }>(
          `SELECT COUNT(*) AS n FROM doc_changes c JOIN doc_updates u ON u.map_id = c.map_id AND u.seq = c.seq
           WHERE ${others} AND c.patch LIKE '%"m":%'`,
          params,
        )
      )?.n ?? 0;
    return { changes: elements + (meta > 0 ? 1 : 0), authors: authors.map((row) => row.author) };
  }
}
