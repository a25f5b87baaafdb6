import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import {
  addNode,
  createOrigin,
  encodeSyncMessage,
  getNodes,
  MESSAGE_SYNC,
  readNodes,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
} from '@loopmap/shared';
import { connectPeer } from './support/peers.ts';
import { useTestServer } from './support/servers.ts';
import { createMapAs, signUp } from './support/accounts.ts';
import { openRawPeer, updateFrame } from './support/rawPeer.ts';
import { waitFor } from './support/waitFor.ts';

const CARDS = 20_000;
const builder = createOrigin('user', 'builder');
const writer = createOrigin('user', 'writer');

/** Whether a frame is the server's sync step 2 (its answer to our empty state vector). */
function isSyncStep2(frame: Uint8Array): boolean {
  const decoder = decoding.createDecoder(frame);
  return decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP_2;
}

/** The document the server's sync messages make. */
function documentOf(frames: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    const type = decoding.readVarUint(decoder);
    if (type === SYNC_STEP_2 || type === SYNC_UPDATE) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc;
}

describe('opening a large map', () => {
  const context = useTestServer();

  it('lets another map’s peers keep working while a 20,000-card map opens, then serves it whole', async () => {
    const owner = await signUp(context.server.url, 'Owner');
    const bigId = await createMapAs(owner, 'Big');
    const smallId = await createMapAs(owner, 'Small');
    // 20,000 cards stored through the server's own pipeline, compacted (about 3 MB of state).
    await context.server.rooms.withRoom(bigId, async (room) => {
      await room.change((doc) =>
        doc.transact(() => {
          for (let i = 0; i < CARDS; i++) {
            const label = `Card ${i} of the big map`;
            addNode(doc, { kind: 'output', label, x: (i % 200) * 240, y: Math.floor(i / 200) * 120 }, builder);
          }
        }, builder),
      );
      await room.compact();
    });
    // A fresh process state: nothing is open, the big map loads from the store.
    await context.restart();
    const { server } = context;
    expect(server.rooms.isLoaded(bigId)).toBe(false);

    // Two peers working on another map.
    const alice = connectPeer(server.url, smallId, 'alice', owner);
    const bob = connectPeer(server.url, smallId, 'bob', owner);
    try {
      await Promise.all([alice.whenSynced(), bob.whenSynced()]);

      // Someone opens the big map and adds a card at once; someone else opens it meanwhile.
      const bigUrl = `${server.url.replace('http', 'ws')}/ws/${bigId}`;
      const big = await openRawPeer(bigUrl, owner.cookie);
      big.send(encodeSyncMessage(SYNC_STEP_1, new Uint8Array([0])));
      const early = new Y.Doc();
      addNode(early, { kind: 'note', label: 'Sent while the map was opening', x: 0, y: 0 }, writer);
      big.send(updateFrame(Y.encodeStateAsUpdate(early)));
      const other = await openRawPeer(bigUrl, owner.cookie);
      other.send(encodeSyncMessage(SYNC_STEP_1, new Uint8Array([0])));
      // The room sends its state vector once it has loaded: until then the map is still opening.
      const bigOpen = (): boolean => big.received.length > 0;

      // Alice keeps adding cards; count those Bob receives before the big map has opened.
      let seenWhileOpening = 0;
      getNodes(bob.doc).observe((event) => {
        if (!bigOpen()) seenWhileOpening += event.changes.keys.size;
      });
      let added = 0;
      const typing = setInterval(() => {
        addNode(alice.doc, { kind: 'note', label: `Alice ${added++}`, x: 0, y: 0 }, writer);
      }, 5);
      try {
        await waitFor(() => big.received.some(isSyncStep2), 'the big map’s sync reply', 60_000);
      } finally {
        clearInterval(typing);
      }
      // Bob received Alice's cards while the big map was loading, not only after it.
      expect(seenWhileOpening).toBeGreaterThanOrEqual(3);

      // The opener received the whole map, with the card it sent while it was opening (its
      // frames waited for the load and were handled in order: the update, then the reply).
      const opened = documentOf(big.received);
      expect(readNodes(opened)).toHaveLength(CARDS + 1);
      // The other opener shares the same load and sees the same map.
      await waitFor(() => readNodes(documentOf(other.received)).length === CARDS + 1, 'the other opener has it all');
      big.ws.close();
      other.ws.close();
      // Nothing Alice added was lost.
      await waitFor(() => readNodes(bob.doc).length === added, 'bob has every card alice added');
    } finally {
      alice.destroy();
      bob.destroy();
    }
  }, 120_000);
});
