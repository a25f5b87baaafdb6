import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addNode,
  connect,
  createOrigin,
  moveNodes,
  readNodes,
  removeNodes,
  setNodeLabel,
  toMapJSON,
  type NodeId,
} from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, createMapAs, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');

describe('live co-editing between peers', () => {
  let dir: string;
  let server: RunningServer;
  let mapId: string;
  let owner: Actor;
  const peers: TestPeer[] = [];
  const join = (name: string): TestPeer => {
    const peer = connectPeer(server.url, mapId, name, owner);
    peers.push(peer);
    return peer;
  };

  beforeEach(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    owner = await signUp(server.url, 'Owner');
    mapId = await createMapAs(owner, 'Community ToC');
  });

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await server.close();
    removeDir(dir);
  });

  it('a joiner receives the map the server created (title and kind)', async () => {
    const a = join('alice');
    await a.whenSynced();
    // A new theory of change starts from the blank template: its lanes and ceiling are drawn.
    expect(toMapJSON(a.doc).meta).toMatchObject({ title: 'Community ToC', kind: 'theory-of-change' });
    expect(toMapJSON(a.doc).meta.lanes?.bounds).toHaveLength(4);
    expect(toMapJSON(a.doc).meta.ceilingY).toEqual(expect.any(Number));
  });

  it('each peer sees the other’s adds, renames, moves, links and deletes', async () => {
    const a = join('alice');
    const b = join('bob');
    await Promise.all([a.whenSynced(), b.whenSynced()]);

    const outcome = addNode(a.doc, { kind: 'outcome', label: 'Peers trust each other', x: 0, y: 0 }, alice);
    await waitFor(() => b.doc.getMap('nodes').has(outcome), 'bob sees alice’s node');

    const activity = addNode(b.doc, { kind: 'activity', label: 'Monthly calls', x: 0, y: 200 }, bob);
    const link = connect(b.doc, { source: activity, target: outcome, label: 'builds' }, bob);
    expect(link.ok).toBe(true);
    setNodeLabel(a.doc, outcome, 'Peers trust each other more', alice);
    moveNodes(b.doc, [{ id: outcome, x: 40, y: -20 }], bob);

    await waitFor(
      () => JSON.stringify(toMapJSON(a.doc)) === JSON.stringify(toMapJSON(b.doc)) && readNodes(a.doc).length === 2,
      'both converge',
    );
    const json = toMapJSON(a.doc);
    expect(json.nodes.find((n) => n.id === outcome)).toMatchObject({
      label: 'Peers trust each other more',
      x: 40,
      y: -20,
    });
    expect(json.edges).toHaveLength(1);

    removeNodes(a.doc, [activity as NodeId], alice);
    await waitFor(
      () => toMapJSON(b.doc).nodes.length === 1 && toMapJSON(b.doc).edges.length === 0,
      'delete reaches bob',
    );
  });

  it('a late joiner gets everything, and the server acknowledges what each peer sent', async () => {
    const a = join('alice');
    await a.whenSynced();
    for (let i = 0; i < 50; i++) addNode(a.doc, { kind: 'output', label: `Output ${i}`, x: i * 10, y: 0 }, alice);
    await a.whenSaved();
    expect(a.saved()).toBeGreaterThan(0);
    expect(a.saved()).toBe(a.sent());

    const c = join('carol');
    await c.whenSynced();
    expect(readNodes(c.doc)).toHaveLength(50);
    expect(toMapJSON(c.doc)).toEqual(toMapJSON(a.doc));
  });

  it('presence travels with the identity the server stamps, and goes when the peer leaves', async () => {
    const alice = await signUp(server.url, 'Alice');
    const bob = await signUp(server.url, 'Bob');
    await addMember(owner, mapId, alice, 'editor');
    await addMember(owner, mapId, bob, 'viewer');
    const a = connectPeer(server.url, mapId, 'alice', alice);
    const b = connectPeer(server.url, mapId, 'bob', bob);
    peers.push(a, b);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    // Alice's client claims to be someone else; the server stamps who she is.
    a.provider.awareness.setLocalStateField('user', { name: 'The Facilitator', color: '#000000', id: owner.userId });
    a.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    type Presence = { user?: { name?: string; id?: string }; cursor?: { x: number } };
    const seenByBob = () => [...b.provider.awareness.getStates().values()] as Presence[];
    await waitFor(() => seenByBob().some((s) => s.cursor?.x === 10), 'bob sees alice’s cursor');
    const aliceState = seenByBob().find((s) => s.cursor?.x === 10)!;
    expect(aliceState.user).toMatchObject({ name: 'Alice', id: alice.userId });
    a.destroy();
    await waitFor(() => !seenByBob().some((s) => s.cursor?.x === 10), 'alice’s presence is removed when she leaves');
  });

  it('edits made while disconnected merge on reconnect', async () => {
    const a = join('alice');
    const b = join('bob');
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    a.provider.disconnect();
    const offline = addNode(a.doc, { kind: 'lesson', label: 'Written offline', x: 1, y: 1 }, alice);
    const online = addNode(b.doc, { kind: 'risk', label: 'Written online', x: 2, y: 2 }, bob);
    await b.whenSaved();
    a.provider.connect();
    await waitFor(
      () => b.doc.getMap('nodes').has(offline) && a.doc.getMap('nodes').has(online),
      'both edits on both sides',
    );
    await a.whenSaved();
  });

  it('a link left dangling by concurrent edits is removed by the server and never exported', async () => {
    const a = join('alice');
    const b = join('bob');
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const x = addNode(a.doc, { kind: 'outcome', label: 'X', x: 0, y: 0 }, alice);
    const y = addNode(a.doc, { kind: 'outcome', label: 'Y', x: 0, y: 100 }, alice);
    await waitFor(() => b.doc.getMap('nodes').has(y), 'bob has both nodes');
    // Both go offline, then one deletes Y while the other links X -> Y.
    a.provider.disconnect();
    b.provider.disconnect();
    removeNodes(a.doc, [y], alice);
    const link = connect(b.doc, { source: x, target: y }, bob);
    expect(link.ok).toBe(true);
    a.provider.connect();
    b.provider.connect();
    await waitFor(
      () => b.doc.getMap('edges').size === 0 && a.doc.getMap('edges').size === 0,
      'the dangling link is cleaned up',
    );
    const exported = (await owner.api('GET', `/api/maps/${mapId}/export?format=json`)).body as {
      edges: unknown[];
      nodes: unknown[];
    };
    expect(exported.edges).toEqual([]);
    expect(exported.nodes).toHaveLength(1);
  });

  it('one in-memory document is shared by all peers of a map and unloaded after the last leaves', async () => {
    server = await (async () => {
      await server.close();
      return startTestServer(dir, { rooms: { idleUnloadMs: 20 } });
    })();
    const a = join('alice');
    const b = join('bob');
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    expect(server.rooms.loadedCount).toBe(1);
    addNode(a.doc, { kind: 'impact', label: 'Thriving cities', x: 0, y: 0 }, alice);
    await a.whenSaved();
    a.destroy();
    b.destroy();
    await waitFor(() => server.rooms.loadedCount === 0, 'room unloaded');
    const c = join('carol');
    await c.whenSynced();
    expect(readNodes(c.doc).map((n) => n.label)).toEqual(['Thriving cities']);
  });
});
