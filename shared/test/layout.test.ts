import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  MAX_COORDINATE,
  MAX_LABEL_LENGTH,
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
