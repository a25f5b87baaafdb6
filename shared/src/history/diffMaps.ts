import type { MapEdgeJSON, MapJSON, MapNodeJSON } from '../model/mapJson.ts';
import { cardTitle } from '../analysis/cardTitle.ts';
import type { CardDiff, FieldChange, LinkDiff, MapDiff } from './types.ts';
import {
  CARD_DIFF_KEYS,
  CARD_FIELD_LABELS,
  LINK_DIFF_KEYS,
  LINK_FIELD_LABELS,
  META_DIFF_KEYS,
  META_FIELD_LABELS,
  sameValue,
} from './comparedFields.ts';

/**
 * What changed between two versions of a map: cards and links added, removed and changed, field
 * by field, and the meta. Sorted by id, so the same pair always gives the same diff. Built for
 * compare views and the server's diff route over maps of thousands of cards: records are indexed
 * by id once and compared key by key, and a record that is the same object in both versions (a
 * map derived from another) is skipped without a look.
 */
export function diffMaps(a: MapJSON, b: MapJSON): MapDiff {
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };

  const cards: CardDiff[] = [];
  const nodesA = indexById(a.nodes);
  const nodesB = indexById(b.nodes);
  for (const id of unionIds(nodesA, nodesB)) {
    const before = nodesA.get(id) ?? null;
    const after = nodesB.get(id) ?? null;
    if (before === after) continue;
    const latest = (after ?? before)!;
    const base = { id, kind: latest.kind, label: cardTitle(latest), before, after };
    if (!before || !after) {
      cards.push({ ...base, state: before ? 'removed' : 'added', moved: false, fields: [] });
      counts[before ? 'removed' : 'added']++;
      continue;
    }
    const fields = fieldChanges(before, after, CARD_DIFF_KEYS, CARD_FIELD_LABELS);
    const moved = before.x !== after.x || before.y !== after.y;
    if (fields.length === 0 && !moved) continue;
    cards.push({ ...base, state: 'changed', moved, fields });
    if (fields.length > 0) counts.changed++;
    if (moved) counts.moved++;
  }

  const links: LinkDiff[] = [];
  const edgesA = indexById(a.edges);
  const edgesB = indexById(b.edges);
  for (const id of unionIds(edgesA, edgesB)) {
    const before = edgesA.get(id) ?? null;
    const after = edgesB.get(id) ?? null;
    if (before === after) continue;
    const latest = (after ?? before)!;
    const base = { id, source: latest.source, target: latest.target, before, after };
    if (!before || !after) {
      links.push({ ...base, state: before ? 'removed' : 'added', fields: [] });
      counts[before ? 'removed' : 'added']++;
      continue;
    }
    const fields = fieldChanges(before, after, LINK_DIFF_KEYS, LINK_FIELD_LABELS);
    if (fields.length === 0) continue;
    links.push({ ...base, state: 'changed', fields });
    counts.changed++;
  }

  const meta = fieldChanges(a.meta, b.meta, META_DIFF_KEYS, META_FIELD_LABELS);
  return { meta, cards, links, counts };
}

/** True when the diff holds no change at all. */
export function isEmptyDiff(diff: MapDiff): boolean {
  return diff.meta.length === 0 && diff.cards.length === 0 && diff.links.length === 0;
}

function indexById<T extends MapNodeJSON | MapEdgeJSON>(records: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const record of records) out.set(record.id, record);
  return out;
}

/** Every id of either index, sorted by code unit (as toMapJSON sorts records). */
function unionIds(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): string[] {
  const ids = [...a.keys()];
  for (const id of b.keys()) if (!a.has(id)) ids.push(id);
  return ids.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function fieldChanges<T extends object, K extends keyof T & string>(
  before: T,
  after: T,
  keys: readonly K[],
  labels: Record<K, string>,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of keys) {
    const x = before[field];
    const y = after[field];
    if (x !== y && !sameValue(x, y)) {
      out.push({ field, label: labels[field], before: x, after: y });
    }
  }
  return out;
}
