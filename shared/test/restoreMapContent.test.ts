import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addEntry,
  addNode,
  createOrigin,
  diffMaps,
  fromMapJSON,
  getNodes,
  restoreMapContent,
  setNodeField,
  setNodeLabel,
  toMapJSON,
  type MapJSON,
  type NodeId,
} from '../src/index.ts';
import { mapJsonArbitrary } from './mapJsonArbitrary.ts';
import { editedMapArbitrary, sortedContent } from './mapEdits.ts';
import { cloneDoc, recordTransactions, syncAll } from './replicas.ts';
import { fullMap } from './fullMap.ts';

const restorer = createOrigin('server', 'restore');
const ben = createOrigin('user', 'ben');
const n = (id: string): NodeId => id as NodeId;

/** fullMap a few edits later: a card renamed and re-rated, one removed, a review added, the map renamed. */
function later(): MapJSON {
  const doc = fromMapJSON(fullMap());
  setNodeLabel(doc, n('outcome'), 'Coaches trust each other deeply', ben);
  setNodeField(doc, n('outcome'), 'status', 'green', ben);
  addEntry(doc, n('assumption'), 'reviews', { date: '2025-06-02', status: 'broken', note: '', by: 'Ben' }, ben);
  addNode(doc, { id: n('new'), kind: 'note', label: 'Added later', x: 1, y: 2 }, ben);
  return toMapJSON(doc);
}

describe('restoreMapContent', () => {
  it('makes the document read as the target, for arbitrary pairs of maps', () => {
    fc.assert(
      fc.property(mapJsonArbitrary, mapJsonArbitrary, (a, b) => {
        const doc = fromMapJSON(a);
        const diff = restoreMapContent(doc, b, restorer);
        expect(toMapJSON(doc)).toEqual(sortedContent(b));
        expect(diff).toEqual(diffMaps(a, b));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('makes the document read as the target, for a target a few edits away', () => {
    fc.assert(
      fc.property(editedMapArbitrary, ([a, b]) => {
        const doc = fromMapJSON(b);
        restoreMapContent(doc, a, restorer);
        expect(toMapJSON(doc)).toEqual(sortedContent(a));
        // And back again, on the same document.
        restoreMapContent(doc, b, restorer);
        expect(toMapJSON(doc)).toEqual(sortedContent(b));
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('keeps concurrent edits to every card it leaves alone (property)', () => {
    fc.assert(
      fc.property(editedMapArbitrary, ([a, b]) => {
        const server = fromMapJSON(b);
        const peer = cloneDoc(server);
        const touched = new Set(diffMaps(b, a).cards.map((card) => card.id));
        const untouched = a.nodes.filter((node) => !touched.has(node.id));
        restoreMapContent(server, a, restorer);
        for (const node of untouched) {
          setNodeLabel(peer, n(node.id), `${node.label}!`, ben);
          setNodeField(peer, n(node.id), 'status', 'red', ben);
        }
        syncAll([server, peer]);
        const expected = sortedContent({
          ...a,
          nodes: a.nodes.map((node) =>
            touched.has(node.id) ? node : { ...node, label: `${node.label}!`, status: 'red' as const },
          ),
        });
        expect(toMapJSON(server)).toEqual(expected);
        expect(toMapJSON(peer)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('is one transaction, and one update for peers', () => {
    const doc = fromMapJSON(later());
    const log = recordTransactions(doc);
    const diff = restoreMapContent(doc, fullMap(), restorer);
    expect(diff.counts).toEqual({ added: 0, removed: 1, changed: 2, moved: 0 });
    expect(log.transactions).toEqual([{ origin: restorer, changed: true }]);
    expect(log.updates).toHaveLength(1);
    expect(toMapJSON(doc)).toEqual(fullMap());
  });

  it('writes nothing when the content is already the target', () => {
    const doc = fromMapJSON(fullMap());
    const log = recordTransactions(doc);
    const diff = restoreMapContent(doc, fullMap(), restorer);
    expect(diff.cards).toEqual([]);
    expect(log.updates).toHaveLength(0);
  });

  it('edits texts in place and keeps the records of cards it changes', () => {
    const doc = fromMapJSON(later());
    const record = getNodes(doc).get('outcome');
    const title = record!.get('label');
    restoreMapContent(doc, fullMap(), restorer);
    expect(getNodes(doc).get('outcome')).toBe(record);
    expect(record!.get('label')).toBe(title);
  });

  it('lets a concurrent edit on a card it does not touch survive the merge', () => {
    const server = fromMapJSON(later());
    const peer = cloneDoc(server);
    restoreMapContent(server, fullMap(), restorer);
    // Meanwhile, offline, Ben re-rates the risk, renames the lesson and types in the restored title.
    setNodeField(peer, n('risk'), 'likelihood', 'low', ben);
    setNodeLabel(peer, n('lesson'), 'Paired visits beat webinars, twice over', ben);
    setNodeLabel(peer, n('outcome'), 'Coaches trust each other deeply!', ben);
    syncAll([server, peer]);
    const merged = toMapJSON(server);
    expect(toMapJSON(peer)).toEqual(merged);
    const card = (id: string) => merged.nodes.find((node) => node.id === id)!;
    expect(card('risk').likelihood).toBe('low');
    expect(card('lesson').label).toBe('Paired visits beat webinars, twice over');
    // The restore removed " deeply" from the title; Ben's "!" at the end survives it.
    expect(card('outcome').label).toBe('Coaches trust each other!');
    expect(card('outcome').status).toBe('amber');
    expect(merged.nodes.some((node) => node.id === 'new')).toBe(false);
  });

  it('puts back a removed card under its id, with its links and attachments', () => {
    const now = fullMap();
    now.nodes = now.nodes.filter(
      (node) => node.id !== 'activity' && node.id !== 'assumption' && node.id !== 'evidence',
    );
    now.edges = now.edges.filter((edge) => edge.id !== 'link-trust');
    const doc = new Y.Doc();
    const peer = fromMapJSON(now);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    const diff = restoreMapContent(doc, fullMap(), restorer);
    expect(diff.counts.added).toBe(4);
    expect(toMapJSON(doc)).toEqual(fullMap());
  });
});
