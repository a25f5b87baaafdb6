import type { MapJSON } from '../model/mapJson.ts';
import type { ChangeSummary, MapDiff } from '../history/types.ts';
import { LESSON_LOOPS, ASSUMPTION_STATES, type AssumptionState, type LessonLoop } from '../model/fields.ts';
import { isValidId } from '../model/ids.ts';
export type { CreateSnapshotBody, UpdateSnapshotBody, RestoreBody, RevertBody } from './historySchemas.ts';

/**
 * A map's memory over REST: snapshots, state at any point of the update log, the attributed
 * history, diffs, restore, live sessions, catch-up and course-correction reviews.
 *
 * A "point" of a map's history is written as: `now`; a log position (`1234`, the seq of the last
 * update included); a time (`2026-03-12T10:00:00Z` or `2026-03-12`: the last update at or before
 * it); or a snapshot id (`snap_…`).
 */
const m = (id: string): string => `/api/maps/${encodeURIComponent(id)}`;
const q = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as [string, string | number][];
  return entries.length === 0 ? '' : `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}`;
};

export const HISTORY_API = {
  /** GET: list (newest first); POST: take one by hand. */
  snapshots: (mapId: string) => `${m(mapId)}/snapshots`,
  /** GET `{ snapshot, map }`; PATCH `{ name?, note? }`; DELETE (owner). */
  snapshot: (mapId: string, sid: string) => `${m(mapId)}/snapshots/${encodeURIComponent(sid)}`,
  /** POST `{ mode: 'in-place' | 'copy' }`. */
  restore: (mapId: string, sid: string) => `${m(mapId)}/snapshots/${encodeURIComponent(sid)}/restore`,
  /** POST: selective restore: undo one person's changes, or those of a time range. */
  revert: (mapId: string) => `${m(mapId)}/revert`,
  /** GET: `{ point, map }`, the MapJSON at that point. */
  state: (mapId: string, at: string | number) => `${m(mapId)}/state${q({ at })}`,
  /** GET: attributed entries, newest first. */
  history: (mapId: string, opts: { before?: number; limit?: number; node?: string } = {}) =>
    `${m(mapId)}/history${q(opts)}`,
  /** GET: `{ from, to, diff }`. */
  diff: (mapId: string, from: string | number, to: string | number = 'now') => `${m(mapId)}/diff${q({ from, to })}`,
  /** GET: the raw log for replay in the browser, oldest first (base64 Yjs updates). */
  updates: (mapId: string, opts: { after?: number; limit?: number } = {}) => `${m(mapId)}/updates${q(opts)}`,
  /** GET: everything a timeline needs: entry times and authors, snapshots, sessions, reviews. */
  timeline: (mapId: string) => `${m(mapId)}/timeline`,
  /** GET: recorded live sessions, newest first. */
  sessions: (mapId: string) => `${m(mapId)}/sessions`,
  /** GET: what changed since the caller last had the map open. */
  catchUp: (mapId: string) => `${m(mapId)}/catch-up`,
  /** GET list, POST start. */
  reviews: (mapId: string) => `${m(mapId)}/reviews`,
  review: (mapId: string, rid: string) => `${m(mapId)}/reviews/${encodeURIComponent(rid)}`,
  decisions: (mapId: string, rid: string) => `${m(mapId)}/reviews/${encodeURIComponent(rid)}/decisions`,
  decision: (mapId: string, rid: string, did: string) =>
    `${m(mapId)}/reviews/${encodeURIComponent(rid)}/decisions/${encodeURIComponent(did)}`,
  lessons: (mapId: string, rid: string) => `${m(mapId)}/reviews/${encodeURIComponent(rid)}/lessons`,
  ratings: (mapId: string, rid: string) => `${m(mapId)}/reviews/${encodeURIComponent(rid)}/ratings`,
  /** GET `?reviews=a,b`: the shared-forward digest per home organisation. */
  digest: (mapId: string, reviewIds: readonly string[]) => `${m(mapId)}/digest${q({ reviews: reviewIds.join(',') })}`,
  /** GET: each partner's health per dimension across snapshots and reviews. */
  healthTrend: (mapId: string) => `${m(mapId)}/health-trend`,
  /** PATCH `{ organisation }`: the caller's home organisation on this map. */
  myMembership: (mapId: string) => `${m(mapId)}/members/me`,
} as const;

/** Why an automatic snapshot was taken; null for one taken by hand. */
export const SNAPSHOT_REASONS = ['session', 'restore', 'daily', 'review'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

export const MAX_SNAPSHOT_NAME = 120;
export const MAX_SNAPSHOT_NOTE = 2000;
/** Automatic snapshots nobody named are deleted this long after they were taken. */
export const AUTO_SNAPSHOT_TTL_DAYS = 90;

export type ParsedPoint =
  { kind: 'now' } | { kind: 'seq'; seq: number } | { kind: 'time'; at: number } | { kind: 'snapshot'; id: string };

/** Reads a point as written in a query string; null when it is none of the four forms. */
export function parsePoint(raw: string): ParsedPoint | null {
  const value = raw.trim();
  if (value === 'now') return { kind: 'now' };
  if (/^\d{1,15}$/.test(value)) return { kind: 'seq', seq: Number(value) };
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const at = Date.parse(value.length === 10 ? `${value}T23:59:59.999Z` : value);
    return Number.isFinite(at) ? { kind: 'time', at } : null;
  }
  if (isValidId(value)) return { kind: 'snapshot', id: value };
  return null;
}

export interface PersonView {
  id: string;
  /** Their name now, or "Deleted user"; 'system' changes read "Loopmap". */
  name: string;
}

/** A resolved point of the log. */
export interface PointView {
  /** The last update included (0: before the first). */
  seq: number;
  /** When that update was logged (ISO), or null for seq 0. */
  at: string | null;
  /** The snapshot it came from, when given as one. */
  snapshotId?: string;
}

export interface SnapshotView {
  id: string;
  name: string;
  note: string;
  /** Null: taken by hand. */
  reason: SnapshotReason | null;
  /** The log position it stands for and when that position was reached. */
  seq: number;
  takenAt: string;
  createdBy: PersonView | null;
  createdAt: string;
  /** When an unnamed automatic snapshot will be deleted; null when it is kept for good. */
  expiresAt: string | null;
}

export interface HistoryEntryView {
  seq: number;
  at: string;
  author: PersonView;
  /** Null for an update the summariser could not read (kept, never guessed). */
  summary: ChangeSummary | null;
  /** Cards and links it touched. */
  ids: string[];
}

export interface HistoryPage {
  entries: HistoryEntryView[];
  /** Pass as `before` for the next (older) page; null at the start of the history. */
  nextBefore: number | null;
}

export interface StateResponse {
  point: PointView;
  map: MapJSON;
}

export interface DiffResponse {
  from: PointView;
  to: PointView;
  diff: MapDiff;
}

export interface UpdatesPage {
  /** Oldest first; `data` is a base64 Yjs update. */
  updates: { seq: number; at: string; author: string; data: string }[];
  lastSeq: number;
}

export interface LiveSessionView {
  id: string;
  startedAt: string;
  /** Null while it goes on. */
  endedAt: string | null;
  participants: PersonView[];
  changes: number;
  fromSeq: number;
  toSeq: number;
  /** The automatic snapshot taken when it ended. */
  snapshotId: string | null;
  /** One paragraph of what changed, written when it ended. */
  summary: string | null;
}

export interface TimelineResponse {
  lastSeq: number;
  /** Every entry, oldest first, as [seq, epoch ms, author index]. */
  entries: [number, number, number][];
  authors: PersonView[];
  snapshots: SnapshotView[];
  sessions: LiveSessionView[];
  reviews: { id: string; title: string; fromSeq: number; toSeq: number | null; createdAt: string }[];
}

export interface CatchUpResponse {
  /** When the caller last had the map open; null on a first visit (nothing to catch up on). */
  since: string | null;
  sinceSeq: number;
  lastSeq: number;
  /** Cards and links others changed since then (the map's settings count as one), and who they are. */
  changes: number;
  authors: PersonView[];
}

// ── Course-correction reviews ────────────────────────────────────────────────────────────────

export const REVIEW_STATUSES = ['open', 'closed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const DECISION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const MAX_REVIEW_TEXT = 10_000;
export const MAX_ORGANISATION_LENGTH = 120;

export interface DecisionView {
  id: string;
  text: string;
  /** A member (id and name) or a free-text owner. */
  owner: { id: string | null; name: string } | null;
  due: string | null;
  status: DecisionStatus;
  cards: string[];
  createdAt: string;
  createdBy: PersonView;
}
export interface LessonView {
  id: string;
  loop: LessonLoop;
  text: string;
  /** The lesson card written on the map. */
  cardId: string;
  createdAt: string;
  createdBy: PersonView;
}
export interface RatingView {
  id: string;
  assumptionId: string;
  assumptionLabel: string;
  status: AssumptionState;
  note: string;
  createdAt: string;
  createdBy: PersonView;
}
export interface ReviewView {
  id: string;
  title: string;
  status: ReviewStatus;
  from: PointView;
  /** Null while open (compared with now); the closing snapshot afterwards. */
  to: PointView | null;
  notes: { single: string; double: string; triple: string };
  participants: (PersonView & { organisation: string | null })[];
  decisions: DecisionView[];
  lessons: LessonView[];
  ratings: RatingView[];
  createdAt: string;
  createdBy: PersonView;
  closedAt: string | null;
}
export interface DigestResponse {
  reviews: { id: string; title: string; createdAt: string }[];
  organisations: {
    /** Null: people who did not state an organisation. */
    organisation: string | null;
    people: PersonView[];
    decisions: (DecisionView & { reviewId: string })[];
    lessons: (LessonView & { reviewId: string })[];
  }[];
}
export interface HealthTrendResponse {
  /** The points sampled, oldest first: snapshots and reviews, then now. */
  points: { label: string; seq: number; at: string }[];
  partners: {
    id: string;
    label: string;
    /** Per point, per dimension, the latest rating at that point (null: not rated yet). */
    series: Record<string, (string | null)[]>;
  }[];
}

export const HISTORY_LIMITS = {
  /** History page size by default and at most. */
  defaultPage: 50,
  maxPage: 500,
  /** Raw updates per page for replay. */
  maxUpdatesPage: 5000,
} as const;

export type { ChangeSummary, MapDiff };
export { LESSON_LOOPS, ASSUMPTION_STATES };
