import { isValidId } from './ids.ts';
import type { NodeKind } from './kinds.ts';
import {
  ASSUMPTION_STATES,
  HEALTH_DIMENSIONS,
  MAX_NOTE_LENGTH,
  RAG_STATUSES,
  oneOf,
  parseDate,
  shortText,
  type AssumptionState,
  type HealthDimension,
  type RagStatus,
} from './fields.ts';

/**
 * Dated histories a card keeps: an assumption's reviews, an indicator's readings, a partner's
 * health ratings. Entries are appended, never edited in place, so the history says what was
 * believed when; a mistaken entry is removed whole. `by` is the name the writer gave (a claim
 * of the client's: the server's update log holds the authenticated author of every change).
 */
export interface EntryBase {
  id: string;
  /** The day the entry is about, YYYY-MM-DD. */
  date: string;
  note: string;
  by: string;
}

export interface AssumptionReview extends EntryBase {
  status: AssumptionState;
}

export interface IndicatorReading extends EntryBase {
  value: string;
}

export interface HealthRating extends EntryBase {
  dimension: HealthDimension;
  rating: RagStatus;
}

export interface EntryTypes {
  reviews: AssumptionReview;
  readings: IndicatorReading;
  health: HealthRating;
}
export type EntryListKey = keyof EntryTypes;
export const ENTRY_LIST_KEYS: readonly EntryListKey[] = ['reviews', 'readings', 'health'];

/** The history each kind keeps: an assumption is reviewed, an indicator read, a partner rated. */
export const HISTORY_OF_KIND: Partial<Record<NodeKind, EntryListKey>> = {
  assumption: 'reviews',
  indicator: 'readings',
  actor: 'health',
};

const note = shortText(MAX_NOTE_LENGTH);
const name = shortText(120);
const value = shortText(60);
const assumptionState = oneOf(ASSUMPTION_STATES);
const dimension = oneOf(HEALTH_DIMENSIONS);
const rag = oneOf(RAG_STATUSES);

function parseBase(input: unknown): (EntryBase & { raw: Record<string, unknown> }) | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const raw = input as Record<string, unknown>;
  const id = raw.id;
  const date = parseDate(raw.date);
  if (!isValidId(id) || date === null) return null;
  return { id, date, note: note.parse(raw.note) ?? '', by: name.parse(raw.by) ?? '', raw };
}

/** Parsers for each list: an entry a reader cannot make sense of is skipped, never guessed. */
export const ENTRY_PARSERS: { [K in EntryListKey]: (input: unknown) => EntryTypes[K] | null } = {
  reviews: (input) => {
    const base = parseBase(input);
    const status = base && assumptionState.parse(base.raw.status);
    if (!base || !status) return null;
    return { id: base.id, date: base.date, note: base.note, by: base.by, status };
  },
  readings: (input) => {
    const base = parseBase(input);
    const reading = base && value.parse(base.raw.value);
    if (!base || reading === null || reading === '') return null;
    return { id: base.id, date: base.date, note: base.note, by: base.by, value: reading };
  },
  health: (input) => {
    const base = parseBase(input);
    const dim = base && dimension.parse(base.raw.dimension);
    const rating = base && rag.parse(base.raw.rating);
    if (!base || !dim || !rating) return null;
    return { id: base.id, date: base.date, note: base.note, by: base.by, dimension: dim, rating };
  },
};

/**
 * Oldest first by date. Entries of the same day keep their order in the list (a merged list of
 * concurrent appends has one order on every replica), so "the latest" is the same everywhere.
 */
export function byDate<T extends EntryBase>(entries: readonly T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : a.index - b.index))
    .map(({ entry }) => entry);
}

/** The assumption's current state: its latest review, or null when it was never reviewed. */
export function currentAssumptionState(reviews: readonly AssumptionReview[]): AssumptionReview | null {
  return reviews.length > 0 ? reviews[reviews.length - 1]! : null;
}

/** The latest rating per dimension (entries oldest first, as readers give them). */
export function latestHealth(ratings: readonly HealthRating[]): Partial<Record<HealthDimension, HealthRating>> {
  const out: Partial<Record<HealthDimension, HealthRating>> = {};
  for (const rating of ratings) out[rating.dimension] = rating;
  return out;
}
