import {
  HISTORY_API,
  type DecisionStatus,
  type DecisionView,
  type DigestResponse,
  type HealthTrendResponse,
  type LessonLoop,
  type LessonView,
  type RatingView,
  type AssumptionState,
  type ReviewStatus,
  type ReviewView,
} from '@loopmap/shared';
import { request } from './request.ts';

/**
 * Course-correction reviews over REST (see shared/src/api/history.ts for the routes and body
 * schemas): the reviews, their decisions, lessons and assumption re-ratings, the shared-forward
 * digest, the partnership health trend, and the caller's home organisation on the map.
 */

export async function listReviews(mapId: string): Promise<ReviewView[]> {
  const { reviews } = await request<{ reviews: ReviewView[] }>('GET', HISTORY_API.reviews(mapId));
  return reviews;
}

export async function getReview(mapId: string, reviewId: string): Promise<ReviewView> {
  const { review } = await request<{ review: ReviewView }>('GET', HISTORY_API.review(mapId, reviewId));
  return review;
}

/** `from` is a point (usually a snapshot id); the server defaults it to the last review's close. */
export async function startReview(mapId: string, body: { title: string; from?: string }): Promise<ReviewView> {
  const { review } = await request<{ review: ReviewView }>('POST', HISTORY_API.reviews(mapId), body);
  return review;
}

export interface ReviewChange {
  title?: string;
  notes?: Partial<ReviewView['notes']>;
  /** 'closed' takes a snapshot of the map as it stands: the review's "to" point. */
  status?: ReviewStatus;
}

export async function updateReview(mapId: string, reviewId: string, body: ReviewChange): Promise<ReviewView> {
  const { review } = await request<{ review: ReviewView }>('PATCH', HISTORY_API.review(mapId, reviewId), body);
  return review;
}

export interface DecisionInput {
  text: string;
  /** A member's user id, or a free-text name. */
  owner?: string;
  /** YYYY-MM-DD. */
  due?: string;
  status?: DecisionStatus;
  cards?: string[];
}

export async function addDecision(mapId: string, reviewId: string, body: DecisionInput): Promise<DecisionView> {
  const { decision } = await request<{ decision: DecisionView }>('POST', HISTORY_API.decisions(mapId, reviewId), body);
  return decision;
}

export type DecisionChange = Partial<Omit<DecisionInput, 'due'>> & { due?: string | null };

export async function updateDecision(
  mapId: string,
  reviewId: string,
  decisionId: string,
  body: DecisionChange,
): Promise<DecisionView> {
  const { decision } = await request<{ decision: DecisionView }>(
    'PATCH',
    HISTORY_API.decision(mapId, reviewId, decisionId),
    body,
  );
  return decision;
}

export function deleteDecision(mapId: string, reviewId: string, decisionId: string): Promise<void> {
  return request('DELETE', HISTORY_API.decision(mapId, reviewId, decisionId));
}

/** Writes a lesson card on the map too (near `card` when given); `cardId` names it. */
export async function addLesson(
  mapId: string,
  reviewId: string,
  body: { loop: LessonLoop; text: string; card?: string },
): Promise<LessonView> {
  const { lesson } = await request<{ lesson: LessonView }>('POST', HISTORY_API.lessons(mapId, reviewId), body);
  return lesson;
}

export async function addRating(
  mapId: string,
  reviewId: string,
  body: { assumption: string; status: AssumptionState; note?: string },
): Promise<RatingView> {
  const { rating } = await request<{ rating: RatingView }>('POST', HISTORY_API.ratings(mapId, reviewId), body);
  return rating;
}

export function getDigest(mapId: string, reviewIds: readonly string[]): Promise<DigestResponse> {
  return request('GET', HISTORY_API.digest(mapId, reviewIds));
}

export function getHealthTrend(mapId: string): Promise<HealthTrendResponse> {
  return request('GET', HISTORY_API.healthTrend(mapId));
}

/** The caller's home organisation on this map ('' clears it). */
export function setMyOrganisation(mapId: string, organisation: string): Promise<{ organisation: string | null }> {
  return request('PATCH', HISTORY_API.myMembership(mapId), { organisation });
}
