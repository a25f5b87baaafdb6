import type { DecisionStatus, ReviewView } from '../api/history.ts';
import {
  ASSUMPTION_STATE_LABELS,
  HEALTH_DIMENSION_LABELS,
  LINK_RELATION_LABELS,
  RAG_LABELS,
  type LinkRelation,
} from '../model/fields.ts';
import { NODE_KIND_LABELS } from '../model/kinds.ts';
import type { ReportAssumption, ReportDatedValue, ReportHealthRating, ReportTarget } from './report.ts';

/**
 * The words the Markdown and Word documents put values in, so both say the same thing the same
 * way. Plain text only: each writer escapes it for its format.
 */

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/** Shown for an empty value in tables. */
export const NO_VALUE = '–';

/** "2026-03-02 14:05 UTC" from an ISO time: unambiguous in every country, sorts as it reads. */
export function documentTime(iso: string | null): string {
  if (iso === null) return NO_VALUE;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** "2026-03-02" from an ISO time. */
export const documentDay = (iso: string | null): string => (iso === null ? NO_VALUE : iso.slice(0, 10));

/** "35 %" or "12 practices by 2027-12-31"; '' when there is no value. */
export function datedValueWords(value: ReportDatedValue, unit: string | null, joiner: 'on' | 'by'): string {
  if (value.value === null) return value.date ? `${joiner} ${value.date}` : '';
  const amount = unit ? `${value.value} ${unit}` : value.value;
  return value.date ? `${amount} ${joiner} ${value.date}` : amount;
}

/** "At risk (2026-03-02)" or "Not reviewed". */
export function assumptionStateWords(assumption: Pick<ReportAssumption, 'state' | 'stateDate'>): string {
  if (assumption.state === null) return 'Not reviewed';
  return `${ASSUMPTION_STATE_LABELS[assumption.state]}${assumption.stateDate ? ` (${assumption.stateDate})` : ''}`;
}

/** "Trust: Green (2025-09-01)". */
export const healthWords = (rating: ReportHealthRating): string =>
  `${HEALTH_DIMENSION_LABELS[rating.dimension]}: ${RAG_LABELS[rating.rating]} (${rating.date})`;

/** "1.1 Outcome “Peers trust each other”" or "the link “A → B”". */
export function targetWords(target: ReportTarget): string {
  if (target.type === 'link') return `link ${target.title}`;
  const kind = NODE_KIND_LABELS[target.kind];
  return target.ref ? `${target.ref} ${target.title}` : `${kind}: ${target.title}`;
}

/** "leads to", or "" for a link that says nothing. */
export const relationWords = (relation: LinkRelation | null): string =>
  relation ? LINK_RELATION_LABELS[relation] : '';

/** "Closed · 2026-03-02 to 2026-03-09 · started by Ana". */
export function reviewSpanWords(review: Pick<ReviewView, 'status' | 'createdAt' | 'closedAt' | 'createdBy'>): string {
  const span = review.closedAt
    ? `${documentDay(review.createdAt)} to ${documentDay(review.closedAt)}`
    : `open since ${documentDay(review.createdAt)}`;
  return `${review.status === 'closed' ? 'Closed' : 'Open'} · ${span} · started by ${review.createdBy.name}`;
}
