import type { DecisionStatus, ReviewView } from '../api/history.ts';
import { DEFAULT_LANGUAGE, isLanguage, type Language, type Translate } from '../i18n/languages.ts';
import {
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KIND_LABELS,
  ASSUMPTION_STATE_LABELS,
  CAPABILITY_SHORT_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPE_LABELS,
  FREQUENCY_LABELS,
  HEALTH_DIMENSION_LABELS,
  LESSON_LOOP_LABELS,
  LEVEL_LABELS,
  LINK_RELATION_LABELS,
  LINK_STATUS_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
  NODE_FIELD_LABELS,
  OUTCOME_TERM_LABELS,
  RAG_LABELS,
  SPHERE_LABELS,
  type ActorType,
  type AssumptionKind,
  type AssumptionState,
  type CapabilityTag,
  type EvidenceStrength,
  type EvidenceType,
  type Frequency,
  type HealthDimension,
  type LessonLoop,
  type Level,
  type LinkRelation,
  type LinkStatus,
  type LowMediumHigh,
  type NetworkRole,
  type NodeFieldKey,
  type OutcomeTerm,
  type RagStatus,
  type Sphere,
} from '../model/fields.ts';
import { MAP_KIND_LABELS, NODE_KIND_LABELS, type MapKind, type NodeKind } from '../model/kinds.ts';
import type { ReportAssumption, ReportDatedValue, ReportHealthRating, ReportTarget } from './report.ts';

/**
 * The words the documents put values in, so that Markdown, Word, PDF and the spreadsheets say
 * the same thing the same way, in the language the document was asked in: every writer takes a
 * `t` bound to that language (the server's translatorFor, the browser's i18next). Plain text
 * only: each writer escapes it for its format.
 */

/**
 * The modelling vocabulary, from the catalogue's `domain` namespace. Each word falls back to the
 * English label table, so a document never shows a bare key.
 */
export function domainWords(t: Translate) {
  return {
    kind: (kind: NodeKind) => t(`domain:kind.${kind}`, { defaultValue: NODE_KIND_LABELS[kind] }),
    mapKind: (kind: MapKind) => t(`domain:mapKind.${kind}`, { defaultValue: MAP_KIND_LABELS[kind] }),
    relation: (relation: LinkRelation) =>
      t(`domain:relation.${relation}`, { defaultValue: LINK_RELATION_LABELS[relation] }),
    rag: (status: RagStatus) => t(`domain:rag.${status}`, { defaultValue: RAG_LABELS[status] }),
    term: (term: OutcomeTerm) => t(`domain:term.${term}`, { defaultValue: OUTCOME_TERM_LABELS[term] }),
    level: (level: Level) => t(`domain:level.${level}`, { defaultValue: LEVEL_LABELS[level] }),
    sphere: (sphere: Sphere) => t(`domain:sphere.${sphere}`, { defaultValue: SPHERE_LABELS[sphere] }),
    capabilityShort: (tag: CapabilityTag) =>
      t(`domain:capabilityShort.${tag}`, { defaultValue: CAPABILITY_SHORT_LABELS[tag] }),
    assumptionKind: (kind: AssumptionKind) =>
      t(`domain:assumptionKind.${kind}`, { defaultValue: ASSUMPTION_KIND_LABELS[kind] }),
    assumptionState: (state: AssumptionState) =>
      t(`domain:assumptionState.${state}`, { defaultValue: ASSUMPTION_STATE_LABELS[state] }),
    lowMediumHigh: (value: LowMediumHigh) =>
      t(`domain:scale.${value}`, { defaultValue: LOW_MEDIUM_HIGH_LABELS[value] }),
    frequency: (value: Frequency) => t(`domain:frequency.${value}`, { defaultValue: FREQUENCY_LABELS[value] }),
    evidenceType: (value: EvidenceType) =>
      t(`domain:evidenceType.${value}`, { defaultValue: EVIDENCE_TYPE_LABELS[value] }),
    evidenceStrength: (value: EvidenceStrength) =>
      t(`domain:evidenceStrength.${value}`, { defaultValue: EVIDENCE_STRENGTH_LABELS[value] }),
    actorType: (value: ActorType) => t(`domain:actorType.${value}`, { defaultValue: ACTOR_TYPE_LABELS[value] }),
    networkRole: (value: NetworkRole) => t(`domain:networkRole.${value}`, { defaultValue: NETWORK_ROLE_LABELS[value] }),
    lessonLoop: (value: LessonLoop) => t(`domain:loop.${value}`, { defaultValue: LESSON_LOOP_LABELS[value] }),
    healthDimension: (value: HealthDimension) =>
      t(`domain:healthDimension.${value}`, { defaultValue: HEALTH_DIMENSION_LABELS[value] }),
    linkStatus: (value: LinkStatus) => t(`domain:linkStatus.${value}`, { defaultValue: LINK_STATUS_LABELS[value] }),
    field: (key: NodeFieldKey) => t(`domain:field.${key}`, { defaultValue: NODE_FIELD_LABELS[key] }),
  };
}
export type DomainWords = ReturnType<typeof domainWords>;

/** A decision's status in a document. */
export const decisionStatusWords = (t: Translate, status: DecisionStatus): string =>
  t(`exports:decisionStatus.${status}`);

/** The columns of the logframe table, in every document that has one. */
export const LOGFRAME_COLUMN_KEYS = [
  'ref',
  'level',
  'statement',
  'indicators',
  'baseline',
  'target',
  'meansOfVerification',
  'assumptions',
] as const;

export const logframeColumns = (t: Translate): string[] =>
  LOGFRAME_COLUMN_KEYS.map((key) => t(`exports:logframe.column.${key}`));

/** Shown for an empty value in tables. */
export const NO_VALUE = '–';

/** The language a `t` writes in (its catalogue's `exports:locale`), for Intl's formatters. */
export function localeOf(t: Translate): Language {
  const language = t('exports:locale');
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * When something happened, to the minute, in UTC. English keeps "2026-03-02 14:05 UTC" (it sorts
 * as it reads, and every English document so far says it that way); other languages have Intl's
 * words for the date in their language ("2 mars 2026, 14:05 UTC").
 */
export function documentTime(t: Translate, iso: string | null): string {
  if (iso === null) return NO_VALUE;
  const locale = localeOf(t);
  const date = new Date(iso);
  if (locale !== 'en' && !Number.isNaN(date.getTime())) {
    return new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'UTC',
      timeZoneName: 'short',
    }).format(date);
  }
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** The day of an ISO time or date: "2026-03-02" in English, Intl's short date elsewhere. */
export function documentDay(t: Translate, iso: string | null): string {
  if (iso === null) return NO_VALUE;
  const day = iso.slice(0, 10);
  const locale = localeOf(t);
  const date = new Date(`${day}T00:00:00Z`);
  if (locale === 'en' || Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** "35 %" or "12 practices by 2027-12-31"; '' when there is no value. */
export function datedValueWords(
  t: Translate,
  value: ReportDatedValue,
  unit: string | null,
  joiner: 'on' | 'by',
): string {
  const date = value.date ? documentDay(t, value.date) : null;
  if (value.value === null) return date ? t(`exports:datedValue.${joiner}`, { date }) : '';
  const amount = unit ? `${value.value} ${unit}` : value.value;
  return date ? t(`exports:datedValue.${joiner}Amount`, { amount, date }) : amount;
}

/** "At risk (2026-03-02)" or "Not reviewed". */
export function assumptionStateWords(t: Translate, assumption: Pick<ReportAssumption, 'state' | 'stateDate'>): string {
  if (assumption.state === null) return t('exports:assumption.notReviewed');
  const state = domainWords(t).assumptionState(assumption.state);
  return assumption.stateDate
    ? t('exports:assumption.stateOn', { state, date: documentDay(t, assumption.stateDate) })
    : state;
}

/** "Trust: Green (2025-09-01)". */
export const healthWords = (t: Translate, rating: ReportHealthRating): string =>
  t('exports:partner.health', {
    dimension: domainWords(t).healthDimension(rating.dimension),
    rating: domainWords(t).rag(rating.rating),
    date: documentDay(t, rating.date),
  });

/** "1.1 Outcome “Peers trust each other”" or "the link “A → B”". */
export function targetWords(t: Translate, target: ReportTarget): string {
  if (target.type === 'link') return t('exports:target.link', { title: target.title });
  if (target.ref) return `${target.ref} ${target.title}`;
  return t('exports:target.card', { kind: domainWords(t).kind(target.kind), title: target.title });
}

/** "leads to", or "" for a link that says nothing. */
export const relationWords = (t: Translate, relation: LinkRelation | null): string =>
  relation ? domainWords(t).relation(relation) : '';

/** "Closed · 2026-03-02 to 2026-03-09 · started by Ana". */
export function reviewSpanWords(
  t: Translate,
  review: Pick<ReviewView, 'status' | 'createdAt' | 'closedAt' | 'createdBy'>,
): string {
  const from = documentDay(t, review.createdAt);
  const span = review.closedAt
    ? t('exports:review.between', { from, to: documentDay(t, review.closedAt) })
    : t('exports:review.openSince', { from });
  const status = t(review.status === 'closed' ? 'exports:review.closed' : 'exports:review.open');
  return t('exports:review.span', { status, span, name: review.createdBy.name });
}
