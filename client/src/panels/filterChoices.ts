import {
  FILTER_FACETS,
  FIVE_CAPABILITIES,
  LEVELS,
  NODE_KINDS,
  RAG_STATUSES,
  canvasIndexOf,
  tagKey,
  tagsInUse,
  type FilterFacet,
  type MapFilter,
  type MapGraph,
  type Translate,
} from '@loopmap/shared';
import { capabilityLabel, kindLabel, levelLabel, ragLabel, ragMeaning } from '../i18n/domainText.ts';

/** The choices the filter menu offers, and the small edits it makes to a filter. */

export interface FilterChoice {
  value: string;
  label: string;
  checked: boolean;
}

export interface FilterChoiceGroup {
  facet: FilterFacet;
  legend: string;
  choices: FilterChoice[];
  /** Said instead of the choices when there are none (no tags yet). */
  empty: string;
}

const statusChoices = (): readonly { value: MapFilter['statuses'][number]; label: string }[] => [
  ...RAG_STATUSES.map((status) => ({ value: status, label: `${ragLabel(status)} (${ragMeaning(status)})` })),
  { value: 'unrated', label: '' },
];

/**
 * The checkbox groups of the filter menu. Kinds are those on the map (a list of thirteen where
 * two are used is mostly noise); levels and capabilities belong to theory-of-change outcomes,
 * so a partnership map shows them only if they were chosen before its kind changed. A value
 * that is chosen is always offered, so it can be unchecked.
 */
export function filterChoiceGroups(graph: MapGraph, filter: MapFilter, t: Translate): FilterChoiceGroup[] {
  const kindsInUse = new Set(graph.nodes.map((node) => node.kind));
  const toc = graph.meta.kind === 'theory-of-change';
  const chosenTags = new Set(filter.tags.map(tagKey));
  const tags = tagsInUse(graph);
  const tagKeys = new Set(tags.map(tagKey));
  const groups: FilterChoiceGroup[] = [
    {
      facet: 'kinds',
      legend: t('filter.kind'),
      empty: t('filter.noCards'),
      choices: NODE_KINDS.filter((kind) => kindsInUse.has(kind) || filter.kinds.includes(kind)).map((kind) => ({
        value: kind,
        label: kindLabel(kind),
        checked: filter.kinds.includes(kind),
      })),
    },
  ];
  if (toc || filter.levels.length > 0) {
    groups.push({
      facet: 'levels',
      legend: t('filter.level'),
      empty: '',
      choices: LEVELS.map((level) => ({
        value: level,
        label: levelLabel(level),
        checked: filter.levels.includes(level),
      })),
    });
  }
  if (toc || filter.capabilities.length > 0) {
    groups.push({
      facet: 'capabilities',
      legend: t('filter.capability'),
      empty: '',
      choices: FIVE_CAPABILITIES.map((capability) => ({
        value: capability,
        label: capabilityLabel(capability),
        checked: filter.capabilities.includes(capability),
      })),
    });
  }
  groups.push(
    {
      facet: 'statuses',
      legend: t('filter.status'),
      empty: '',
      choices: statusChoices().map(({ value, label }) => ({
        value,
        label: value === 'unrated' ? t('filter.noStatus') : label,
        checked: filter.statuses.includes(value),
      })),
    },
    {
      facet: 'tags',
      legend: t('filter.tag'),
      empty: t('filter.noTags'),
      choices: [...tags, ...filter.tags.filter((tag) => !tagKeys.has(tagKey(tag)))].map((tag) => ({
        value: tag,
        label: tag,
        checked: chosenTags.has(tagKey(tag)),
      })),
    },
  );
  return groups;
}

/** The filter with one value of a facet chosen or not (tags compared without their case). */
export function toggleChoice(filter: MapFilter, facet: FilterFacet, value: string, on: boolean): MapFilter {
  const same = facet === 'tags' ? (a: string) => tagKey(a) === tagKey(value) : (a: string) => a === value;
  const current: readonly string[] = filter[facet];
  const without = current.filter((item) => !same(item));
  return { ...filter, [facet]: on ? [...without, value] : without };
}

/** How many values are chosen across the facets (the words searched for are not counted). */
export function countChosen(filter: MapFilter): number {
  return FILTER_FACETS.reduce((sum, facet) => sum + filter[facet].length, 0);
}

/** The filter without any facet chosen, keeping the words searched for. */
export const clearChoices = (filter: MapFilter): MapFilter => ({
  ...filter,
  kinds: [],
  levels: [],
  capabilities: [],
  statuses: [],
  tags: [],
});

/** How many cards the canvas shows (attached cards are drawn with their host). */
export const canvasCardCount = (graph: MapGraph): number => canvasIndexOf(graph).cards.length;

/** "3 of 12 cards match": plural on the cards that match; English also agrees "card" with a total of one. */
export function matchSummary(matchCount: number, total: number, t: Translate): string {
  if (total === 0) return t('filter.summaryEmpty');
  return t(total === 1 ? 'filter.summaryOfOne' : 'filter.summary', { count: matchCount, total });
}
