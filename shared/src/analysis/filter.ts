import type { NodeKind } from '../model/kinds.ts';
import {
  CAPABILITY_KINDS,
  FIELDS_BY_KIND,
  LINK_RELATION_LABELS,
  tagKey,
  type CapabilityTag,
  type Level,
  type NodeFieldKey,
  type RagStatus,
} from '../model/fields.ts';
import type { EdgeView, NodeView } from '../doc/layout.ts';
import type { MapGraph } from './graph.ts';
import { attachedCards, canvasIndexOf } from './canvasIndex.ts';

/**
 * Search and filter: which cards to light while the rest of the canvas is dimmed. Within one
 * facet the chosen values are alternatives (outcome or output); across facets all must hold
 * (an outcome, and at the individual level, and tagged "youth"). An empty facet asks nothing.
 */
export interface MapFilter {
  /** Words to find, in any order, in a card's title, narrative, tags and text fields. */
  text: string;
  kinds: readonly NodeKind[];
  levels: readonly Level[];
  capabilities: readonly CapabilityTag[];
  /** 'unrated': cards whose status is not set. */
  statuses: readonly (RagStatus | 'unrated')[];
  tags: readonly string[];
}

export const EMPTY_FILTER: MapFilter = Object.freeze({
  text: '',
  kinds: Object.freeze([]),
  levels: Object.freeze([]),
  capabilities: Object.freeze([]),
  statuses: Object.freeze([]),
  tags: Object.freeze([]),
});

/** The facets a filter can narrow by (everything but the text). */
export const FILTER_FACETS = ['kinds', 'levels', 'capabilities', 'statuses', 'tags'] as const;
export type FilterFacet = (typeof FILTER_FACETS)[number];

const hasFacets = (filter: MapFilter): boolean => FILTER_FACETS.some((facet) => filter[facet].length > 0);

export function isFilterActive(filter: MapFilter): boolean {
  return searchWords(filter.text).length > 0 || hasFacets(filter);
}

/**
 * Text as search compares it: lower case, without accents (so "region" finds "Región"), with
 * typographic apostrophes and quotes as plain ones, and runs of space as one.
 */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”„]/g, '"')
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ');
}

/** The words of a search; a card matches when it holds every one of them, anywhere. */
export function searchWords(text: string): string[] {
  return foldSearchText(text)
    .split(' ')
    .filter((word) => word !== '');
}

/** The free-text fields a search reads (choices, such as a frequency, are what facets are for). */
const TEXT_FIELDS: readonly NodeFieldKey[] = [
  'unit',
  'baselineValue',
  'targetValue',
  'source',
  'verification',
  'citation',
  'url',
  'homeOrganisation',
];

/**
 * Everything a search looks at in a card: title, narrative, tags, the text fields its kind shows
 * (a card keeps the fields of its former kind, and a hidden field matching would look like a
 * false hit), and what its dated histories say (review notes, readings).
 */
function cardText(node: NodeView): string {
  const shown = FIELDS_BY_KIND[node.kind];
  const parts: string[] = [node.label, node.narrative, ...node.tags];
  for (const key of TEXT_FIELDS) {
    const value = node.fields[key];
    if (shown.includes(key) && typeof value === 'string') parts.push(value);
  }
  for (const entry of [...node.reviews, ...node.readings, ...node.health]) parts.push(entry.note);
  for (const reading of node.readings) parts.push(reading.value);
  return foldSearchText(parts.join('\n'));
}

function containsAll(haystack: string, words: readonly string[]): boolean {
  return words.every((word) => haystack.includes(word));
}

/** A filter prepared once for a whole map. */
interface PreparedFilter {
  words: string[];
  kinds: ReadonlySet<NodeKind>;
  levels: ReadonlySet<Level>;
  capabilities: ReadonlySet<CapabilityTag>;
  statuses: ReadonlySet<RagStatus | 'unrated'>;
  tags: ReadonlySet<string>;
}

function prepare(filter: MapFilter): PreparedFilter {
  return {
    words: searchWords(filter.text),
    kinds: new Set(filter.kinds),
    levels: new Set(filter.levels),
    capabilities: new Set(filter.capabilities),
    statuses: new Set(filter.statuses),
    tags: new Set(filter.tags.map(tagKey)),
  };
}

function matchesItself(node: NodeView, filter: PreparedFilter): boolean {
  if (filter.kinds.size > 0 && !filter.kinds.has(node.kind)) return false;
  if (filter.levels.size > 0) {
    const level = FIELDS_BY_KIND[node.kind].includes('level') ? node.fields.level : null;
    if (level === null || !filter.levels.has(level)) return false;
  }
  if (filter.capabilities.size > 0) {
    const tags = CAPABILITY_KINDS.includes(node.kind) ? node.capabilities : [];
    if (!tags.some((tag) => filter.capabilities.has(tag))) return false;
  }
  if (filter.statuses.size > 0 && !filter.statuses.has(node.fields.status ?? 'unrated')) return false;
  if (filter.tags.size > 0 && !node.tags.some((tag) => filter.tags.has(tagKey(tag)))) return false;
  return filter.words.length === 0 || containsAll(cardText(node), filter.words);
}

/** True when the card itself (not counting what is attached to it) matches the filter. */
export function cardMatchesFilter(node: NodeView, filter: MapFilter): boolean {
  return matchesItself(node, prepare(filter));
}

/**
 * Ids of the cards on the canvas that match: by themselves, or because one of their attached
 * cards does (filtering for indicators lights the outcomes that carry them). With no filter
 * active, every card on the canvas.
 */
export function matchingCards(graph: MapGraph, filter: MapFilter): ReadonlySet<string> {
  const index = canvasIndexOf(graph);
  const prepared = prepare(filter);
  const out = new Set<string>();
  for (const card of index.cards) {
    if (matchesItself(card, prepared) || attachedCards(index, card.id).some((node) => matchesItself(node, prepared))) {
      out.add(card.id);
    }
  }
  return out;
}

/**
 * Ids of the links on the canvas that match. Kinds, levels, capabilities, statuses and tags
 * describe cards, so a link matches through a card attached to it (an assumption found by the
 * search, say), or, when the filter is only words, by its rationale and relation. With no filter
 * active, every link on the canvas.
 */
export function matchingLinks(graph: MapGraph, filter: MapFilter): ReadonlySet<string> {
  const index = canvasIndexOf(graph);
  const prepared = prepare(filter);
  const byWordsAlone = prepared.words.length > 0 && !hasFacets(filter);
  const all = !isFilterActive(filter);
  const out = new Set<string>();
  for (const link of index.links) {
    if (
      all ||
      (byWordsAlone && containsAll(linkText(link), prepared.words)) ||
      attachedCards(index, link.id).some((node) => matchesItself(node, prepared))
    ) {
      out.add(link.id);
    }
  }
  return out;
}

function linkText(link: EdgeView): string {
  return foldSearchText(`${link.label}\n${link.relation ? LINK_RELATION_LABELS[link.relation] : ''}`);
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Every tag on the map (attached cards included), once each whatever its case, sorted. The
 * spelling shown is the one of the first card (by id) that has it.
 */
export function tagsInUse(graph: MapGraph): string[] {
  const byKey = new Map<string, string>();
  for (const node of graph.nodes) {
    for (const tag of node.tags) if (!byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag);
  }
  return [...byKey.values()].sort(collator.compare);
}
