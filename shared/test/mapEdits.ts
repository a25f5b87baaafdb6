import fc from 'fast-check';
import { NODE_FIELD_KEYS, type MapEdgeJSON, type MapJSON, type MapNodeJSON } from '../src/index.ts';
import { mapJsonArbitrary } from './mapJsonArbitrary.ts';

/**
 * Pairs of valid maps where the second is the first after a few edits, as two points of one
 * map's history are: some cards dropped (with their links, and attachments to them let go), some
 * cards' details and positions taken from another arbitrary map, some links' details changed,
 * some cards and links added, maybe a new meta. Both stay in the canonical form of an export.
 */

/** Keys a card can take from another without breaking a rule of the format. */
const FREE_KEYS = [
  'label',
  'x',
  'y',
  'narrative',
  'tags',
  'capabilities',
  'reviews',
  'readings',
  'health',
  ...NODE_FIELD_KEYS,
] as const;
const LINK_KEYS = ['rationale', 'relation', 'confidence', 'status'] as const;

type Edit = 'keep' | 'drop' | 'change';
const edit = fc.constantFrom<Edit>('keep', 'keep', 'keep', 'drop', 'change', 'change');

function take<T extends object>(base: T, donor: T, keys: readonly string[], mask: readonly boolean[]): T {
  const out = { ...base } as Record<string, unknown>;
  keys.forEach((key, i) => {
    if (!mask[i % mask.length]) return;
    const value = (donor as Record<string, unknown>)[key];
    if (value === undefined) delete out[key];
    else out[key] = value;
  });
  return out as T;
}

export const editedMapArbitrary: fc.Arbitrary<[MapJSON, MapJSON]> = fc
  .record({
    a: mapJsonArbitrary,
    donor: mapJsonArbitrary,
    nodeEdits: fc.array(edit, { minLength: 8, maxLength: 8 }),
    edgeEdits: fc.array(edit, { minLength: 10, maxLength: 10 }),
    masks: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    addNodes: fc.boolean(),
    addEdges: fc.boolean(),
    newMeta: fc.boolean(),
  })
  .map(({ a, donor, nodeEdits, edgeEdits, masks, addNodes, addEdges, newMeta }): [MapJSON, MapJSON] => {
    const donorNode = (i: number): MapNodeJSON | undefined => donor.nodes[i % Math.max(1, donor.nodes.length)];
    const donorEdge = (i: number): MapEdgeJSON | undefined => donor.edges[i % Math.max(1, donor.edges.length)];
    let nodes = a.nodes.flatMap((node, i): MapNodeJSON[] => {
      const what = nodeEdits[i % nodeEdits.length];
      if (what === 'drop') return [];
      const other = donorNode(i);
      return [what === 'change' && other ? take(node, other, FREE_KEYS, masks) : node];
    });
    const ids = new Set(nodes.map((node) => node.id));
    let edges = a.edges.flatMap((edge, i): MapEdgeJSON[] => {
      const what = edgeEdits[i % edgeEdits.length];
      if (what === 'drop' || !ids.has(edge.source) || !ids.has(edge.target)) return [];
      const other = donorEdge(i);
      return [what === 'change' && other ? take(edge, other, LINK_KEYS, masks) : edge];
    });
    const taken = new Set([...ids, ...a.edges.map((edge) => edge.id)]);
    if (addNodes) {
      for (const node of donor.nodes) {
        if (taken.has(node.id)) continue;
        const { attachedTo: _, ...standing } = node;
        nodes.push(standing);
        taken.add(node.id);
        ids.add(node.id);
      }
    }
    if (addEdges && nodes.length > 0) {
      donor.edges.forEach((edge, i) => {
        if (taken.has(edge.id)) return;
        taken.add(edge.id);
        const end = (k: number): string => nodes[k % nodes.length]!.id;
        edges.push({ ...edge, source: end(i), target: end(i * 7 + 3) });
      });
    }
    // An attachment whose host went away now stands on the canvas (as a reader would show it).
    const hosts = new Set([...ids, ...edges.map((edge) => edge.id)]);
    nodes = nodes.map((node) => {
      if (node.attachedTo === undefined || hosts.has(node.attachedTo)) return node;
      const { attachedTo: _, ...standing } = node;
      return standing;
    });
    const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    nodes.sort(byId);
    edges = edges.sort(byId);
    return [a, { ...a, meta: newMeta ? donor.meta : a.meta, nodes, edges }];
  });

/** A map's content with records sorted by id, for comparing two maps whatever their order. */
export function sortedContent(map: MapJSON): MapJSON {
  const byId = (x: { id: string }, y: { id: string }): number => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  return { ...map, nodes: [...map.nodes].sort(byId), edges: [...map.edges].sort(byId) };
}
