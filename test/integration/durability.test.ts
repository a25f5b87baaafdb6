import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { addNode, createOrigin, moveNodes, readNodes, toMapJSON, type NodeId } from '@loopmap/shared';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { createMapAs, signUp } from './support/accounts.ts';
import { removeDir, startChildServer, startTestServer, tempDataDir, type ChildServer } from './support/servers.ts';
import { waitFor } from './support/waitFor.ts';

const origin = (name: string) => createOrigin('user', name);

describe('nothing is lost', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('a map survives a graceful restart, its log is kept whole and its state compacted', async () => {
    const dir = tempDataDir();
    cleanups.push(() => removeDir(dir));
    let server = await startTestServer(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Restart me');
    const a = connectPeer(server.url, mapId, 'alice', owner);
    await a.whenSynced();
    for (let i = 0; i < 30; i++)
      addNode(a.doc, { kind: 'outcome', label: `Outcome ${i}`, x: i, y: i }, origin('alice'));
    await a.whenSaved();
    const before = toMapJSON(a.doc);
    a.destroy();
    await server.close();

    const db = new Database(join(dir, 'loopmap.sqlite'), { readonly: true });
    const logged = db
      .prepare('SELECT COUNT(*) AS n, MIN(author) AS author FROM doc_updates WHERE map_id = ?')
      .get(mapId) as {
      n: number;
    };
    const state = db.prepare('SELECT through_seq FROM doc_states WHERE map_id = ?').get(mapId) as {
      through_seq: number;
    };
    db.close();
    // 1 creation update + 30 node adds (each its own turn or merged turns: at least 2 entries).
    expect(logged.n).toBeGreaterThanOrEqual(2);
    expect(state.through_seq).toBe(logged.n);

    server = await startTestServer(dir);
    cleanups.push(() => server.close());
    const b = connectPeer(server.url, mapId, 'bob', owner);
    cleanups.push(() => b.destroy());
    await b.whenSynced();
    expect(toMapJSON(b.doc)).toEqual(before);
  });

  it('SIGKILL during a burst of edits loses no update that any peer saw or was told was saved', async () => {
    const dir = tempDataDir();
    cleanups.push(() => removeDir(dir));
    let child: ChildServer = await startChildServer(dir);
    cleanups.push(() => child.stop());
    const owner = await signUp(child.url, 'Owner');
    const mapId = await createMapAs(owner, 'Crash test');

    const writers = ['alice', 'bob', 'carol'].map((name) => connectPeer(child.url, mapId, name, owner));
    const watcher = connectPeer(child.url, mapId, 'watcher', owner);
    const everyone: TestPeer[] = [...writers, watcher];
    await Promise.all(everyone.map((p) => p.whenSynced()));

    // What each writer was told is durable: node ids created before its latest saved ack.
    const createdBy = new Map<TestPeer, { id: NodeId; sentIndex: number }[]>();
    let stop = false;
    const bursts = writers.map(async (peer, w) => {
      const created: { id: NodeId; sentIndex: number }[] = [];
      createdBy.set(peer, created);
      for (let i = 0; !stop && i < 2000; i++) {
        const id = addNode(
          peer.doc,
          { kind: 'activity', label: `${peer.name} ${i}`, x: i, y: w * 100 },
          origin(peer.name),
        );
        created.push({ id, sentIndex: peer.sent() });
        if (i % 3 === 0) moveNodes(peer.doc, [{ id, x: i + 1, y: w * 100 + 1 }], origin(peer.name));
        await new Promise((r) => setImmediate(r));
      }
    });
    // Let the burst get going, then kill the server in the middle of it.
    await waitFor(() => readNodes(watcher.doc).length > 150, 'watcher sees the burst', 20_000);
    await child.kill();
    stop = true;
    await Promise.all(bursts);

    // Freeze what everyone saw before anyone can reconnect and resend.
    const seenByWatcher = readNodes(watcher.doc).map((n) => n.id);
    const seenByWriters = writers.flatMap((peer) =>
      readNodes(peer.doc)
        .map((n) => n.id)
        .filter((id) => !createdBy.get(peer)!.some((c) => c.id === id)),
    );
    const toldSaved = writers.flatMap((peer) =>
      createdBy
        .get(peer)!
        .filter((c) => c.sentIndex <= peer.saved())
        .map((c) => c.id),
    );
    for (const peer of everyone) peer.destroy();
    expect(seenByWatcher.length).toBeGreaterThan(150);
    expect(toldSaved.length).toBeGreaterThan(0);

    child = await startChildServer(dir);
    const fresh = connectPeer(child.url, mapId, 'after-crash', owner);
    cleanups.push(() => fresh.destroy());
    await fresh.whenSynced();
    const stored = new Set(readNodes(fresh.doc).map((n) => n.id));
    const missing = [...new Set([...seenByWatcher, ...seenByWriters, ...toldSaved])].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
  });

  it('a killed server that never compacted still opens the whole map from its log', async () => {
    const dir = tempDataDir();
    cleanups.push(() => removeDir(dir));
    let child = await startChildServer(dir);
    cleanups.push(() => child.stop());
    const owner = await signUp(child.url, 'Owner');
    const mapId = await createMapAs(owner, 'Log only');
    const a = connectPeer(child.url, mapId, 'alice', owner);
    await a.whenSynced();
    for (let i = 0; i < 20; i++) {
      addNode(a.doc, { kind: 'output', label: `O${i}`, x: 0, y: i * 50 }, origin('alice'));
      await new Promise((r) => setImmediate(r));
    }
    await a.whenSaved();
    const expected = toMapJSON(a.doc);
    a.destroy();
    await child.kill(); // before the 2 s compaction debounce could run

    const db = new Database(join(dir, 'loopmap.sqlite'), { readonly: true });
    const states = db.prepare('SELECT COUNT(*) AS n FROM doc_states').get() as { n: number };
    db.close();
    expect(states.n).toBe(0);

    child = await startChildServer(dir);
    const b = connectPeer(child.url, mapId, 'bob', owner);
    cleanups.push(() => b.destroy());
    await b.whenSynced();
    expect(toMapJSON(b.doc)).toEqual(expected);
  });

  it('the update log records each change with its author and time, in order', async () => {
    const dir = tempDataDir();
    cleanups.push(() => removeDir(dir));
    const server = await startTestServer(dir);
    cleanups.push(() => server.close());
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner);
    const a = connectPeer(server.url, mapId, 'Alice Ngata', owner);
    cleanups.push(() => a.destroy());
    await a.whenSynced();
    addNode(a.doc, { kind: 'impact', label: 'Inclusive cities', x: 0, y: 0 }, origin('alice'));
    await a.whenSaved();
    const log = await server.store.listUpdates(mapId, 0, 100);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log[0]!.author).toBe(owner.userId);
    expect(log.at(-1)!.author).toBe(owner.userId);
    // Replaying the log rebuilds the map.
    const replay = new Y.Doc();
    for (const entry of log) Y.applyUpdate(replay, entry.update);
    expect(toMapJSON(replay)).toEqual(toMapJSON(a.doc));
  });
});
