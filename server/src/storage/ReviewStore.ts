import type { AssumptionState, DecisionStatus, LessonLoop, ReviewStatus } from '@loopmap/shared';

/** Course-correction reviews, stored beside a map (never in its document). */

export interface ReviewNotes {
  single: string;
  double: string;
  triple: string;
}

export interface ReviewRecord {
  id: string;
  mapId: string;
  title: string;
  status: ReviewStatus;
  fromSeq: number;
  fromSnapshotId: string | null;
  toSeq: number | null;
  toSnapshotId: string | null;
  notes: ReviewNotes;
  createdBy: string;
  createdAt: number;
  closedAt: number | null;
}

export interface DecisionRecord {
  id: string;
  reviewId: string;
  text: string;
  ownerId: string | null;
  ownerName: string;
  due: string | null;
  status: DecisionStatus;
  cards: string[];
  createdBy: string;
  createdAt: number;
}

export interface LessonRecord {
  id: string;
  reviewId: string;
  loop: LessonLoop;
  text: string;
  cardId: string;
  createdBy: string;
  createdAt: number;
}

export interface RatingRecord {
  id: string;
  reviewId: string;
  assumptionId: string;
  assumptionLabel: string;
  status: AssumptionState;
  note: string;
  createdBy: string;
  createdAt: number;
}

/** A review with everything recorded in it. */
export interface FullReviewRecord extends ReviewRecord {
  /** User ids, in the order they took part. */
  participants: string[];
  decisions: DecisionRecord[];
  lessons: LessonRecord[];
  ratings: RatingRecord[];
}

export interface ReviewStore {
  createReview(review: ReviewRecord): Promise<void>;
  /** A map's reviews, newest first. */
  listReviews(mapId: string): Promise<FullReviewRecord[]>;
  getReview(mapId: string, id: string): Promise<FullReviewRecord | null>;
  updateReview(
    mapId: string,
    id: string,
    patch: Partial<Pick<ReviewRecord, 'title' | 'notes' | 'status' | 'toSeq' | 'toSnapshotId' | 'closedAt'>>,
  ): Promise<void>;
  /** Records that someone took part (idempotent). */
  addParticipant(reviewId: string, userId: string, at: number): Promise<void>;
  insertDecision(decision: DecisionRecord): Promise<void>;
  updateDecision(
    reviewId: string,
    id: string,
    patch: Partial<Pick<DecisionRecord, 'text' | 'ownerId' | 'ownerName' | 'due' | 'status' | 'cards'>>,
  ): Promise<boolean>;
  deleteDecision(reviewId: string, id: string): Promise<boolean>;
  insertLesson(lesson: LessonRecord): Promise<void>;
  insertRating(rating: RatingRecord): Promise<void>;
  /** Members' home organisations on a map (only those who stated one). */
  organisations(mapId: string): Promise<Map<string, string>>;
  setOrganisation(mapId: string, userId: string, organisation: string | null): Promise<boolean>;
}
