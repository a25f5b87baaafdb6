import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNode, connect, createOrigin, removeNodes, setNodeLabel, type NodeId } from '@loopmap/shared';
import { FlowStore } from '../src/canvas/FlowStore.ts';
import { overlayFromPeers } from '../src/canvas/presenceOverlay.ts';
import { EMPTY_OVERLAY } from '../src/canvas/toFlow.ts';
import type { Peer } from '../src/collab/presence.ts';

const me = createOrigin('user', 'me');

function setup(count = 3) {
  const doc = new Y.Doc();
  const ids: NodeId[] = [];
  for (let i = 0; i < count; i++) ids.push(addNode(doc, { kind: 'activity', label: `a${i}`, x: i * 300, y: 0 }, me));
  const commitMoves = vi.fn();
  const onSelectionChange = vi.fn();
  const store = new FlowStore({ doc, commitMoves, onSelectionChange });
  const disconnect = store.connect();
  return { doc, ids, store, commitMoves, onSelectionChange, disconnect };
}

const peer = (clientId: number, fields: Partial<Peer>): Peer => ({
  clientId,
  user: { name: `p${clientId}`, color: '#123456' },
  cursor: null,
  selection: [],
  dragging: new Map(),
  ...fields,
});

describe('FlowStore', () => {
  it('follows the document, touching only what changed', () => {
    const { doc, ids, store } = setup();
    const before = store.getNodes();
    const listener = vi.fn();
    store.subscribe(listener);
    setNodeLabel(doc, ids[1]!, 'renamed', me);
    const after = store.getNodes();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.data.label).toBe('renamed');
    expect(after[2]).toBe(before[2]);
  });

  it('drops links with their node', () => {
    const { doc, ids, store } = setup();
    connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    expect(store.getEdges()).toHaveLength(1);
    removeNodes(doc, [ids[1]!], me);
    expect(store.getEdges()).toHaveLength(0);
    expect(store.getNodes().map((n) => n.id)).toEqual([ids[0], ids[2]]);
  });

  it('moves locally while dragging and commits only the final position', () => {
    const { ids, store, commitMoves } = setup();
    const id = ids[0]!;
    for (let i = 1; i <= 30; i++) {
      store.onNodesChange([{ type: 'position', id, position: { x: i, y: i }, dragging: true }]);
    }
    expect(commitMoves).not.toHaveBeenCalled();
    expect(store.getNodes()[0]!.position).toEqual({ x: 30, y: 30 });
    store.onNodesChange([{ type: 'position', id, position: { x: 31, y: 31 }, dragging: false }]);
    expect(commitMoves).toHaveBeenCalledTimes(1);
    expect(commitMoves).toHaveBeenCalledWith([{ id, x: 31, y: 31 }]);
  });

  it('leaves removals to the document', () => {
    const { ids, store } = setup();
    store.onNodesChange([{ type: 'remove', id: ids[0]! }]);
    expect(store.getNodes()).toHaveLength(3);
  });

  it('selects from outside and reports the selection', () => {
    const { ids, store, onSelectionChange } = setup();
    store.selectNodes([ids[0]!]);
    expect(store.getSelection()).toEqual([ids[0]]);
    store.selectNodes([ids[2]!], 'toggle');
    expect(store.getSelection()).toEqual([ids[0], ids[2]]);
    store.selectNodes([ids[0]!], 'toggle');
    expect(store.getSelection()).toEqual([ids[2]]);
    expect(onSelectionChange).toHaveBeenLastCalledWith([ids[2]]);
  });

  it("shows a peer's drag and selection on the nodes concerned only", () => {
    const { ids, store } = setup();
    const before = store.getNodes();
    store.setPeers([peer(2, { dragging: new Map([[ids[1]!, { x: 50, y: 60 }]]), selection: [ids[1]!] })]);
    const during = store.getNodes();
    expect(during[0]).toBe(before[0]);
    expect(during[1]!.position).toEqual({ x: 50, y: 60 });
    expect(during[1]!.data.peers).toEqual([{ name: 'p2', color: '#123456' }]);
    store.setPeers([]);
    expect(store.getNodes()[1]!.position).toEqual({ x: 300, y: 0 });
    expect(store.getNodes()[1]!.data.peers).toEqual([]);
  });

  it('stops following the document when disconnected', () => {
    const { doc, ids, store, disconnect } = setup();
    disconnect();
    setNodeLabel(doc, ids[0]!, 'unseen', me);
    expect(store.getNodes()[0]!.data.label).toBe('a0');
  });
});

describe('overlayFromPeers', () => {
  it('reports nothing touched when presence changed elsewhere (e.g. a cursor)', () => {
    const first = overlayFromPeers([peer(1, { selection: ['a'] })], EMPTY_OVERLAY);
    expect([...first.touched]).toEqual(['a']);
    const second = overlayFromPeers([peer(1, { selection: ['a'], cursor: { x: 1, y: 1 } })], first.overlay);
    expect(second.touched.size).toBe(0);
    expect(second.overlay).toBe(first.overlay);
  });
});
