import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  attachNode,
  connect,
  createOrigin,
  disconnect,
  findAttached,
  getEdges,
  getNodes,
  initMap,
  readMapGraph,
  readNode,
  removeDanglingEdges,
  removeNodes,
  toMapJSON,
  type EdgeId,
  type NodeId,
  type NodeKind,
} from '../src/index.ts';
import { cloneDoc, recordTransactions, syncAll } from './replicas.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');
const nodeId = (id: string): NodeId => id as NodeId;
const edgeId = (id: string): EdgeId => id as EdgeId;

/**
 * activity -> outcome (link "ab"); an assumption on the link, an indicator on the outcome; a
 * standing evidence card, a risk and a frame.
 */
function map(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Attachments', kind: 'theory-of-change' }, alice);
  const card = (id: string, kind: NodeKind, attachedTo?: string): void => {
    addNode(doc, { id: nodeId(id), kind, label: id, x: 0, y: 0, attachedTo }, alice);
  };
  card('activity', 'activity');
  card('outcome', 'outcome');
  connect(doc, { id: edgeId('ab'), source: nodeId('activity'), target: nodeId('outcome') }, alice);
  card('assumption', 'assumption', 'ab');
  card('indicator', 'indicator', 'outcome');
  card('evidence', 'evidence');
  card('risk', 'risk');
  card('frame', 'group');
  return doc;
}

const attachedTo = (doc: Y.Doc, id: string): string | null | undefined =>
  readMapGraph(doc).nodeById.get(id)?.attachedTo;
const ids = (doc: Y.Doc): { nodes: string[]; edges: string[] } => ({
  nodes: [...getNodes(doc).keys()].sort(),
  edges: [...getEdges(doc).keys()].sort(),
});

describe('attachNode', () => {
  it('attaches an evidence card to a card and to a link, one transaction each', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(attachNode(doc, nodeId('evidence'), 'outcome', bob)).toEqual({ ok: true });
    expect(attachedTo(doc, 'evidence')).toBe('outcome');
    expect(attachNode(doc, nodeId('evidence'), 'ab', bob)).toEqual({ ok: true });
    expect(attachedTo(doc, 'evidence')).toBe('ab');
    expect(log.transactions).toEqual([
      { origin: bob, changed: true },
      { origin: bob, changed: true },
    ]);
    expect(toMapJSON(doc).nodes.find((n) => n.id === 'evidence')?.attachedTo).toBe('ab');
  });

  it('attaches only assumptions, indicators and evidence', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(attachNode(doc, nodeId('risk'), 'outcome', alice)).toEqual({ ok: false, reason: 'not-attachable' });
    expect(attachNode(doc, nodeId('frame'), 'ab', alice)).toEqual({ ok: false, reason: 'not-attachable' });
    expect(attachNode(doc, nodeId('activity'), 'outcome', alice)).toEqual({ ok: false, reason: 'not-attachable' });
    expect(log.transactions).toEqual([]);
  });

  it('refuses a frame, an attached card, the card itself, or a bad id as host', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(attachNode(doc, nodeId('evidence'), 'frame', alice)).toEqual({ ok: false, reason: 'bad-host' });
    expect(attachNode(doc, nodeId('evidence'), 'indicator', alice)).toEqual({ ok: false, reason: 'bad-host' });
    expect(attachNode(doc, nodeId('evidence'), 'evidence', alice)).toEqual({ ok: false, reason: 'bad-host' });
    expect(attachNode(doc, nodeId('evidence'), 'not an id', alice)).toEqual({ ok: false, reason: 'bad-host' });
    expect(log.transactions).toEqual([]);
    expect(attachedTo(doc, 'evidence')).toBeNull();
  });

  it('reports a missing card or host', () => {
    const doc = map();
    expect(attachNode(doc, nodeId('ghost'), 'outcome', alice)).toEqual({ ok: false, reason: 'missing-node' });
    expect(attachNode(doc, nodeId('evidence'), 'gone', alice)).toEqual({ ok: false, reason: 'missing-node' });
  });

  it('accepts a standing assumption, indicator or evidence card as host', () => {
    const doc = map();
    addNode(doc, { id: nodeId('a2'), kind: 'assumption', x: 0, y: 0 }, alice);
    expect(attachNode(doc, nodeId('evidence'), 'a2', alice)).toEqual({ ok: true });
    expect(attachedTo(doc, 'evidence')).toBe('a2');
  });

  it('detaches a card and places it, so it stands on the canvas where the user put it', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(attachNode(doc, nodeId('indicator'), null, bob, { x: 240.004, y: -80 })).toEqual({ ok: true });
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(readNode('indicator', getNodes(doc).get('indicator'))).toMatchObject({
      attachedTo: null,
      x: 240,
      y: -80,
    });
    expect(getNodes(doc).get('indicator')?.has('attachedTo')).toBe(false);
  });
});

describe('deleting a host', () => {
  it('removeNodes deletes the cards attached to the card and to its links, in one transaction', () => {
    const doc = map();
    const log = recordTransactions(doc);
    // The outcome goes, and with it its link, the link's assumption and its own indicator.
    expect(removeNodes(doc, [nodeId('outcome')], bob)).toBe(3);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(ids(doc)).toEqual({ nodes: ['activity', 'evidence', 'frame', 'risk'], edges: [] });
  });

  it('disconnect deletes what is attached to the link', () => {
    const doc = map();
    expect(disconnect(doc, [edgeId('ab')], bob)).toBe(1);
    expect(ids(doc).nodes).not.toContain('assumption');
    expect(ids(doc).nodes).toContain('indicator');
  });

  it('one undo of the local user brings the card, its links and its attachments back', () => {
    const doc = map();
    const before = JSON.stringify(toMapJSON(doc));
    const undo = new Y.UndoManager([getNodes(doc), getEdges(doc)], { trackedOrigins: new Set([bob]) });
    removeNodes(doc, [nodeId('outcome')], bob);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(JSON.stringify(toMapJSON(doc))).toBe(before);
    expect(attachedTo(doc, 'assumption')).toBe('ab');
    expect(attachedTo(doc, 'indicator')).toBe('outcome');
  });

  it('one undo brings a link and its assumption back', () => {
    const doc = map();
    const before = JSON.stringify(toMapJSON(doc));
    const undo = new Y.UndoManager([getNodes(doc), getEdges(doc)], { trackedOrigins: new Set([bob]) });
    disconnect(doc, [edgeId('ab')], bob);
    undo.undo();
    expect(JSON.stringify(toMapJSON(doc))).toBe(before);
  });

  it('findAttached lists the cards attached to any of the hosts', () => {
    const doc = map();
    expect(findAttached(doc, new Set(['ab', 'outcome'])).sort()).toEqual(['assumption', 'indicator']);
    expect(findAttached(doc, new Set())).toEqual([]);
  });
});

describe('attaching while another peer deletes the host', () => {
  it('the attached card survives the merge and the cleanup, and stands on the canvas', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    // Alice deletes the outcome (and so the link); Bob, offline, attaches evidence to the link.
    removeNodes(docA, [nodeId('outcome')], alice);
    expect(attachNode(docB, nodeId('evidence'), 'ab', bob)).toEqual({ ok: true });
    syncAll([docA, docB]);

    // The evidence card names a host that is gone: readers show it standing, on both replicas.
    for (const doc of [docA, docB]) {
      expect(getNodes(doc).has('evidence')).toBe(true);
      expect(attachedTo(doc, 'evidence')).toBeNull();
    }
    // The server's dangling-link cleanup does not delete it either.
    removeDanglingEdges(docA);
    syncAll([docA, docB]);
    expect(getNodes(docB).has('evidence')).toBe(true);
    expect(attachedTo(docB, 'evidence')).toBeNull();
    expect(JSON.stringify(toMapJSON(docA))).toBe(JSON.stringify(toMapJSON(docB)));
    expect(toMapJSON(docB).nodes.find((n) => n.id === 'evidence')).not.toHaveProperty('attachedTo');
  });

  it('a link drawn to a deleted card is cleaned up, and what was attached to it stays', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    removeNodes(docA, [nodeId('risk')], alice);
    const link = connect(docB, { id: edgeId('risky'), source: nodeId('risk'), target: nodeId('outcome') }, bob);
    expect(link.ok).toBe(true);
    expect(attachNode(docB, nodeId('evidence'), 'risky', bob)).toEqual({ ok: true });
    syncAll([docA, docB]);
    expect(attachedTo(docA, 'evidence')).toBeNull();

    expect(removeDanglingEdges(docA)).toBe(1);
    syncAll([docA, docB]);
    for (const doc of [docA, docB]) {
      expect(getEdges(doc).has('risky')).toBe(false);
      expect(getNodes(doc).has('evidence')).toBe(true);
      expect(attachedTo(doc, 'evidence')).toBeNull();
    }
  });
});
