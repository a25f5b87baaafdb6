import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IMPORT_ORIGIN,
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
import { fullMap } from './fullMap.ts';
import { mapJsonArbitrary } from './mapJsonArbitrary.ts';
import { cloneDoc, recordTransactions, syncAll } from './replicas.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');
const nodeId = (id: string): NodeId => id as NodeId;
const edgeId = (id: string): EdgeId => id as EdgeId;

const EXPECTED: MapJSON = {
  format: 'loopmap.map',
  schemaVersion: 2,
  meta: { title: 'Arts for inclusion', kind: 'theory-of-change' },
  nodes: [
    { id: 'n1', kind: 'activity', label: 'Community workshops', x: 0, y: 0 },
    { id: 'n2', kind: 'outcome', label: 'Residents feel heard', x: 150.25, y: 80 },
    { id: 'n3', kind: 'impact', label: 'Cohesive neighbourhoods 🏘️', x: 300, y: -12.5 },
  ],
  edges: [
    { id: 'e1', source: 'n1', target: 'n2', rationale: 'if facilitators are local' },
    { id: 'e2', source: 'n2', target: 'n3', rationale: '' },
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
    if (edge.rationale) setEdgeLabel(doc, edgeId(edge.id), edge.rationale, alice);
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
      schemaVersion: 2,
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
        { id: 'e1-twin', source: 'n1', target: 'n2', rationale: 'drawn by Bob' },
        { id: 'loop', source: 'n2', target: 'n2', rationale: 'reinforces itself' },
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

describe('MapJSON round trip (property)', () => {
  it('toMapJSON(fromMapJSON(map)) is the map with its records sorted by id, every v2 key included', () => {
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

describe('schema v2 details in the JSON form', () => {
  it('round-trips a map that sets every key of the format', () => {
    const map = fullMap();
    expect(mapJsonSchema.safeParse(map).success).toBe(true);
    const doc = fromMapJSON(map);
    expect(toMapJSON(doc)).toEqual(map);
    // A peer that receives the imported document exports the same bytes.
    expect(JSON.stringify(toMapJSON(cloneDoc(doc)))).toBe(JSON.stringify(toMapJSON(doc)));
  });

  it('exports a link rationale under `rationale`, and leaves out what is unset or the default', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Plain', kind: 'partnership' }, alice);
    addNode(doc, { id: nodeId('a'), kind: 'actor', label: 'A', x: 0, y: 0 }, alice);
    addNode(doc, { id: nodeId('b'), kind: 'actor', label: 'B', x: 1, y: 0 }, alice);
    connect(
      doc,
      { id: edgeId('ab'), source: nodeId('a'), target: nodeId('b'), label: 'co-funds', status: 'hypothesised' },
      alice,
    );
    expect(toMapJSON(doc)).toEqual({
      format: 'loopmap.map',
      schemaVersion: 2,
      meta: { title: 'Plain', kind: 'partnership' },
      nodes: [
        { id: 'a', kind: 'actor', label: 'A', x: 0, y: 0 },
        { id: 'b', kind: 'actor', label: 'B', x: 1, y: 0 },
      ],
      edges: [{ id: 'ab', source: 'a', target: 'b', rationale: 'co-funds' }],
    });
  });

  it('gives a frame imported without a size the default size', () => {
    const map: MapJSON = { ...EXPECTED, nodes: [{ id: 'f', kind: 'group', label: 'Pathway', x: 0, y: 0 }], edges: [] };
    expect(toMapJSON(fromMapJSON(map)).nodes).toEqual([
      { id: 'f', kind: 'group', label: 'Pathway', x: 0, y: 0, width: 560, height: 360 },
    ]);
  });
});

describe('importing version 1 JSON', () => {
  const V1 = {
    format: 'loopmap.map',
    schemaVersion: 1,
    meta: { title: 'Before details', kind: 'theory-of-change' },
    nodes: [
      { id: 'n1', kind: 'activity', label: 'Workshops', x: 0, y: 0 },
      { id: 'n2', kind: 'outcome', label: 'Residents feel heard', x: 100, y: -100 },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n2', label: 'if facilitators are local' }],
  };

  it('is accepted and upgraded: a link label becomes its rationale', () => {
    const parsed = parseMapJSON(V1);
    expect(parsed).toEqual({
      ok: true,
      map: {
        format: 'loopmap.map',
        schemaVersion: 2,
        meta: { title: 'Before details', kind: 'theory-of-change' },
        nodes: V1.nodes,
        edges: [{ id: 'e1', source: 'n1', target: 'n2', rationale: 'if facilitators are local' }],
      },
    });
  });

  it('imports into a document whose links show the rationale, and exports as version 2', () => {
    const parsed = parseMapJSON(JSON.parse(JSON.stringify(V1)));
    if (!parsed.ok) throw new Error(parsed.message);
    const doc = fromMapJSON(parsed.map);
    const json = toMapJSON(doc);
    expect(json.schemaVersion).toBe(2);
    expect(json.edges).toEqual([{ id: 'e1', source: 'n1', target: 'n2', rationale: 'if facilitators are local' }]);
    expect(parseMapJSON(json)).toEqual({ ok: true, map: json });
  });

  it('is validated as version 1: v2 keys in a v1 map, or a v2 link, are refused by path', () => {
    expect(parseMapJSON({ ...V1, edges: [{ id: 'e1', source: 'n1', target: 'n2', rationale: 'x' }] })).toEqual({
      ok: false,
      message: expect.stringMatching(/^edges\.0\.label: /) as unknown as string,
    });
    const missingNode = { ...V1, edges: [{ id: 'e1', source: 'n1', target: 'gone', label: '' }] };
    expect(parseMapJSON(missingNode)).toEqual({
      ok: false,
      message: 'edges.0.target: link e1 points at missing node gone',
    });
  });
});
