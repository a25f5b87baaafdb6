import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_ORIGIN,
  MAX_COORDINATE,
  NODE_KINDS,
  addNode,
  connect,
  createOrigin,
  fromMapJSON,
  initMap,
  mapJsonSchema,
  parseMapJSON,
  removeNodes,
  setEdgeLabel,
  toMapJSON,
  writeMapJSON,
  type EdgeId,
  type MapJSON,
  type NodeId,
} from '../src/index.ts';
import { cloneDoc, recordTransactions, syncAll } from './replicas.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');
const nodeId = (id: string): NodeId => id as NodeId;
const edgeId = (id: string): EdgeId => id as EdgeId;

const EXPECTED: MapJSON = {
  format: 'loopmap.map',
  schemaVersion: 1,
  meta: { title: 'Arts for inclusion', kind: 'theory-of-change' },
  nodes: [
    { id: 'n1', kind: 'activity', label: 'Community workshops', x: 0, y: 0 },
    { id: 'n2', kind: 'outcome', label: 'Residents feel heard', x: 150.25, y: 80 },
    { id: 'n3', kind: 'impact', label: 'Cohesive neighbourhoods 🏘️', x: 300, y: -12.5 },
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'n2', label: 'if facilitators are local' },
    { id: 'e2', source: 'n2', target: 'n3', label: '' },
  ],
};

/** Builds EXPECTED through the operations, in the given order of nodes. */
function buildWithOperations(nodeOrder: readonly number[]): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, EXPECTED.meta, alice);
  for (const i of nodeOrder) {
    const node = EXPECTED.nodes[i]!;
    addNode(doc, { ...node, id: nodeId(node.id) }, alice);
  }
  for (const edge of [...EXPECTED.edges].reverse()) {
    connect(doc, { id: edgeId(edge.id), source: nodeId(edge.source), target: nodeId(edge.target) }, alice);
    if (edge.label) setEdgeLabel(doc, edgeId(edge.id), edge.label, alice);
  }
  return doc;
}

describe('toMapJSON', () => {
  it('gives the versioned JSON of the document', () => {
    expect(toMapJSON(buildWithOperations([0, 1, 2]))).toEqual(EXPECTED);
  });

  it('is deterministic: records come sorted by id whatever the insertion order', () => {
    const a = JSON.stringify(toMapJSON(buildWithOperations([2, 0, 1])));
    const b = JSON.stringify(toMapJSON(buildWithOperations([1, 2, 0])));
    expect(a).toBe(b);
    expect(a).toBe(JSON.stringify(EXPECTED));
  });

  it('gives defaults for an empty document', () => {
    expect(toMapJSON(new Y.Doc())).toEqual({
      format: 'loopmap.map',
      schemaVersion: 1,
      meta: { title: 'Untitled map', kind: 'theory-of-change' },
      nodes: [],
      edges: [],
    });
  });

  it('leaves out a link left dangling by a concurrent node removal', () => {
    const docA = buildWithOperations([0, 1, 2]);
    const docB = cloneDoc(docA);
    removeNodes(docA, [nodeId('n3')], alice);
    expect(connect(docB, { id: edgeId('e3'), source: nodeId('n1'), target: nodeId('n3') }, bob).ok).toBe(true);
    syncAll([docA, docB]);

    const json = toMapJSON(docB);
    expect(json.nodes.map((n) => n.id)).toEqual(['n1', 'n2']);
    expect(json.edges.map((e) => e.id)).toEqual(['e1']);
    expect(JSON.stringify(toMapJSON(docA))).toBe(JSON.stringify(json));
  });
});

describe('fromMapJSON and writeMapJSON', () => {
  it('round-trips a map', () => {
    const doc = fromMapJSON(EXPECTED);
    expect(toMapJSON(doc)).toEqual(EXPECTED);
    // ...and the result is an ordinary, syncable document.
    expect(toMapJSON(cloneDoc(doc))).toEqual(EXPECTED);
  });

  it('round-trips through text, as an export followed by an import', () => {
    const text = JSON.stringify(toMapJSON(buildWithOperations([0, 1, 2])));
    const parsed = parseMapJSON(JSON.parse(text));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(JSON.stringify(toMapJSON(fromMapJSON(parsed.map)))).toBe(text);
  });

  it('keeps links that connect() would refuse but a valid map may hold', () => {
    // Two peers drawing the same link offline both succeed; the export holds both links, and
    // re-importing it must not drop one. A self-link may come from another client.
    const map: MapJSON = {
      ...EXPECTED,
      edges: [
        ...EXPECTED.edges,
        { id: 'e1-twin', source: 'n1', target: 'n2', label: 'drawn by Bob' },
        { id: 'loop', source: 'n2', target: 'n2', label: 'reinforces itself' },
      ],
    };
    const sorted = { ...map, edges: [...map.edges].sort((a, b) => (a.id < b.id ? -1 : 1)) };
    expect(toMapJSON(fromMapJSON(map))).toEqual(sorted);
  });

  it('writes the whole map in one transaction with the import origin', () => {
    const doc = new Y.Doc();
    const log = recordTransactions(doc);
    writeMapJSON(doc, EXPECTED);
    expect(log.transactions).toEqual([{ origin: IMPORT_ORIGIN, changed: true }]);
    expect(log.updates.map((u) => u.origin)).toEqual([IMPORT_ORIGIN]);
  });

  it('passes a given origin on', () => {
    const doc = new Y.Doc();
    const log = recordTransactions(doc);
    writeMapJSON(doc, EXPECTED, bob);
    expect(log.transactions.map((t) => t.origin)).toEqual([bob]);
  });
});

/** Valid maps: unique ids, links between existing nodes, coordinates on the 0.01 grid the document stores. */
const mapJsonArbitrary: fc.Arbitrary<MapJSON> = fc
  .record({
    title: fc.string({ maxLength: 40 }),
    kind: fc.constantFrom('theory-of-change' as const, 'partnership' as const),
    nodes: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
        kind: fc.constantFrom(...NODE_KINDS),
        label: fc.string({ maxLength: 30, unit: 'grapheme' }),
        x: fc.integer({ min: -MAX_COORDINATE * 100, max: MAX_COORDINATE * 100 }).map((v) => v / 100),
        y: fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100),
      }),
      { selector: (n) => n.id, maxLength: 8 },
    ),
    edgeSeeds: fc.uniqueArray(
      fc.record({
        id: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
        source: fc.nat(),
        target: fc.nat(),
        label: fc.string({ maxLength: 20, unit: 'grapheme' }),
      }),
      { selector: (e) => e.id, maxLength: 10 },
    ),
  })
  .map(({ title, kind, nodes, edgeSeeds }) => ({
    format: 'loopmap.map' as const,
    schemaVersion: 1 as const,
    meta: { title, kind },
    nodes,
    edges:
      nodes.length === 0
        ? []
        : edgeSeeds.map(({ id, source, target, label }) => ({
            id,
            source: nodes[source % nodes.length]!.id,
            target: nodes[target % nodes.length]!.id,
            label,
          })),
  }));

describe('MapJSON round trip (property)', () => {
  it('toMapJSON(fromMapJSON(map)) is the map with its records sorted by id', () => {
    fc.assert(
      fc.property(mapJsonArbitrary, (map) => {
        expect(mapJsonSchema.safeParse(map).success).toBe(true);
        const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        const expected = { ...map, nodes: [...map.nodes].sort(byId), edges: [...map.edges].sort(byId) };
        const json = toMapJSON(fromMapJSON(map));
        expect(json).toEqual(expected);
        expect(JSON.stringify(toMapJSON(fromMapJSON(json)))).toBe(JSON.stringify(json));
      }),
      { numRuns: 200 },
    );
  });
});
