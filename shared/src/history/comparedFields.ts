import { NODE_FIELD_KEYS, NODE_FIELD_LABELS } from '../model/fields.ts';
import type { MapEdgeJSON, MapMetaJSON, MapNodeJSON } from '../model/mapJson.ts';

/**
 * The keys of a card, a link and the map's meta that a map's memory compares, in the order people
 * read them in an inspector, with the names they know them by. diffMaps, applyMapDiff,
 * restoreMapContent and revertChanges all walk these lists, so a key added to the JSON form is
 * compared everywhere once it is added here.
 */

/** A card's keys other than its id and position (x and y are compared apart: a move is not an edit). */
export const CARD_DIFF_KEYS = [
  'kind',
  'label',
  'narrative',
  'tags',
  'capabilities',
  'attachedTo',
  'width',
  'height',
  ...NODE_FIELD_KEYS,
  'reviews',
  'readings',
  'health',
] as const satisfies readonly (keyof MapNodeJSON)[];
export type CardDiffKey = (typeof CARD_DIFF_KEYS)[number];

export const LINK_DIFF_KEYS = [
  'rationale',
  'relation',
  'confidence',
  'status',
  'source',
  'target',
] as const satisfies readonly (keyof MapEdgeJSON)[];
export type LinkDiffKey = (typeof LINK_DIFF_KEYS)[number];

export const META_DIFF_KEYS = ['title', 'kind', 'lanes', 'ceilingY'] as const satisfies readonly (keyof MapMetaJSON)[];
export type MetaDiffKey = (typeof META_DIFF_KEYS)[number];

export const CARD_FIELD_LABELS: Record<CardDiffKey | 'x' | 'y', string> = {
  kind: 'Kind of card',
  label: 'Title',
  narrative: 'Narrative',
  tags: 'Tags',
  capabilities: 'Capabilities',
  attachedTo: 'Attached to',
  width: 'Width',
  height: 'Height',
  ...NODE_FIELD_LABELS,
  reviews: 'Assumption reviews',
  readings: 'Readings',
  health: 'Health ratings',
  x: 'Position',
  y: 'Position',
};

export const LINK_FIELD_LABELS: Record<LinkDiffKey, string> = {
  rationale: 'Rationale',
  relation: 'Relation',
  confidence: 'Confidence',
  status: 'Status',
  source: 'From',
  target: 'To',
};

export const META_FIELD_LABELS: Record<MetaDiffKey, string> = {
  title: 'Map title',
  kind: 'Kind of map',
  lanes: 'Level swimlanes',
  ceilingY: 'Accountability ceiling',
};

/**
 * Equality of two JSON values of a map (strings, numbers, lists of them, entries, lanes): what
 * JSON.stringify would say, without building the strings. Values are small, so the recursion is
 * shallow; `undefined` and a missing key are the same.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key in ra) if (!sameValue(ra[key], rb[key])) return false;
  for (const key in rb) if (!(key in ra) && rb[key] !== undefined) return false;
  return true;
}

/** A deep copy of such a value, so a result shares nothing mutable with its inputs. */
export function copyValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyValue) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = copyValue(item);
  return out as T;
}
