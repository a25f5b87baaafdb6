import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addNode, createOrigin, initMap, moveNodes, readNodes, type NodeId, type NodeView } from '@loopmap/shared';
import { NewCardSettler, SETTLE_WINDOW_MS } from '../src/collab/settleNewCards.ts';

const user = createOrigin('user', 'someone');
const settleOrigin = createOrigin('cleanup', 'settle');
const REMOTE = Symbol('remote');

interface Peer {
  doc: Y.Doc;
  settler: NewCardSettler;
  /** Moves written by the settler. */
  settleWrites: number;
}

function peer(clientID: number, now: () => number = () => 0): Peer {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const result: Peer = { doc, settler: new NewCardSettler(doc, { origin: settleOrigin, now }), settleWrites: 0 };
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin === settleOrigin) result.settleWrites++;
  });
  return result;
}

/** Connects peers as a network would from now on: every local update reaches the others (as remote). */
function connect(peers: readonly Peer[]): void {
  for (const a of peers) {
    a.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      for (const b of peers) if (b !== a) Y.applyUpdate(b.doc, update, REMOTE);
    });
  }
  for (const a of peers) {
    for (const b of peers) {
      if (a === b) continue;
      Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), REMOTE);
    }
  }
}

/** The cards of a replica in a replica-independent order. */
const cardsOf = (doc: Y.Doc): NodeView[] => readNodes(doc).sort((a, b) => (a.id < b.id ? -1 : 1));

/** A map both peers start from (the first peer creates it, the others receive it). */
function sharedStart(peers: readonly Peer[]): void {
  initMap(peers[0]!.doc, { title: 'Map', kind: 'theory-of-change' }, user);
  addNode(peers[0]!.doc, { kind: 'impact', x: 0, y: -400 }, user);
  for (const other of peers.slice(1)) Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(peers[0]!.doc), REMOTE);
}

const overlap = (a: NodeView, b: NodeView): boolean =>
  a.x < b.x + 220 && b.x < a.x + 220 && a.y < b.y + 84 && b.y < a.y + 84;

function overlapping(doc: Y.Doc): [string, string][] {
  const nodes = readNodes(doc);
  const out: [string, string][] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++)
      if (overlap(nodes[i]!, nodes[j]!)) out.push([nodes[i]!.id, nodes[j]!.id]);
  }
  return out;
}

const position = (doc: Y.Doc, id: string) => {
  const node = readNodes(doc).find((n) => n.id === id)!;
  return { x: node.x, y: node.y };
};

/** Each peer adds a card at the same spot, offline from the others, and watches it. */
function addConcurrently(peers: readonly Peer[], at = { x: 100, y: 100 }): NodeId[] {
  return peers.map((p) => {
    const id = addNode(p.doc, { kind: 'outcome', x: at.x, y: at.y }, user);
    p.settler.track(id);
    return id;
  });
}

describe('NewCardSettler: two peers add a card at the same spot at the same moment', () => {
  it.each([
    [1, 2],
    [2, 1],
  ])('exactly the card of the higher client id moves, once, off the other (client ids %i, %i)', (first, second) => {
    const a = peer(first);
    const b = peer(second);
    sharedStart([a, b]);
    const [cardA, cardB] = addConcurrently([a, b]);
    expect(overlapping(a.doc)).toEqual([]);

    connect([a, b]);

    expect(overlapping(a.doc)).toEqual([]);
    expect(overlapping(b.doc)).toEqual([]);
    expect(cardsOf(a.doc)).toEqual(cardsOf(b.doc));
    const [mover, stayer] = first > second ? [cardA!, cardB!] : [cardB!, cardA!];
    expect(position(a.doc, stayer)).toEqual({ x: 100, y: 100 });
    expect(position(a.doc, mover)).not.toEqual({ x: 100, y: 100 });
    // One write in all, by the mover's client.
    expect(a.settleWrites + b.settleWrites).toBe(1);
    expect((first > second ? a : b).settleWrites).toBe(1);
  });

  it('without the settler the two cards stay on each other (what it is for)', () => {
    const a = peer(1);
    const b = peer(2);
    sharedStart([a, b]);
    a.settler.destroy();
    b.settler.destroy();
    addConcurrently([a, b]);
    connect([a, b]);
    expect(overlapping(a.doc)).toHaveLength(1);
  });

  it('three peers at one spot end with no two cards overlapping, and converge', () => {
    const peers = [peer(3), peer(1), peer(2)];
    sharedStart(peers);
    addConcurrently(peers);
    connect(peers);
    for (const p of peers) expect(overlapping(p.doc)).toEqual([]);
    expect(cardsOf(peers[1]!.doc)).toEqual(cardsOf(peers[0]!.doc));
    expect(cardsOf(peers[2]!.doc)).toEqual(cardsOf(peers[0]!.doc));
    // The lowest client id never moves.
    expect(peers[1]!.settleWrites).toBe(0);
  });

  it('leaves a card alone once someone moved it, or once it is no longer new', () => {
    let clock = 0;
    const a = peer(1, () => clock);
    const b = peer(2, () => clock);
    sharedStart([a, b]);
    const [, cardB] = addConcurrently([a, b]);
    // b's user drags the card a little (still on the spot where a's card lands).
    moveNodes(b.doc, [{ id: cardB!, x: 110, y: 100 }], user);
    connect([a, b]);
    expect(a.settleWrites + b.settleWrites).toBe(0);

    const c = peer(4, () => clock);
    const d = peer(3, () => clock);
    sharedStart([c, d]);
    addConcurrently([c, d]);
    clock = SETTLE_WINDOW_MS + 1;
    connect([c, d]);
    expect(c.settleWrites + d.settleWrites).toBe(0);
  });

  it('does not move a card for a card of its own client (placement already kept those apart)', () => {
    const a = peer(5);
    sharedStart([a]);
    const first = addNode(a.doc, { kind: 'note', x: 0, y: 0 }, user);
    a.settler.track(first);
    // A change arrives from a peer, with a card elsewhere; a's own second card overlaps its first.
    addNode(a.doc, { kind: 'note', x: 10, y: 0 }, user);
    const b = peer(6);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
    addNode(b.doc, { kind: 'note', x: 900, y: 900 }, user);
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)), REMOTE);
    expect(a.settleWrites).toBe(0);
  });
});
