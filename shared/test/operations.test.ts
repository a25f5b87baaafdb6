import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  CLEANUP_ORIGIN,
  MAX_COORDINATE,
  MAX_LABEL_LENGTH,
  MAX_TITLE_LENGTH,
  addNode,
  connect,
  createOrigin,
  disconnect,
  findDanglingEdges,
  getEdges,
  getNodes,
  initMap,
  isValidId,
  readLiveEdges,
  readMeta,
  readNodes,
  removeDanglingEdges,
  removeNodes,
  setEdgeLabel,
  setMapKind,
  setMapTitle,
  setNodeKind,
  setNodeLabel,
  moveNodes,
  type EdgeId,
  type NodeId,
} from '../src/index.ts';
import { cloneDoc, isWellFormed, recordTransactions, syncAll } from './replicas.ts';
import { edgeView, nodeView } from './views.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');

const nodeId = (id: string): NodeId => id as NodeId;
const edgeId = (id: string): EdgeId => id as EdgeId;

/** A map with three nodes (a, b, c) and the links a->b and b->c. */
function smallMap(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Youth employment', kind: 'theory-of-change' }, alice);
  addNode(doc, { id: nodeId('a'), kind: 'activity', label: 'Mentoring sessions', x: 0, y: 0 }, alice);
  addNode(doc, { id: nodeId('b'), kind: 'output', label: 'Mentees trained', x: 100, y: 0 }, alice);
  addNode(doc, { id: nodeId('c'), kind: 'outcome', label: 'More youth in jobs', x: 200, y: 0 }, alice);
  connect(doc, { id: edgeId('ab'), source: nodeId('a'), target: nodeId('b') }, alice);
  connect(doc, { id: edgeId('bc'), source: nodeId('b'), target: nodeId('c') }, alice);
  return doc;
}

const nodeLabel = (doc: Y.Doc, id: string): string | undefined => readNodes(doc).find((n) => n.id === id)?.label;
const edgeLabel = (doc: Y.Doc, id: string): string | undefined => readLiveEdges(doc).find((e) => e.id === id)?.label;

describe('initMap, setMapTitle, setMapKind', () => {
  it('writes the meta record in one transaction and truncates a long title', () => {
    const doc = new Y.Doc();
    const log = recordTransactions(doc);
    initMap(doc, { title: 'T'.repeat(MAX_TITLE_LENGTH + 50), kind: 'partnership' }, alice);
    expect(log.transactions).toEqual([{ origin: alice, changed: true }]);
    expect(readMeta(doc)).toEqual({
      schemaVersion: 2,
      title: 'T'.repeat(MAX_TITLE_LENGTH),
      kind: 'partnership',
      lanes: null,
      ceilingY: null,
    });
  });

  it('setMapTitle and setMapKind each write once with the given origin', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    setMapTitle(doc, 'Girls in sport', bob);
    setMapKind(doc, 'partnership', bob);
    expect(log.transactions).toEqual([
      { origin: bob, changed: true },
      { origin: bob, changed: true },
    ]);
    expect(readMeta(doc)).toMatchObject({ title: 'Girls in sport', kind: 'partnership' });
  });

  it('never cuts a title in the middle of an emoji', () => {
    const doc = new Y.Doc();
    setMapTitle(doc, 'a'.repeat(MAX_TITLE_LENGTH - 1) + '🌍', alice);
    const title = readMeta(doc).title;
    expect(title).toBe('a'.repeat(MAX_TITLE_LENGTH - 1));
    expect(readMeta(cloneDoc(doc)).title).toBe(title);
  });
});

describe('addNode', () => {
  it('adds a node record with a fresh random id in one transaction', () => {
    const doc = new Y.Doc();
    const log = recordTransactions(doc);
    const id = addNode(doc, { kind: 'outcome', label: 'Trust between partners', x: 10, y: -20 }, alice);
    expect(isValidId(id)).toBe(true);
    expect(log.transactions).toEqual([{ origin: alice, changed: true }]);
    expect(log.updates.map((u) => u.origin)).toEqual([alice]);
    expect(readNodes(doc)).toEqual([nodeView({ id, kind: 'outcome', label: 'Trust between partners', x: 10, y: -20 })]);
    expect(getNodes(doc).get(id)?.get('label')).toBeInstanceOf(Y.Text);
  });

  it('uses the given id, and two calls without one give different ids', () => {
    const doc = new Y.Doc();
    expect(addNode(doc, { id: nodeId('given'), kind: 'note', x: 0, y: 0 }, alice)).toBe('given');
    const first = addNode(doc, { kind: 'note', x: 0, y: 0 }, alice);
    const second = addNode(doc, { kind: 'note', x: 0, y: 0 }, alice);
    expect(first).not.toBe(second);
    expect(readNodes(doc)).toHaveLength(3);
  });

  it('truncates the label and rounds and clamps coordinates', () => {
    const doc = new Y.Doc();
    const id = addNode(
      doc,
      { kind: 'risk', label: 'x'.repeat(MAX_LABEL_LENGTH + 1), x: 12.3456, y: -5 * MAX_COORDINATE },
      alice,
    );
    expect(readNodes(doc)[0]).toEqual(
      nodeView({ id, kind: 'risk', label: 'x'.repeat(MAX_LABEL_LENGTH), x: 12.35, y: -MAX_COORDINATE }),
    );
    const nan = addNode(doc, { kind: 'risk', x: Number.NaN, y: Number.POSITIVE_INFINITY }, alice);
    expect(readNodes(doc).find((n) => n.id === nan)).toMatchObject({ x: 0, y: 0, label: '' });
  });
});

describe('setNodeLabel', () => {
  it('changes the label in one transaction and reports a missing node', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(setNodeLabel(doc, nodeId('a'), 'Peer mentoring sessions', bob)).toBe(true);
    expect(nodeLabel(doc, 'a')).toBe('Peer mentoring sessions');
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(setNodeLabel(doc, nodeId('nope'), 'x', bob)).toBe(false);
    expect(log.transactions).toHaveLength(1);
  });

  it('edits only the changed part, so a concurrent edit elsewhere in the label survives', () => {
    const docA = new Y.Doc();
    addNode(docA, { id: nodeId('n'), kind: 'outcome', label: 'Improved school attendance', x: 0, y: 0 }, alice);
    const docB = cloneDoc(docA);

    setNodeLabel(docA, nodeId('n'), 'Improved primary school attendance', alice);
    setNodeLabel(docB, nodeId('n'), 'Improved school attendance rates', bob);
    syncAll([docA, docB]);

    expect(nodeLabel(docA, 'n')).toBe('Improved primary school attendance rates');
    expect(nodeLabel(docB, 'n')).toBe('Improved primary school attendance rates');
  });

  it('a concurrent deletion and insertion in different words both survive', () => {
    const docA = new Y.Doc();
    addNode(docA, { id: nodeId('n'), kind: 'outcome', label: 'Stronger local sport clubs', x: 0, y: 0 }, alice);
    const docB = cloneDoc(docA);
    setNodeLabel(docA, nodeId('n'), 'Stronger sport clubs', alice);
    setNodeLabel(docB, nodeId('n'), 'Stronger local sport clubs for girls', bob);
    syncAll([docA, docB]);
    expect(nodeLabel(docA, 'n')).toBe('Stronger sport clubs for girls');
    expect(nodeLabel(docB, 'n')).toBe('Stronger sport clubs for girls');
  });

  it('changes one emoji for another without corrupting it, locally and on a peer', () => {
    const doc = new Y.Doc();
    addNode(doc, { id: nodeId('n'), kind: 'note', label: 'Mood 😀 today', x: 0, y: 0 }, alice);
    setNodeLabel(doc, nodeId('n'), 'Mood 😁 today', alice);
    expect(nodeLabel(doc, 'n')).toBe('Mood 😁 today');
    expect(nodeLabel(cloneDoc(doc), 'n')).toBe('Mood 😁 today');
  });

  it('does not write when the label is unchanged', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    setNodeLabel(doc, nodeId('a'), 'Mentoring sessions', alice);
    expect(log.updates).toEqual([]);
    expect(log.transactions.every((t) => !t.changed)).toBe(true);
  });

  it('truncates to the maximum length without leaving half an emoji', () => {
    const doc = smallMap();
    setNodeLabel(doc, nodeId('a'), 'a'.repeat(MAX_LABEL_LENGTH - 1) + '😀', alice);
    const label = nodeLabel(doc, 'a') ?? '';
    expect(label).toBe('a'.repeat(MAX_LABEL_LENGTH - 1));
    expect(isWellFormed(label)).toBe(true);
  });

  it('replaces a label a third-party client stored as a plain string with a Y.Text', () => {
    const doc = smallMap();
    getNodes(doc).get('a')?.set('label', 'plain');
    setNodeLabel(doc, nodeId('a'), 'rich', alice);
    expect(getNodes(doc).get('a')?.get('label')).toBeInstanceOf(Y.Text);
    expect(nodeLabel(doc, 'a')).toBe('rich');
  });
});

describe('setNodeKind', () => {
  it('changes the kind in one transaction', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(setNodeKind(doc, nodeId('c'), 'impact', bob)).toBe(true);
    expect(readNodes(doc).find((n) => n.id === 'c')?.kind).toBe('impact');
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
  });

  it('does not write when the kind is already set, and reports a missing node', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(setNodeKind(doc, nodeId('c'), 'outcome', bob)).toBe(true);
    expect(setNodeKind(doc, nodeId('zzz'), 'outcome', bob)).toBe(false);
    expect(log.updates).toEqual([]);
    expect(log.transactions.filter((t) => t.changed)).toEqual([]);
  });
});

describe('moveNodes', () => {
  it('moves several nodes in one transaction and skips unknown ids', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    const moved = moveNodes(
      doc,
      [
        { id: nodeId('a'), x: 5, y: 6 },
        { id: nodeId('ghost'), x: 1, y: 1 },
        { id: nodeId('c'), x: -7, y: 8.004 },
      ],
      bob,
    );
    expect(moved).toBe(2);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(log.updates.map((u) => u.origin)).toEqual([bob]);
    const positions = Object.fromEntries(readNodes(doc).map((n) => [n.id, [n.x, n.y]]));
    expect(positions).toEqual({ a: [5, 6], b: [100, 0], c: [-7, 8] });
  });

  it('emits no update when no position changes (including after rounding)', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    moveNodes(
      doc,
      [
        { id: nodeId('a'), x: 0, y: 0 },
        { id: nodeId('b'), x: 100.001, y: -0.004 },
      ],
      bob,
    );
    expect(log.updates).toEqual([]);
    expect(log.transactions.filter((t) => t.changed)).toEqual([]);
  });

  it('writes only the coordinate that changed', () => {
    const doc = smallMap();
    const keys: string[] = [];
    getNodes(doc)
      .get('b')
      ?.observe((event) => keys.push(...event.keysChanged));
    moveNodes(doc, [{ id: nodeId('b'), x: 100, y: 50 }], alice);
    expect(keys).toEqual(['y']);
  });

  it('clamps far-away and non-finite positions', () => {
    const doc = smallMap();
    moveNodes(doc, [{ id: nodeId('a'), x: 1e300, y: Number.NaN }], alice);
    expect(readNodes(doc).find((n) => n.id === 'a')).toMatchObject({ x: MAX_COORDINATE, y: 0 });
  });
});

describe('removeNodes', () => {
  it('removes the nodes and every link touching them, in one transaction', () => {
    const doc = smallMap();
    connect(doc, { id: edgeId('ca'), source: nodeId('c'), target: nodeId('a') }, alice);
    const log = recordTransactions(doc);
    expect(removeNodes(doc, [nodeId('b'), nodeId('ghost')], bob)).toBe(1);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(
      readNodes(doc)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['a', 'c']);
    // Both the incoming (a->b) and outgoing (b->c) links of b are gone from the document itself.
    expect([...getEdges(doc).keys()]).toEqual(['ca']);
    expect(findDanglingEdges(doc)).toEqual([]);
  });

  it('does nothing when none of the ids exist', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(removeNodes(doc, [nodeId('ghost')], bob)).toBe(0);
    expect(log.transactions).toEqual([]);
    expect(readNodes(doc)).toHaveLength(3);
  });
});

describe('connect', () => {
  it('links two existing nodes in one transaction', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    const result = connect(doc, { source: nodeId('a'), target: nodeId('c'), label: 'in the long run' }, bob);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isValidId(result.id)).toBe(true);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(readLiveEdges(doc).find((e) => e.id === result.id)).toEqual(
      edgeView({ id: result.id, source: 'a', target: 'c', label: 'in the long run' }),
    );
  });

  it('refuses a self-link, a missing node and a duplicate, without writing', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(connect(doc, { source: nodeId('a'), target: nodeId('a') }, bob)).toEqual({ ok: false, reason: 'self-link' });
    expect(connect(doc, { source: nodeId('a'), target: nodeId('ghost') }, bob)).toEqual({
      ok: false,
      reason: 'missing-node',
    });
    expect(connect(doc, { source: nodeId('ghost'), target: nodeId('a') }, bob)).toEqual({
      ok: false,
      reason: 'missing-node',
    });
    expect(connect(doc, { source: nodeId('a'), target: nodeId('b') }, bob)).toEqual({ ok: false, reason: 'duplicate' });
    expect(log.transactions).toEqual([]);
    expect(getEdges(doc).size).toBe(2);
  });

  it('allows the reverse direction of an existing link (a feedback loop)', () => {
    const doc = smallMap();
    expect(connect(doc, { source: nodeId('b'), target: nodeId('a') }, bob).ok).toBe(true);
    expect(readLiveEdges(doc)).toHaveLength(3);
  });

  it('refuses to link to a node record a third-party client stored in the wrong shape', () => {
    const doc = smallMap();
    getNodes(doc).set('broken', 'not a map' as unknown as Y.Map<unknown>);
    expect(connect(doc, { source: nodeId('a'), target: nodeId('broken') }, bob)).toEqual({
      ok: false,
      reason: 'missing-node',
    });
  });
});

describe('disconnect', () => {
  it('removes the given links in one transaction and ignores unknown ids', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(disconnect(doc, [edgeId('ab'), edgeId('zz')], bob)).toBe(1);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(readLiveEdges(doc).map((e) => e.id)).toEqual(['bc']);
    expect(readNodes(doc)).toHaveLength(3);
  });

  it('does nothing when no id exists', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(disconnect(doc, [edgeId('zz')], bob)).toBe(0);
    expect(log.transactions).toEqual([]);
  });
});

describe('setEdgeLabel', () => {
  it('labels a link in one transaction and reports a missing link', () => {
    const doc = smallMap();
    const log = recordTransactions(doc);
    expect(setEdgeLabel(doc, edgeId('ab'), 'if mentors stay', bob)).toBe(true);
    expect(edgeLabel(doc, 'ab')).toBe('if mentors stay');
    expect(setEdgeLabel(doc, edgeId('zz'), 'x', bob)).toBe(false);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
  });

  it('merges concurrent edits at different positions of the same link label', () => {
    const docA = smallMap();
    setEdgeLabel(docA, edgeId('ab'), 'mentors are trained', alice);
    const docB = cloneDoc(docA);
    setEdgeLabel(docA, edgeId('ab'), 'local mentors are trained', alice);
    setEdgeLabel(docB, edgeId('ab'), 'mentors are trained and paid', bob);
    syncAll([docA, docB]);
    expect(edgeLabel(docA, 'ab')).toBe('local mentors are trained and paid');
    expect(edgeLabel(docB, 'ab')).toBe('local mentors are trained and paid');
  });
});

describe('findDanglingEdges and removeDanglingEdges', () => {
  /** Alice removes node b while Bob, offline, links c to b. */
  function concurrentRemoveAndConnect(): { docA: Y.Doc; docB: Y.Doc; danglingId: EdgeId } {
    const docA = smallMap();
    const docB = cloneDoc(docA);
    removeNodes(docA, [nodeId('b')], alice);
    const result = connect(docB, { id: edgeId('cb'), source: nodeId('c'), target: nodeId('b') }, bob);
    expect(result.ok).toBe(true);
    syncAll([docA, docB]);
    return { docA, docB, danglingId: edgeId('cb') };
  }

  it('finds the link a concurrent delete left dangling, which readers already hide', () => {
    const { docA, docB, danglingId } = concurrentRemoveAndConnect();
    for (const doc of [docA, docB]) {
      expect(findDanglingEdges(doc)).toEqual([danglingId]);
      expect(getEdges(doc).has(danglingId)).toBe(true);
      expect(readLiveEdges(doc)).toEqual([]);
    }
  });

  it('deletes dangling links with the cleanup origin, once', () => {
    const { docA, docB, danglingId } = concurrentRemoveAndConnect();
    const log = recordTransactions(docA);
    expect(removeDanglingEdges(docA)).toBe(1);
    expect(log.transactions).toEqual([{ origin: CLEANUP_ORIGIN, changed: true }]);
    expect(getEdges(docA).has(danglingId)).toBe(false);
    syncAll([docA, docB]);
    expect(findDanglingEdges(docB)).toEqual([]);
    expect(removeDanglingEdges(docA)).toBe(0);
    expect(log.transactions.filter((t) => t.origin === CLEANUP_ORIGIN)).toHaveLength(1);
  });

  it('also counts malformed links as dangling, and passes a given origin on', () => {
    const doc = smallMap();
    const bad = new Y.Map<unknown>();
    bad.set('source', 'a');
    getEdges(doc).set('no-target', bad);
    expect(findDanglingEdges(doc)).toEqual(['no-target']);
    const log = recordTransactions(doc);
    expect(removeDanglingEdges(doc, bob)).toBe(1);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect([...getEdges(doc).keys()].sort()).toEqual(['ab', 'bc']);
  });
});
