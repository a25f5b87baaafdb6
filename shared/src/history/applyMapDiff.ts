import type { MapEdgeJSON, MapJSON, MapMetaJSON, MapNodeJSON } from '../model/mapJson.ts';
import type { FieldChange, MapDiff } from './types.ts';
import { copyValue as copy } from './comparedFields.ts';

/**
 * `a` with `diff` applied: records added and removed, and for changed ones each changed field set
 * to its later value (a position from the later card when it moved). Pure; records come out sorted
 * by id, as toMapJSON writes them. applyMapDiff(a, diffMaps(a, b)) has b's content: the property
 * test of diffMaps, and a way to carry a compared change onto another map.
 */
export function applyMapDiff(a: MapJSON, diff: MapDiff): MapJSON {
  const nodes = new Map(a.nodes.map((node) => [node.id, node]));
  for (const card of diff.cards) {
    if (card.state === 'removed') nodes.delete(card.id);
    else if (card.state === 'added' && card.after) nodes.set(card.id, copy(card.after));
    else {
      const current = nodes.get(card.id);
      if (!current) continue;
      const next = withFields(current, card.fields);
      if (card.moved && card.after) Object.assign(next, { x: card.after.x, y: card.after.y });
      nodes.set(card.id, next);
    }
  }
  const edges = new Map(a.edges.map((edge) => [edge.id, edge]));
  for (const link of diff.links) {
    if (link.state === 'removed') edges.delete(link.id);
    else if (link.state === 'added' && link.after) edges.set(link.id, copy(link.after));
    else {
      const current = edges.get(link.id);
      if (current) edges.set(link.id, withFields(current, link.fields));
    }
  }
  return {
    ...a,
    meta: withFields<MapMetaJSON>(a.meta, diff.meta),
    nodes: sortedById<MapNodeJSON>([...nodes.values()]),
    edges: sortedById<MapEdgeJSON>([...edges.values()]),
  };
}

function withFields<T extends object>(record: T, fields: readonly FieldChange[]): T {
  const next = { ...record } as Record<string, unknown>;
  for (const { field, after } of fields) {
    if (after === undefined) delete next[field];
    else next[field] = copy(after);
  }
  return next as T;
}

function sortedById<T extends { id: string }>(records: T[]): T[] {
  return records.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}
