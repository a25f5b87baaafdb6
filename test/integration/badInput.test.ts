import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { addNode, CLOSE_CODES, createOrigin, MAX_FRAME_BYTES, readNodes, toMapJSON } from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { createMapAs, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

interface RawClient {
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
}

function rawClient(url: string, cookie: string): Promise<RawClient> {
  const ws = new WebSocket(url, { headers: { cookie } });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

describe('bad input on the WebSocket hurts only its sender', () => {
  let dir: string;
  let server: RunningServer;
  let mapId: string;
  let owner: Actor;
  let socketUrl: string;
  let alice: TestPeer;
  let bob: TestPeer;

  beforeEach(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    owner = await signUp(server.url, 'Owner');
    mapId = await createMapAs(owner, 'Robust map');
    socketUrl = `${server.url.replace('http', 'ws')}/ws/${mapId}`;
    alice = connectPeer(server.url, mapId, 'alice', owner);
    bob = connectPeer(server.url, mapId, 'bob', owner);
    await Promise.all([alice.whenSynced(), bob.whenSynced()]);
    addNode(alice.doc, { kind: 'outcome', label: 'Before the attack', x: 0, y: 0 }, createOrigin('user', 'alice'));
    await waitFor(() => readNodes(bob.doc).length === 1, 'bob has the first node');
  });

  afterEach(async () => {
    alice.destroy();
    bob.destroy();
    await server.close();
    removeDir(dir);
  });

  /** After each attack: the others still co-edit, and the stored map is intact. */
  async function expectOthersUnharmed(): Promise<void> {
    addNode(bob.doc, { kind: 'output', label: 'After the attack', x: 0, y: 100 }, createOrigin('user', 'bob'));
    await waitFor(() => readNodes(alice.doc).length === 2, 'alice still receives bob’s edits');
    await bob.whenSaved();
    const check = connectPeer(server.url, mapId, 'checker', owner);
    await check.whenSynced();
    expect(toMapJSON(check.doc)).toEqual(toMapJSON(alice.doc));
    check.destroy();
  }

  const cases: [string, Uint8Array | string, number][] = [
    ['a truncated frame', new Uint8Array([0]), CLOSE_CODES.badMessage],
    ['an unknown message type', new Uint8Array([42, 1, 2, 3]), CLOSE_CODES.badMessage],
    ['an unknown sync sub-type', syncFrame(7, new Uint8Array([0])), CLOSE_CODES.badMessage],
    ['a corrupt update', syncFrame(2, new Uint8Array([1, 200, 7, 7, 7, 7, 7, 7, 9])), CLOSE_CODES.badMessage],
    ['a corrupt state vector', syncFrame(0, new Uint8Array([5, 1])), CLOSE_CODES.badMessage],
    ['a corrupt awareness update', new Uint8Array([1, 3, 9, 9, 9]), CLOSE_CODES.badMessage],
    ['a text frame', 'hello', CLOSE_CODES.badMessage],
    ['a frame over the size limit', new Uint8Array(MAX_FRAME_BYTES + 10), CLOSE_CODES.tooLarge],
  ];

  for (const [name, frame, code] of cases) {
    it(`${name} closes that connection with ${code}`, async () => {
      const attacker = await rawClient(socketUrl, owner.cookie);
      attacker.ws.send(frame);
      const { code: closedWith } = await attacker.closed;
      expect(closedWith).toBe(code);
      await expectOthersUnharmed();
    });
  }

  it('a socket for a map that does not exist is closed with 4404', async () => {
    const stranger = await rawClient(`${server.url.replace('http', 'ws')}/ws/no-such-map`, owner.cookie);
    expect((await stranger.closed).code).toBe(CLOSE_CODES.mapNotFound);
  });

  it('an upgrade on an unknown path is refused', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/elsewhere`);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toMatch(/404/);
  });

  it('a deleted map closes its open sockets with 4404', async () => {
    expect((await owner.api('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
    await waitFor(() => alice.lastCloseCode() === CLOSE_CODES.mapNotFound, 'alice told the map is gone');
    alice.provider.disconnect();
    bob.provider.disconnect();
  });
});
