import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_SIZE,
  MAX_COORDINATE,
  MAX_GROUP_SIZE,
  MAX_LABEL_LENGTH,
  MIN_GROUP_SIZE,
  addNodeTag,
  removeNodeTag,
  MAX_TITLE_LENGTH,
  ROOT_EDGES,
  ROOT_META,
  ROOT_NODES,
  addNode,
  connect,
  createOrigin,
  findDanglingEdges,
  hasNode,
  mapJsonSchema,
  readEdge,
  readLiveEdges,
  readMeta,
  readNode,
  readNodes,
  removeDanglingEdges,
  setNodeLabel,
  toMapJSON,
  type NodeId,
} from '../src/index.ts';
import { cloneDoc, syncAll } from './replicas.ts';
import { edgeView } from './views.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');

function record(entries: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(entries)) map.set(key, value);
  return map;
}

/**
 * A document written with raw Yjs by a client that ignores the layout, then received by us over
 * the network: our readers must turn it into a valid MapJSON anyway.
 */
function thirdPartyDocument(): Y.Doc {
  const foreign = new Y.Doc();
  foreign.transact(() => {
    const meta = foreign.getMap<unknown>(ROOT_META);
    meta.set('title', 'T'.repeat(MAX_TITLE_LENGTH + 100));
    meta.set('kind', 'mind-map');
    meta.set('schemaVersion', 'one');

    const nodes = foreign.getMap<unknown>(ROOT_NODES);
    nodes.set('good', record({ kind: 'outcome', label: new Y.Text('Fine node'), x: 1, y: 2 }));
    nodes.set('as-string', 'I am not a node');
    nodes.set('odd', record({ kind: 'banana', label: 'plain string label', x: '12', y: Number.NaN }));
    nodes.set('far', record({ kind: 'impact', label: 42, x: 1e12, y: -Infinity }));
    nodes.set('empty', record({}));
    nodes.set('has space', record({ kind: 'note', label: new Y.Text('bad id'), x: 0, y: 0 }));
    nodes.set('long', record({ kind: 'note', label: new Y.Text('L'.repeat(MAX_LABEL_LENGTH + 10)), x: 0, y: 0 }));

    const edges = foreign.getMap<unknown>(ROOT_EDGES);
    edges.set('ok', record({ source: 'good', target: 'odd', label: new Y.Text('fine link') }));
    edges.set('no-target', record({ source: 'good' }));
    edges.set('numeric-ends', record({ source: 1, target: 2 }));
    edges.set('to-string-node', record({ source: 'good', target: 'as-string' }));
    edges.set('to-bad-id', record({ source: 'good', target: 'has space' }));
    edges.set('to-nowhere', record({ source: 'good', target: 'ghost' }));
    edges.set('not-a-map', 17);
    edges.set('bad id!', record({ source: 'good', target: 'odd' }));
    edges.set('no-label', record({ source: 'odd', target: 'far' }));
  });
  const ours = new Y.Doc();
  Y.applyUpdate(ours, Y.encodeStateAsUpdate(foreign));
  return ours;
}

describe('reading a document written by a third-party client', () => {
  it('still gives a valid MapJSON, normalising what has a safe default and skipping the rest', () => {
    const json = toMapJSON(thirdPartyDocument());
    expect(mapJsonSchema.safeParse(json).success).toBe(true);
    expect(json).toEqual({
      format: 'loopmap.map',
      schemaVersion: 2,
      meta: { title: 'T'.repeat(MAX_TITLE_LENGTH), kind: 'theory-of-change' },
      nodes: [
        { id: 'empty', kind: 'note', label: '', x: 0, y: 0 },
        { id: 'far', kind: 'impact', label: '', x: MAX_COORDINATE, y: 0 },
        { id: 'good', kind: 'outcome', label: 'Fine node', x: 1, y: 2 },
        { id: 'long', kind: 'note', label: 'L'.repeat(MAX_LABEL_LENGTH), x: 0, y: 0 },
        { id: 'odd', kind: 'note', label: 'plain string label', x: 0, y: 0 },
      ],
      edges: [
        { id: 'no-label', source: 'odd', target: 'far', rationale: '' },
        { id: 'ok', source: 'good', target: 'odd', rationale: 'fine link' },
      ],
    });
  });

  it('treats links to unreadable or missing nodes, and malformed links, as dangling', () => {
    const doc = thirdPartyDocument();
    expect(findDanglingEdges(doc).sort()).toEqual([
      'bad id!',
      'no-target',
      'not-a-map',
      'numeric-ends',
      'to-bad-id',
      'to-nowhere',
      'to-string-node',
    ]);
    const before = JSON.stringify(toMapJSON(doc));
    expect(removeDanglingEdges(doc)).toBe(7);
    expect(findDanglingEdges(doc)).toEqual([]);
    expect(JSON.stringify(toMapJSON(doc))).toBe(before);
  });

  it('refuses to link to a node record it cannot read', () => {
    const doc = thirdPartyDocument();
    expect(hasNode(doc, 'good')).toBe(true);
    expect(hasNode(doc, 'as-string')).toBe(false);
    expect(hasNode(doc, 'has space')).toBe(false);
    expect(connect(doc, { source: 'good' as NodeId, target: 'as-string' as NodeId }, alice)).toEqual({
      ok: false,
      reason: 'missing-node',
    });
    expect(connect(doc, { source: 'far' as NodeId, target: 'good' as NodeId }, alice).ok).toBe(true);
  });

  it('reads a default meta record when the meta is missing or wrong', () => {
    expect(readMeta(new Y.Doc())).toEqual({
      schemaVersion: 1,
      title: 'Untitled map',
      kind: 'theory-of-change',
      lanes: null,
      ceilingY: null,
    });
    const doc = new Y.Doc();
    doc.getMap(ROOT_META).set('title', 7);
    expect(readMeta(doc).title).toBe('Untitled map');
  });
});

describe('readNode and readEdge', () => {
  it('return null for records of the wrong shape', () => {
    expect(readNode('n', 'text')).toBeNull();
    expect(readNode('n', null)).toBeNull();
    expect(readNode('', new Y.Map())).toBeNull();
    expect(readEdge('e', { source: 'a', target: 'b' })).toBeNull();
    const edges = new Y.Doc().getMap<unknown>(ROOT_EDGES);
    edges.set('e', record({ source: 'a' }));
    expect(readEdge('e', edges.get('e'))).toBeNull();
    edges.set('f', record({ source: 'a', target: 'b' }));
    expect(readEdge('bad id', edges.get('f'))).toBeNull();
    expect(readEdge('f', edges.get('f'))).toEqual(edgeView({ id: 'f', source: 'a', target: 'b', label: '' }));
  });

  it('readEdge does not require the ends to exist; readLiveEdges does', () => {
    const doc = new Y.Doc();
    addNode(doc, { id: 'a' as NodeId, kind: 'note', x: 0, y: 0 }, alice);
    const raw = record({ source: 'a', target: 'gone', label: new Y.Text('x') });
    doc.getMap(ROOT_EDGES).set('e', raw);
    expect(readEdge('e', raw)).toEqual(edgeView({ id: 'e', source: 'a', target: 'gone', label: 'x' }));
    expect(readLiveEdges(doc)).toEqual([]);
  });
});

describe('labels merged past the maximum length', () => {
  it('are cut to the maximum when read, so the export stays valid', () => {
    // Each peer stays under the limit; the merge of their concurrent typing does not.
    const docA = new Y.Doc();
    const id = addNode(docA, { kind: 'outcome', x: 0, y: 0 }, alice);
    const docB = cloneDoc(docA);
    setNodeLabel(docA, id, 'a'.repeat(1500), alice);
    setNodeLabel(docB, id, 'b'.repeat(1500), bob);
    syncAll([docA, docB]);

    const label = readNodes(docA)[0]?.label ?? '';
    expect(label).toHaveLength(MAX_LABEL_LENGTH);
    const json = JSON.stringify(toMapJSON(docA));
    expect(JSON.stringify(toMapJSON(docB))).toBe(json);
  });
});

/** A Y.Array holding the given items, for a raw record. */
function list(items: unknown[]): Y.Array<unknown> {
  const array = new Y.Array<unknown>();
  array.push(items);
  return array;
}

/**
 * Schema v2 keys written with raw Yjs by a client that gets them wrong: wrong types, unknown
 * choices, impossible dates, scripts as links, lanes that overlap, entries without ids.
 */
function thirdPartyDetails(): Y.Doc {
  const foreign = new Y.Doc();
  foreign.transact(() => {
    const meta = foreign.getMap<unknown>(ROOT_META);
    meta.set('title', 'Details');
    meta.set('kind', 'partnership');
    meta.set('lanes', { bounds: [0, 300, 200, 900] });
    meta.set('ceilingY', 'high');

    const nodes = foreign.getMap<unknown>(ROOT_NODES);
    nodes.set(
      'outcome',
      record({
        kind: 'outcome',
        label: new Y.Text('Outcome'),
        x: 0,
        y: 0,
        status: 'purple',
        term: 42,
        level: 'contextual',
        baselineDate: '2025-02-30',
        targetDate: '2027-12-31',
        url: 'javascript:alert(1)',
        unit: 'girls\nper club',
        source: 's'.repeat(600),
        narrative: 'a plain string narrative',
        tags: record({ youth: 'Youth', number: 7, blank: '   ', long: `${'x'.repeat(50)}` }),
        capabilities: record({ commit: true, dance: true, adapt: 'yes' }),
        attachedTo: 'indicator',
        width: 900,
        height: 900,
      }),
    );
    nodes.set(
      'indicator',
      record({
        kind: 'indicator',
        label: 'Attendance',
        x: 0,
        y: 0,
        attachedTo: 'indicator',
        tags: ['not', 'a', 'map'],
        capabilities: ['commit'],
        narrative: 17,
        url: 'http://example.org/a b',
        readings: list([
          { id: 'r1', date: '2025-05-01', value: '12', note: 42, by: 'b'.repeat(200) },
          { id: 'r2', date: '2025-05-02', value: '' },
          { id: 'r3', date: '2025-05-03', value: 7 },
          { date: '2025-05-04', value: '9' },
          { id: 'r0', date: '2025-01-01', value: '3', note: 'first' },
        ]),
      }),
    );
    nodes.set(
      'assumption',
      record({
        kind: 'assumption',
        label: 'Time',
        x: 0,
        y: 0,
        attachedTo: 'not an id!',
        reviews: list([
          { id: 'bad id', date: '2025-01-01', status: 'holds' },
          { id: 'v1', date: '2025-13-01', status: 'holds' },
          { id: 'v2', date: '2025-01-01', status: 'fine' },
          'a string',
          null,
          { id: 'v3', date: '2025-01-02', status: 'broken', note: 'n', by: 'Amina' },
        ]),
        readings: [{ id: 'x', date: '2025-01-01', value: '1' }],
      }),
    );
    nodes.set(
      'partner',
      record({
        kind: 'actor',
        label: 'Partner',
        x: 0,
        y: 0,
        attachedTo: 'outcome',
        health: list([
          { id: 'h1', date: '2025-01-01', dimension: 'mood', rating: 'green' },
          { id: 'h2', date: '2025-01-01', dimension: 'trust', rating: 'blue' },
          { id: 'h3', date: '2025-01-01', dimension: 'trust', rating: 'green' },
        ]),
      }),
    );
    nodes.set('frame', record({ kind: 'group', label: 'Frame', x: 0, y: 0, width: 'wide', height: 1e9 }));
    nodes.set('thin', record({ kind: 'group', label: 'Thin', x: 0, y: 0, width: -5, height: Number.NaN }));

    const edges = foreign.getMap<unknown>(ROOT_EDGES);
    edges.set(
      'link',
      record({ source: 'outcome', target: 'partner', relation: 'causes', confidence: 3, status: 'maybe' }),
    );
    edges.set(
      'good',
      record({ source: 'partner', target: 'outcome', relation: 'funds', confidence: 'low', status: 'refuted' }),
    );
  });
  const ours = new Y.Doc();
  Y.applyUpdate(ours, Y.encodeStateAsUpdate(foreign));
  return ours;
}

describe('reading schema v2 details written by a third-party client', () => {
  it('still gives a valid MapJSON, keeping what is valid and dropping or normalising the rest', () => {
    const json = toMapJSON(thirdPartyDetails());
    expect(mapJsonSchema.safeParse(json).success).toBe(true);
    expect(json).toEqual({
      format: 'loopmap.map',
      schemaVersion: 2,
      // Overlapping lanes and a ceiling that is not a number are not drawn.
      meta: { title: 'Details', kind: 'partnership' },
      nodes: [
        {
          id: 'assumption',
          kind: 'assumption',
          label: 'Time',
          x: 0,
          y: 0,
          reviews: [{ id: 'v3', date: '2025-01-02', status: 'broken', note: 'n', by: 'Amina' }],
        },
        {
          id: 'frame',
          kind: 'group',
          label: 'Frame',
          x: 0,
          y: 0,
          width: DEFAULT_GROUP_SIZE.width,
          height: MAX_GROUP_SIZE,
        },
        {
          id: 'indicator',
          kind: 'indicator',
          label: 'Attendance',
          x: 0,
          y: 0,
          readings: [
            { id: 'r0', date: '2025-01-01', value: '3', note: 'first', by: '' },
            { id: 'r1', date: '2025-05-01', value: '12', note: '', by: 'b'.repeat(120) },
          ],
        },
        {
          id: 'outcome',
          kind: 'outcome',
          label: 'Outcome',
          x: 0,
          y: 0,
          narrative: 'a plain string narrative',
          tags: ['x'.repeat(40), 'Youth'],
          capabilities: ['commit'],
          level: 'contextual',
          targetDate: '2027-12-31',
          unit: 'girls per club',
          source: 's'.repeat(500),
        },
        {
          id: 'partner',
          kind: 'actor',
          label: 'Partner',
          x: 0,
          y: 0,
          health: [{ id: 'h3', date: '2025-01-01', dimension: 'trust', rating: 'green', note: '', by: '' }],
        },
        {
          id: 'thin',
          kind: 'group',
          label: 'Thin',
          x: 0,
          y: 0,
          width: MIN_GROUP_SIZE,
          height: DEFAULT_GROUP_SIZE.height,
        },
      ],
      edges: [
        {
          id: 'good',
          source: 'partner',
          target: 'outcome',
          rationale: '',
          relation: 'funds',
          confidence: 'low',
          status: 'refuted',
        },
        { id: 'link', source: 'outcome', target: 'partner', rationale: '' },
      ],
    });
  });

  it('readNode keeps a host named by any card; the graph keeps it only for attachable kinds', () => {
    const doc = thirdPartyDetails();
    const nodes = doc.getMap<unknown>(ROOT_NODES);
    // An outcome cannot be attached: readNode reports the key, the graph (and the canvas) ignore it.
    expect(readNode('outcome', nodes.get('outcome'))?.attachedTo).toBe('indicator');
    // A card attached to itself, or to something that is not an id, is not attached.
    expect(readNode('indicator', nodes.get('indicator'))?.attachedTo).toBeNull();
    expect(readNode('assumption', nodes.get('assumption'))?.attachedTo).toBeNull();
    // A size is a frame's alone.
    expect(readNode('outcome', nodes.get('outcome'))).toMatchObject({ width: null, height: null });
  });

  it('reads a ceiling beyond the canvas at its edge', () => {
    const doc = new Y.Doc();
    doc.getMap(ROOT_META).set('ceilingY', -1e12);
    expect(readMeta(doc).ceilingY).toBe(-MAX_COORDINATE);
    doc.getMap(ROOT_META).set('ceilingY', Number.NaN);
    expect(readMeta(doc).ceilingY).toBeNull();
  });

  it('lets our writers replace what they cannot read', () => {
    const doc = thirdPartyDetails();
    // Tags stored as an array are replaced by a proper set on the first tag added.
    expect(addNodeTag(doc, 'indicator' as never, 'attendance', createOrigin('user', 'alice'))).toBe(true);
    expect(readNode('indicator', doc.getMap<unknown>(ROOT_NODES).get('indicator'))?.tags).toEqual(['attendance']);
    expect(removeNodeTag(doc, 'outcome' as never, 'youth', createOrigin('user', 'alice'))).toBe(true);
    expect(readNode('outcome', doc.getMap<unknown>(ROOT_NODES).get('outcome'))?.tags).toEqual(['x'.repeat(40)]);
  });

  it('never fails to export when a card and a link share an id', () => {
    const foreign = new Y.Doc();
    foreign.getMap<unknown>(ROOT_NODES).set('a', record({ kind: 'outcome', label: 'A', x: 0, y: 0 }));
    foreign.getMap<unknown>(ROOT_NODES).set('b', record({ kind: 'outcome', label: 'B', x: 0, y: 0 }));
    foreign.getMap<unknown>(ROOT_EDGES).set('a', record({ source: 'a', target: 'b', label: new Y.Text('twin') }));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(foreign));
    const json = toMapJSON(doc);
    expect(mapJsonSchema.safeParse(json).success).toBe(true);
    expect(json.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    // The link is malformed: readers skip it, and the dangling-link cleanup deletes it.
    expect(json.edges).toEqual([]);
    expect(readLiveEdges(doc)).toEqual([]);
    expect(findDanglingEdges(doc)).toEqual(['a']);
  });
});
