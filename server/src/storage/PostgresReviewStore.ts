import {
  ASSUMPTION_STATES,
  DECISION_STATUSES,
  LESSON_LOOPS,
  type AssumptionState,
  type DecisionStatus,
  type LessonLoop,
} from '@loopmap/shared';
import type {
  DecisionRecord,
  FullReviewRecord,
  LessonRecord,
  RatingRecord,
  ReviewNotes,
  ReviewRecord,
  ReviewStore,
} from './ReviewStore.ts';
import type { PgConn, PgDb } from './postgresDb.ts';

interface ReviewRow {
  id: string;
  map_id: string;
  title: string;
  status: string;
  from_seq: number;
  from_snapshot_id: string | null;
  to_seq: number | null;
  to_snapshot_id: string | null;
  notes: string;
  created_by: string;
  created_at: number;
  closed_at: number | null;
}

const oneOf =
  <T extends string>(values: readonly T[], fallback: T) =>
  (value: string): T =>
    (values as readonly string[]).includes(value) ? (value as T) : fallback;
const decisionStatus = oneOf<DecisionStatus>(DECISION_STATUSES, 'open');
const lessonLoop = oneOf<LessonLoop>(LESSON_LOOPS, 'single');
const assumptionState = oneOf<AssumptionState>(ASSUMPTION_STATES, 'holds');

function parseNotes(text: string): ReviewNotes {
  try {
    const raw = JSON.parse(text) as Partial<ReviewNotes>;
    return { single: raw.single ?? '', double: raw.double ?? '', triple: raw.triple ?? '' };
  } catch {
    return { single: '', double: '', triple: '' };
  }
}

function parseList(text: string): string[] {
  try {
    const raw = JSON.parse(text) as unknown;
    return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Reviews in PostgreSQL; the same semantics as SqliteReviewStore (reads see live maps only). */
export class PostgresReviewStore implements ReviewStore {
  constructor(private readonly db: PgDb) {}

  async createReview(review: ReviewRecord): Promise<void> {
    await this.db.tx(async (c) => {
      await c.run(
        `INSERT INTO reviews (id, map_id, title, status, from_seq, from_snapshot_id, to_seq, to_snapshot_id, notes,
           created_by, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          review.id,
          review.mapId,
          review.title,
          review.status,
          review.fromSeq,
          review.fromSnapshotId,
          review.toSeq,
          review.toSnapshotId,
          JSON.stringify(review.notes),
          review.createdBy,
          review.createdAt,
          review.closedAt,
        ],
      );
      await c.run(
        'INSERT INTO review_participants (review_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [review.id, review.createdBy, review.createdAt],
      );
    });
  }

  private async full(c: PgConn, rows: ReviewRow[]): Promise<FullReviewRecord[]> {
    const records: FullReviewRecord[] = [];
    for (const row of rows) {
      const participants = await c.rows<{ user_id: string }>(
        'SELECT user_id FROM review_participants WHERE review_id = ? ORDER BY joined_at, user_id',
        [row.id],
      );
      const decisions = await c.rows<{
        id: string;
        text: string;
        owner_id: string | null;
        owner_name: string;
        due: string | null;
        status: string;
        cards: string;
        created_by: string;
        created_at: number;
      }>('SELECT * FROM review_decisions WHERE review_id = ? ORDER BY created_at, ord', [row.id]);
      const lessons = await c.rows<{
        id: string;
        loop: string;
        text: string;
        card_id: string;
        created_by: string;
        created_at: number;
      }>('SELECT * FROM review_lessons WHERE review_id = ? ORDER BY created_at, ord', [row.id]);
      const ratings = await c.rows<{
        id: string;
        assumption_id: string;
        assumption_label: string;
        status: string;
        note: string;
        created_by: string;
        created_at: number;
      }>('SELECT * FROM review_ratings WHERE review_id = ? ORDER BY created_at, ord', [row.id]);
      records.push({
        id: row.id,
        mapId: row.map_id,
        title: row.title,
        status: row.status === 'closed' ? 'closed' : 'open',
        fromSeq: row.from_seq,
        fromSnapshotId: row.from_snapshot_id,
        toSeq: row.to_seq,
        toSnapshotId: row.to_snapshot_id,
        notes: parseNotes(row.notes),
        createdBy: row.created_by,
        createdAt: row.created_at,
        closedAt: row.closed_at,
        participants: participants.map((r) => r.user_id),
        decisions: decisions.map((d): DecisionRecord => ({
          id: d.id,
          reviewId: row.id,
          text: d.text,
          ownerId: d.owner_id,
          ownerName: d.owner_name,
          due: d.due,
          status: decisionStatus(d.status),
          cards: parseList(d.cards),
          createdBy: d.created_by,
          createdAt: d.created_at,
        })),
        lessons: lessons.map((l): LessonRecord => ({
          id: l.id,
          reviewId: row.id,
          loop: lessonLoop(l.loop),
          text: l.text,
          cardId: l.card_id,
          createdBy: l.created_by,
          createdAt: l.created_at,
        })),
        ratings: ratings.map((r): RatingRecord => ({
          id: r.id,
          reviewId: row.id,
          assumptionId: r.assumption_id,
          assumptionLabel: r.assumption_label,
          status: assumptionState(r.status),
          note: r.note,
          createdBy: r.created_by,
          createdAt: r.created_at,
        })),
      });
    }
    return records;
  }

  async listReviews(mapId: string): Promise<FullReviewRecord[]> {
    return this.db.snapshot(async (c) =>
      this.full(
        c,
        await c.rows<ReviewRow>(
          `SELECT r.* FROM reviews r JOIN maps m ON m.id = r.map_id AND m.deleted_at IS NULL
           WHERE r.map_id = ? ORDER BY r.created_at DESC, r.ord DESC`,
          [mapId],
        ),
      ),
    );
  }

  async getReview(mapId: string, id: string): Promise<FullReviewRecord | null> {
    return this.db.snapshot(async (c) => {
      const rows = await c.rows<ReviewRow>(
        `SELECT r.* FROM reviews r JOIN maps m ON m.id = r.map_id AND m.deleted_at IS NULL
         WHERE r.map_id = ? AND r.id = ?`,
        [mapId, id],
      );
      return (await this.full(c, rows))[0] ?? null;
    });
  }

  async updateReview(
    mapId: string,
    id: string,
    patch: Partial<Pick<ReviewRecord, 'title' | 'notes' | 'status' | 'toSeq' | 'toSnapshotId' | 'closedAt'>>,
  ): Promise<void> {
    const columns: [string, unknown][] = [];
    if (patch.title !== undefined) columns.push(['title', patch.title]);
    if (patch.notes !== undefined) columns.push(['notes', JSON.stringify(patch.notes)]);
    if (patch.status !== undefined) columns.push(['status', patch.status]);
    if (patch.toSeq !== undefined) columns.push(['to_seq', patch.toSeq]);
    if (patch.toSnapshotId !== undefined) columns.push(['to_snapshot_id', patch.toSnapshotId]);
    if (patch.closedAt !== undefined) columns.push(['closed_at', patch.closedAt]);
    if (columns.length === 0) return;
    await this.db.run(`UPDATE reviews SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE map_id = ? AND id = ?`, [
      ...columns.map(([, v]) => v),
      mapId,
      id,
    ]);
  }

  async addParticipant(reviewId: string, userId: string, at: number): Promise<void> {
    await this.db.run(
      'INSERT INTO review_participants (review_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [reviewId, userId, at],
    );
  }

  async insertDecision(d: DecisionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO review_decisions (id, review_id, text, owner_id, owner_name, due, status, cards, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        d.id,
        d.reviewId,
        d.text,
        d.ownerId,
        d.ownerName,
        d.due,
        d.status,
        JSON.stringify(d.cards),
        d.createdBy,
        d.createdAt,
      ],
    );
  }

  async updateDecision(
    reviewId: string,
    id: string,
    patch: Partial<Pick<DecisionRecord, 'text' | 'ownerId' | 'ownerName' | 'due' | 'status' | 'cards'>>,
  ): Promise<boolean> {
    const columns: [string, unknown][] = [];
    if (patch.text !== undefined) columns.push(['text', patch.text]);
    if (patch.ownerId !== undefined) columns.push(['owner_id', patch.ownerId]);
    if (patch.ownerName !== undefined) columns.push(['owner_name', patch.ownerName]);
    if (patch.due !== undefined) columns.push(['due', patch.due]);
    if (patch.status !== undefined) columns.push(['status', patch.status]);
    if (patch.cards !== undefined) columns.push(['cards', JSON.stringify(patch.cards)]);
    const exists = await this.db.one('SELECT 1 FROM review_decisions WHERE review_id = ? AND id = ?', [reviewId, id]);
    if (!exists) return false;
    if (columns.length > 0) {
      await this.db.run(
        `UPDATE review_decisions SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE review_id = ? AND id = ?`,
        [...columns.map(([, v]) => v), reviewId, id],
      );
    }
    return true;
  }

  async deleteDecision(reviewId: string, id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM review_decisions WHERE review_id = ? AND id = ?', [reviewId, id])) > 0;
  }

  async insertLesson(l: LessonRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO review_lessons (id, review_id, loop, text, card_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [l.id, l.reviewId, l.loop, l.text, l.cardId, l.createdBy, l.createdAt],
    );
  }

  async insertRating(r: RatingRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO review_ratings (id, review_id, assumption_id, assumption_label, status, note, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.id, r.reviewId, r.assumptionId, r.assumptionLabel, r.status, r.note, r.createdBy, r.createdAt],
    );
  }

  async organisations(mapId: string): Promise<Map<string, string>> {
    const rows = await this.db.rows<{ user_id: string; organisation: string }>(
      "SELECT user_id, organisation FROM map_members WHERE map_id = ? AND organisation IS NOT NULL AND organisation <> ''",
      [mapId],
    );
    return new Map(rows.map((row) => [row.user_id, row.organisation]));
  }

  async setOrganisation(mapId: string, userId: string, organisation: string | null): Promise<boolean> {
    return (
      (await this.db.run('UPDATE map_members SET organisation = ? WHERE map_id = ? AND user_id = ?', [
        organisation,
        mapId,
        userId,
      ])) > 0
    );
  }
}
