import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  addNode,
  CLOSE_CODES,
  createOrigin,
  encodeSyncMessage,
  readNodes,
  SYNC_STEP_2,
  toMapJSON,
} from '@loopmap/shared';
import { SqliteStore, type RunningServer } from '@loopmap/server';
import { join } from 'node:path';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { createMapAs, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

// Issue 11, "stored garbage": what an editor sends is kept only when Yjs can integrate all of it
// and it stays within the map's budgets. Refused updates close the sender with a clear code and
// leave no trace in the log, the stored state or any other peer's document.

const origin = createOrigin('user', 'writer');

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // MESSAGE_SYNC
  encoding.writeVarUint(encoder, 2); // SYNC_UPDATE
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function rawSocket(url: string, cookie: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(url, { headers: { cookie } });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

/** Every client id that has a struct or a deletion in the map's stored state and log. */
async function storedClients(server: RunningServer, mapId: string): Promise<Set<number>> {
  await server.rooms.withRoom(mapId, (room) => room.flushNow());
  const stored = await server.store.loadDoc(mapId);
  const clients = new Set<number>();
  for (const update of [stored.state, ...stored.tail.map((e) => e.update)]) {
    if (!update) continue;
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) clients.add(struct.id.client);
    for (const client of ds.clients.keys()) clients.add(client);
  }
  return clients;
}

describe('the server keeps only what it can integrate, within budgets', () => {
  let dir: string;
  let server: RunningServer;
  let owner: Actor;
  let mapId: string;
  const peers: TestPeer[] = [];
  const join = (name: string, options: Parameters<typeof connectPeer>[4] = {}): TestPeer => {
    const peer = connectPeer(server.url, mapId, name, owner, options);
    peers.push(peer);
    return peer;
  };

  async function start(overrides: Parameters<typeof startTestServer>[1] = {}): Promise<void> {
    dir = tempDataDir();
    server = await startTestServer(dir, overrides);
    owner = await signUp(server.url, 'Owner');
    mapId = await createMapAs(owner, 'Guarded map');
  }

  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await server.close();
    removeDir(dir);
  });

  it('an update with a missing dependency closes its sender with 4409 and leaves no trace', async () => {
    await start();
    const honest = join('honest');
    await honest.whenSynced();

    // A writer whose second update depends on its first; only the second reaches the server.
    const writer = new Y.Doc();
    writer.clientID = 424242;
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    const cardId = addNode(writer, { kind: 'outcome', label: 'Cut off', x: 0, y: 0 }, origin);
    ((writer.getMap('nodes').get(cardId) as Y.Map<unknown>).get('label') as Y.Text).insert(7, ' from its start');
    expect(updates).toHaveLength(2);

    const { ws, closed } = await rawSocket(`${server.url.replace('http', 'ws')}/ws/${mapId}`, owner.cookie);
    // Its handshake done (a sync step 2 with nothing new), so the server expects nothing more
    // from before: an update sent before the step 2 would wait for it instead (Peer.deferredUpdates).
    ws.send(encodeSyncMessage(SYNC_STEP_2, Y.encodeStateAsUpdate(new Y.Doc())));
    ws.send(syncUpdateFrame(updates[1]!));
    const stillOpen = new Promise<string>((resolve) => setTimeout(() => resolve('still open'), 5_000).unref());
    expect(await Promise.race([closed, stillOpen])).toBe(CLOSE_CODES.missingDependencies);
    ws.terminate();

    // The honest peer can still write, and a fresh joiner gets a document with nothing pending.
    addNode(honest.doc, { kind: 'activity', label: 'Still here', x: 0, y: 200 }, createOrigin('user', 'honest'));
    await honest.whenSaved();
    const joiner = join('joiner');
    await joiner.whenSynced();
    await waitFor(() => readNodes(joiner.doc).length === 1, 'the joiner has the honest card');
    expect(joiner.doc.store.pendingStructs).toBeNull();
    expect(joiner.doc.store.pendingDs).toBeNull();
    expect(honest.doc.store.pendingStructs).toBeNull();
    expect((await storedClients(server, mapId)).has(424242)).toBe(false);
  });

  it('a 50,000-character card title is refused with 4413 and not stored (100,000 no longer fits a frame: 1009)', async () => {
    await start();
    // Whole, as a client that does not cut titles (nor slice its updates) would send it.
    const attacker = join('attacker', { slices: false });
    const other = join('other');
    await Promise.all([attacker.whenSynced(), other.whenSynced()]);
    // Written as a client that does not cut titles would (the shared operations cut at 2,000).
    attacker.doc.transact(() => {
      const record = new Y.Map<unknown>();
      record.set('kind', 'outcome');
      record.set('label', new Y.Text('x'.repeat(50_000)));
      record.set('x', 0);
      record.set('y', 0);
      attacker.doc.getMap('nodes').set('huge-title-card', record);
    });
    await waitFor(() => attacker.lastCloseCode() !== null, 'the attacker is closed');
    expect(attacker.lastCloseCode()).toBe(CLOSE_CODES.overBudget);

    const joiner = join('joiner');
    await joiner.whenSynced();
    expect(joiner.doc.getMap('nodes').has('huge-title-card')).toBe(false);
    expect(other.doc.getMap('nodes').has('huge-title-card')).toBe(false);
    expect((await storedClients(server, mapId)).has(attacker.doc.clientID)).toBe(false);
    // A title at the limit goes through.
    const fine = join('fine');
    await fine.whenSynced();
    addNode(fine.doc, { kind: 'outcome', label: 'y'.repeat(2000), x: 0, y: 0 }, origin);
    await fine.whenSaved();
    expect(fine.lastCloseCode()).toBeNull();
  });

  it('a map at its record budget refuses the next record, over the socket (4413) and REST (413)', async () => {
    await start({ rooms: { budgets: { maxRecords: 12, maxDocumentBytes: 64 * 1024 * 1024 } } });
    const writer = join('writer');
    await writer.whenSynced();
    const records = (): number => ['nodes', 'edges', 'meta'].reduce((n, name) => n + writer.doc.getMap(name).size, 0);
    const room = records();
    expect(room).toBeLessThan(12);
    for (let i = records(); i < 12; i++)
      addNode(writer.doc, { kind: 'note', label: `Card ${i}`, x: i * 300, y: 0 }, origin);
    await writer.whenSaved();
    expect(writer.lastCloseCode()).toBeNull();
    const kept = readNodes(writer.doc).length;

    addNode(writer.doc, { kind: 'note', label: 'One too many', x: 0, y: 400 }, origin);
    await waitFor(() => writer.lastCloseCode() !== null, 'the writer is closed');
    expect(writer.lastCloseCode()).toBe(CLOSE_CODES.overBudget);

    const joiner = join('joiner');
    await joiner.whenSynced();
    expect(readNodes(joiner.doc)).toHaveLength(kept);
    expect(toMapJSON(joiner.doc).nodes.some((n) => n.label === 'One too many')).toBe(false);

    const rename = await owner.api('PATCH', `/api/maps/${mapId}`, { title: 'Renamed' });
    expect(rename.status).toBe(413);
    expect(rename.body).toMatchObject({ error: { code: 'map_too_large', message: expect.any(String) } });
  });
});

describe('a map stored with pending changes before the guard existed', () => {
  it('loads without them: joiners get nothing pending', async () => {
    const dir = tempDataDir();
    let server = await startTestServer(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Old garbage');
    await server.close();

    // Written straight into the log, as the server used to keep it.
    const writer = new Y.Doc();
    writer.clientID = 515151;
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    const cardId = addNode(writer, { kind: 'outcome', label: 'Orphan', x: 0, y: 0 }, origin);
    ((writer.getMap('nodes').get(cardId) as Y.Map<unknown>).get('label') as Y.Text).insert(6, ' text');
    const store = new SqliteStore({ filename: join(dir, 'loopmap.sqlite') });
    await store.appendUpdates(mapId, [{ update: updates[1]!, author: owner.userId, at: Date.now(), change: null }]);
    await store.close();

    server = await startTestServer(dir);
    const joiner = connectPeer(server.url, mapId, 'joiner', owner);
    try {
      await joiner.whenSynced();
      expect(toMapJSON(joiner.doc).meta.title).toBe('Old garbage');
      expect(joiner.doc.store.pendingStructs).toBeNull();
      expect(joiner.doc.store.pendingDs).toBeNull();
    } finally {
      joiner.destroy();
      await server.close();
      removeDir(dir);
    }
  });
});
