import { z } from 'zod';
import { LESSON_LOOPS, ASSUMPTION_STATES, MAX_NOTE_LENGTH, parseDate } from '../model/fields.ts';
import { isValidId } from '../model/ids.ts';
import {
  MAX_SNAPSHOT_NAME,
  MAX_SNAPSHOT_NOTE,
  REVIEW_STATUSES,
  DECISION_STATUSES,
  MAX_REVIEW_TEXT,
  MAX_ORGANISATION_LENGTH,
} from './history.ts';

/** A point of a map's history: `now`, a seq, an ISO date or time, or a snapshot id. */
export const pointSchema = z
  .string()
  .trim()
  .min(1, 'give a point: now, a seq, a time or a snapshot id')
  .max(64, 'a point is at most 64 characters');

const name = z.string().trim().max(MAX_SNAPSHOT_NAME, `names are at most ${MAX_SNAPSHOT_NAME} characters`);
const note = z.string().max(MAX_SNAPSHOT_NOTE, `notes are at most ${MAX_SNAPSHOT_NOTE} characters`);

export const createSnapshotBodySchema = z.object({
  name: name.min(1, 'give the snapshot a name'),
  note: note.default(''),
  /** An earlier point to snapshot (from replay: "restore this point"); default now. */
  at: pointSchema.optional(),
});
export const updateSnapshotBodySchema = z
  .object({ name: name.min(1, 'a name cannot be empty').optional(), note: note.optional() })
  .refine((b) => b.name !== undefined || b.note !== undefined, 'give a name or a note to change');
export const restoreBodySchema = z.object({ mode: z.enum(['in-place', 'copy']).default('in-place') });
/** Selective restore: undo the changes of one person, of a time range, or of one person in a range. */
export const revertBodySchema = z
  .object({ author: z.string().min(1).max(64).optional(), from: pointSchema.optional(), to: pointSchema.optional() })
  .refine((b) => b.author !== undefined || b.from !== undefined, 'give an author, a range (from, to), or both');

export type CreateSnapshotBody = z.input<typeof createSnapshotBodySchema>;
export type UpdateSnapshotBody = z.infer<typeof updateSnapshotBodySchema>;
export type RestoreBody = z.input<typeof restoreBodySchema>;
export type RevertBody = z.input<typeof revertBodySchema>;

const reviewText = z.string().max(MAX_REVIEW_TEXT, `at most ${MAX_REVIEW_TEXT} characters`);
const shortLine = z.string().trim().min(1, 'write something first').max(2000, 'at most 2000 characters');
const cardIds = z.array(z.string().refine(isValidId, 'ids are 1-64 URL-safe characters')).max(100).default([]);
const dueDate = z.string().refine((v) => parseDate(v) !== null, 'dates are real days written YYYY-MM-DD');

export const createReviewBodySchema = z.object({
  title: z.string().trim().min(1, 'give the review a title').max(MAX_SNAPSHOT_NAME),
  /** Usually the last review's snapshot; defaults to it, or to the map's first version. */
  from: pointSchema.optional(),
});
export const updateReviewBodySchema = z
  .object({
    title: z.string().trim().min(1).max(MAX_SNAPSHOT_NAME).optional(),
    notes: z.object({ single: reviewText, double: reviewText, triple: reviewText }).partial().optional(),
    /** Closing a review takes a snapshot of the map as it stands: the review's "to" point. */
    status: z.enum(REVIEW_STATUSES).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');
export const createDecisionBodySchema = z.object({
  text: shortLine,
  /** A member's user id, or a free-text name. */
  owner: z.string().trim().max(120).default(''),
  due: dueDate.optional(),
  status: z.enum(DECISION_STATUSES).default('open'),
  cards: cardIds,
});
export const updateDecisionBodySchema = z.object({
  text: shortLine.optional(),
  owner: z.string().trim().max(120).optional(),
  due: dueDate.nullable().optional(),
  status: z.enum(DECISION_STATUSES).optional(),
  cards: cardIds.optional(),
});
export const createLessonBodySchema = z.object({
  loop: z.enum(LESSON_LOOPS),
  text: shortLine,
  /** The card the lesson is about; the new lesson card is linked near it. */
  card: z.string().refine(isValidId).optional(),
});
export const createRatingBodySchema = z.object({
  assumption: z.string().refine(isValidId, 'ids are 1-64 URL-safe characters'),
  status: z.enum(ASSUMPTION_STATES),
  note: z.string().max(MAX_NOTE_LENGTH).default(''),
});
export const updateMyMembershipBodySchema = z.object({
  organisation: z.string().trim().max(MAX_ORGANISATION_LENGTH, `at most ${MAX_ORGANISATION_LENGTH} characters`),
});
