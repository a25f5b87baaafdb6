import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  addNode,
  createOrigin,
  encodeAwarenessMessage,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  readNodes,
} from '@loopmap/shared';
import { SqliteStore } from '../src/storage/SqliteStore.ts';
import { RoomManager, type PeerHandle } from '../src/collab/RoomManager.ts';
import { PRESENCE_BACKLOG_BYTES } from '../src/collab/Peer.ts';
import { SLOW_PRESENCE_RETRY_MS } from '../src/collab/Room.ts';
import type { PeerSocket } from '../src/collab/PeerSocket.ts';
import { silentLogger } from '../src/logger.ts';

/**
 * A socket whose unsent bytes the test sets, as a slow link's would be: the server's side of a
 * peer on a weak connection. It records every frame the server hands it.
 */
class LinkSocket implements PeerSocket {
  readonly received: Uint8Array[] = [];
  backlog = 0;
  send(frame: Uint8Array): void {
    this.received.push(frame);
  }
  close(): void {}
  bufferedAmount(): number {
    return this.backlog;
  }
  presenceFrames(): Uint8Array[] {
    return this.received.filter((frame) => decoding.readVarUint(decoding.createDecoder(frame)) === MESSAGE_AWARENESS);
  }
  /** The document the received sync messages make. */
  doc(): Y.Doc {
    const doc = new Y.Doc();
    for (const frame of this.received) {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) === MESSAGE_SYNC) {
        syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
      }
    }
    return doc;
  }
  /** Alice's cursor as the received presence messages leave it. */
  cursorOf(clientId: number): unknown {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    for (const frame of this.presenceFrames()) {
      const decoder = decoding.createDecoder(frame);
      decoding.readVarUint(decoder);
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
    }
    return (awareness.getStates().get(clientId) as { cursor?: unknown } | undefined)?.cursor;
  }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await sleep(5);
  expect(condition()).toBe(true);
}

describe('presence to a peer on a slow link', () => {
  let store: SqliteStore;
  let rooms: RoomManager;
  const mapId = 'map1';

  beforeEach(async () => {
    store = new SqliteStore({ filename: ':memory:' });
    rooms = new RoomManager(store, { now: () => 1000 }, silentLogger);
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'T');
    await store.createUser({ id: 'u1', email: 'owner@example.org', name: 'Owner', passwordHash: 'x', at: 1 });
    await store.createMap({
      id: mapId,
      ownerId: 'u1',
      title: 'T',
      kind: 'theory-of-change',
      at: 1,
      initialUpdate: Y.encodeStateAsUpdate(doc),
      author: 'system',
    });
  });
  afterEach(async () => {
    await rooms.shutdown();
    await store.close();
  });

  async function join(name: string): Promise<{ socket: LinkSocket; handle: PeerHandle }> {
    const socket = new LinkSocket();
    const identity = { userId: name, name, color: '#000000', role: 'editor' as const };
    const handle = rooms.connect(mapId, socket, { identity, wantsSavedAcks: false });
    await rooms.withRoom(mapId, () => undefined);
    return { socket, handle };
  }

  it('coalesces presence while its socket is backed up, never document updates; a fast peer gets every relay', async () => {
    const alice = await join('alice');
    const fast = await join('bob');
    const slow = await join('carol');
    slow.socket.backlog = PRESENCE_BACKLOG_BYTES * 4;
    const fastBefore = fast.socket.presenceFrames().length;
    const slowBefore = slow.socket.presenceFrames().length;

    // Alice moves her cursor 20 times (each relayed on its own: 40 ms apart) and adds 4 cards.
    const aliceDoc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(aliceDoc);
    const origin = createOrigin('user', 'alice');
    for (let move = 1; move <= 20; move++) {
      awareness.setLocalState({ user: { name: 'alice', color: '#000000' }, cursor: { x: move, y: 0 } });
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [aliceDoc.clientID]);
      alice.handle.receive(encodeAwarenessMessage(update));
      if (move % 5 === 0) {
        const seen = Y.encodeStateVector(aliceDoc);
        addNode(aliceDoc, { kind: 'outcome', label: `Card ${move / 5}`, x: move, y: 0 }, origin);
        alice.handle.receive(updateFrame(Y.encodeStateAsUpdate(aliceDoc, seen)));
      }
      await sleep(40);
    }

    // Every document update reached both, the slow peer too, at once.
    const labels = ['Card 1', 'Card 2', 'Card 3', 'Card 4'];
    await waitUntil(() => readNodes(slow.socket.doc()).length === 4);
    expect(
      readNodes(slow.socket.doc())
        .map((n) => n.label)
        .sort(),
    ).toEqual(labels);
    expect(
      readNodes(fast.socket.doc())
        .map((n) => n.label)
        .sort(),
    ).toEqual(labels);
    // The fast peer got (nearly) every cursor move; the slow one none while backed up.
    const fastFrames = fast.socket.presenceFrames().length - fastBefore;
    expect(fastFrames).toBeGreaterThanOrEqual(15);
    expect(fast.socket.cursorOf(aliceDoc.clientID)).toEqual({ x: 20, y: 0 });
    expect(slow.socket.presenceFrames().length - slowBefore).toBe(0);

    // Once its socket drains, one message with Alice's latest cursor, not the 20 moves.
    slow.socket.backlog = 0;
    await sleep(SLOW_PRESENCE_RETRY_MS + 100);
    expect(slow.socket.presenceFrames().length - slowBefore).toBe(1);
    expect(slow.socket.cursorOf(aliceDoc.clientID)).toEqual({ x: 20, y: 0 });

    // Drained, it is a peer like any other again: the next move reaches it at once.
    awareness.setLocalState({ user: { name: 'alice', color: '#000000' }, cursor: { x: 21, y: 0 } });
    alice.handle.receive(
      encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, [aliceDoc.clientID])),
    );
    await waitUntil(() => slow.socket.presenceFrames().length - slowBefore === 2);
    expect(slow.socket.cursorOf(aliceDoc.clientID)).toEqual({ x: 21, y: 0 });
    awareness.destroy();
  });
});
