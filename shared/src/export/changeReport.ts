import { CHOICE_LABELS as FIELD_CHOICE_LABELS, choiceWords } from './elementTables.ts';
import type { AssumptionReview, HealthRating, IndicatorReading } from '../model/entries.ts';
import {
  LINK_RELATION_LABELS,
  LINK_STATUS_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  type CapabilityTag,
  type LinkRelation,
  type LinkStatus,
  type LowMediumHigh,
  type NodeFieldKey,
} from '../model/fields.ts';
import { MAP_KIND_LABELS, NODE_KINDS, NODE_KIND_LABELS, type MapKind, type NodeKind } from '../model/kinds.ts';
import type { Translate } from '../i18n/languages.ts';
import { documentDay, domainWords, localeOf, type DomainWords } from './documentWords.ts';
import type { MapJSON, MapNodeJSON } from '../model/mapJson.ts';
import { cardTitle } from '../analysis/cardTitle.ts';
import { diffMaps } from '../history/diffMaps.ts';
import type { FieldChange, MapDiff } from '../history/types.ts';
import type { DocumentVersion } from './documents.ts';

/**
 * What changed between two versions of a map, as a document says it: each card or link added,
 * removed, changed (field by field, before and after, in words) or only moved, and who made the
 * changes. Built from diffMaps and the history's attributed entries; pure data, presented by the
 * Markdown and Word writers.
 */

/** One end of the comparison. */
export interface ChangeReportPoint extends DocumentVersion {
  seq: number;
}

export interface ChangeReportInput {
  before: MapJSON;
  after: MapJSON;
  from: ChangeReportPoint;
  to: ChangeReportPoint;
  /** Who changed each card or link (by id) between the two versions, in the order they did. */
  changedBy: Readonly<Record<string, readonly string[]>>;
  /** Everyone whose changes lie between the two versions, in the order they first changed it. */
  authors: readonly string[];
  /** The report's words (field names, choices, dates), in its language. */
  t: Translate;
}

export interface ChangeReportField {
  /** The MapJSON key. */
  field: string;
  /** Its name as the inspector gives it. */
  label: string;
  /** The value in words in each version; '' when unset. */
  before: string;
  after: string;
}

export interface ChangedElement {
  id: string;
  type: 'card' | 'link';
  /** The card's kind, or 'link'. */
  kind: NodeKind | 'link';
  /** The card's title (the later version's, else the earlier's), or "Source → Target". */
  title: string;
  /** Field-level changes (empty for added, removed and moved elements). */
  fields: ChangeReportField[];
  /** Who changed it between the two versions; empty when the history does not say. */
  by: string[];
}

export interface ChangeReport {
  /** The map's title in the later version. */
  title: string;
  from: ChangeReportPoint;
  to: ChangeReportPoint;
  authors: string[];
  counts: MapDiff['counts'];
  /** Title, kind, swimlanes, ceiling. */
  meta: ChangeReportField[];
  added: ChangedElement[];
  removed: ChangedElement[];
  changed: ChangedElement[];
  /** Cards whose position alone changed. */
  moved: ChangedElement[];
}

export function buildChangeReport(input: ChangeReportInput): ChangeReport {
  const diff = diffMaps(input.before, input.after);
  const nodes = new Map<string, MapNodeJSON>([
    ...input.before.nodes.map((node) => [node.id, node] as const),
    ...input.after.nodes.map((node) => [node.id, node] as const),
  ]);
  const edges = new Map([...input.before.edges, ...input.after.edges].map((edge) => [edge.id, edge]));
  const cardName = (id: string): string => {
    const node = nodes.get(id);
    return node ? cardTitle(node, 60) : input.t('exports:comments.cardRemoved');
  };
  const hostName = (id: string): string => {
    const edge = edges.get(id);
    return edge ? `${cardName(edge.source)} → ${cardName(edge.target)}` : cardName(id);
  };
  const words = valueWords(input.t, cardName, hostName);
  const label = fieldLabel(input.t);
  const by = (id: string): string[] => [...(input.changedBy[id] ?? [])];

  const cards: { state: string; element: ChangedElement; moved: boolean }[] = diff.cards.map((card) => ({
    state: card.state,
    moved: card.moved,
    element: {
      id: card.id,
      type: 'card',
      kind: card.kind,
      title: cardTitle({ kind: card.kind, label: card.label }),
      fields: card.fields.map((change) =>
        fieldWords(change, label('card', change), (value) => words.card(change.field, value)),
      ),
      by: by(card.id),
    },
  }));
  const links = diff.links.map((link) => ({
    state: link.state,
    moved: false,
    element: {
      id: link.id,
      type: 'link' as const,
      kind: 'link' as const,
      title: `${cardName(link.source)} → ${cardName(link.target)}`,
      fields: link.fields.map((change) =>
        fieldWords(change, label('link', change), (value) => words.link(change.field, value)),
      ),
      by: by(link.id),
    },
  }));
  const all = [...cards, ...links].sort((a, b) => byKindThenTitle(a.element, b.element));
  const pick = (test: (entry: (typeof all)[number]) => boolean): ChangedElement[] =>
    all.filter(test).map((entry) => entry.element);
  return {
    title: input.after.meta.title,
    from: input.from,
    to: input.to,
    authors: [...input.authors],
    counts: diff.counts,
    meta: diff.meta.map((change) =>
      fieldWords(change, label('meta', change), (value) => words.meta(change.field, value)),
    ),
    added: pick((e) => e.state === 'added'),
    removed: pick((e) => e.state === 'removed'),
    changed: pick((e) => e.state === 'changed' && e.element.fields.length > 0),
    moved: pick((e) => e.state === 'changed' && e.element.fields.length === 0 && e.moved),
  };
}

function fieldWords(change: FieldChange, label: string, words: (value: unknown) => string): ChangeReportField {
  return { field: change.field, label, before: words(change.before), after: words(change.after) };
}

/** The catalogue's `domain:field.<key>` for a compared field of a card, a link or the map. */
const FIELD_KEYS: Record<'card' | 'link' | 'meta', Readonly<Record<string, string>>> = {
  card: {},
  link: { status: 'linkStatus', source: 'from', target: 'to', label: 'rationale' },
  meta: { kind: 'mapKind' },
};

/** A field's name: the diff's own (English) words, or the catalogue's in another language. */
function fieldLabel(t: Translate) {
  const english = localeOf(t) === 'en';
  return (of: 'card' | 'link' | 'meta', change: FieldChange): string => {
    if (english) return change.label;
    const key = FIELD_KEYS[of][change.field] ?? change.field;
    return t(`domain:field.${key}`, { defaultValue: change.label });
  };
}

const KIND_ORDER: readonly (NodeKind | 'link')[] = [...NODE_KINDS, 'link'];
function byKindThenTitle(a: ChangedElement, b: ChangedElement): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.title.localeCompare(b.title);
}

/** The words of each choice a card field offers, by MapJSON key. */
/** A field's choices in the words the inspector shows (the card's kind too). */
const CHOICE_LABELS: Record<string, Record<string, string>> = { kind: NODE_KIND_LABELS, ...FIELD_CHOICE_LABELS };

const LINK_CHOICE_LABELS: Record<string, Record<string, string>> = {
  relation: LINK_RELATION_LABELS,
  confidence: LOW_MEDIUM_HIGH_LABELS,
  status: LINK_STATUS_LABELS,
};

/** A dated entry in one line: "2026-03-02 At risk: Two cities cut hours (Facilitator)". */
function entryWords(
  t: Translate,
  words: DomainWords,
  field: string,
  entry: AssumptionReview | IndicatorReading | HealthRating,
): string {
  const what =
    field === 'reviews'
      ? words.assumptionState((entry as AssumptionReview).status)
      : field === 'readings'
        ? (entry as IndicatorReading).value
        : `${words.healthDimension((entry as HealthRating).dimension)} ${words.rag((entry as HealthRating).rating)}`;
  return `${documentDay(t, entry.date)} ${what}${entry.note ? `: ${entry.note}` : ''}${entry.by ? ` (${entry.by})` : ''}`;
}

/** A compared value in words ('' when unset), for cards, links and the map's meta, in `t`'s language. */
function valueWords(t: Translate, cardName: (id: string) => string, hostName: (id: string) => string) {
  const words = domainWords(t);
  const plain = (value: unknown): string =>
    value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return {
    card(field: string, value: unknown): string {
      if (value === undefined || value === null) return '';
      if (field === 'attachedTo') return hostName(value as string);
      if (field === 'capabilities') {
        return (value as CapabilityTag[]).map((tag) => words.capabilityShort(tag)).join(', ');
      }
      if (field === 'tags') return (value as string[]).join(', ');
      if (field === 'reviews' || field === 'readings' || field === 'health') {
        return (value as (AssumptionReview | IndicatorReading | HealthRating)[])
          .map((entry) => entryWords(t, words, field, entry))
          .join('\n');
      }
      const choices = CHOICE_LABELS[field];
      if (choices && typeof value === 'string') {
        if (choices[value] === undefined) return value;
        return field === 'kind' ? words.kind(value as NodeKind) : choiceWords(words, field as NodeFieldKey, value);
      }
      return typeof value === 'number' ? String(Math.round(value)) : plain(value);
    },
    link(field: string, value: unknown): string {
      if (value === undefined || value === null) return '';
      if (field === 'source' || field === 'target') return cardName(value as string);
      const choices = LINK_CHOICE_LABELS[field];
      if (!choices || typeof value !== 'string') return plain(value);
      if (choices[value] === undefined) return value;
      if (field === 'relation') return words.relation(value as LinkRelation);
      if (field === 'confidence') return words.lowMediumHigh(value as LowMediumHigh);
      return words.linkStatus(value as LinkStatus);
    },
    meta(field: string, value: unknown): string {
      if (value === undefined || value === null) return '';
      if (field === 'kind' && typeof value === 'string') {
        return MAP_KIND_LABELS[value as MapKind] === undefined ? value : words.mapKind(value as MapKind);
      }
      if (field === 'lanes') return t('exports:changes.shown');
      if (field === 'ceilingY') return t('exports:changes.shownAt', { y: Math.round(value as number) });
      return plain(value);
    },
  };
}
