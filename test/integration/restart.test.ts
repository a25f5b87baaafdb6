/**
 * Stopping an instance (SIGTERM, SIGINT) hands its maps over: it refuses new work (503, 1012),
 * stores every open map while its clients are still connected (so what it acknowledged is
 * stored), then closes their sockets with 1012 (Service Restart) so they reconnect at once, and
 * exits 0. What a client sent during the drain is either acknowledged and stored, or not
 * acknowledged, and then its next connection's sync handshake sends it again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { join } from 'node:path';
import { addNode, CLOSE_CODES, createOrigin, readNodes, type NodeId } from '@loopmap/shared';
import { SqliteStore } from '@loopmap/server';
import { reconnectAtOnceAfterRestart } from '../../client/src/collab/reconnectPolicy.ts';
import { createMapAs, signUp } from './support/accounts.ts';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { openRawPeer } from './support/rawPeer.ts';
import { removeDir, startChildServer, startTestServer, tempDataDir, type ChildServer } from './support/servers.ts';
import { waitFor } from './support/waitFor.ts';

const origin = (name: string) => createOrigin('user', name);
const nodeIds = (doc: Y.Doc): Set<string> => new Set(readNodes(doc).map((n) => n.id));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM and resolves with the exit code. */
function terminate(child: ChildServer): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.process.once('exit', (code) => resolve(code)));
  child.process.kill('SIGTERM');
  return exited;
}

/**
 * The real SQLite store, whose saveState (the compacted state a closing map stores) can be held
 * until the test lets it go: it keeps a shutdown in the middle of storing, deterministically.
 */
function holdableStore(filename: string): {
  store: SqliteStore;
  hold(): { reached(): boolean; release(): void };
} {
  const real = new SqliteStore({ filename });
  let held: { reached: boolean; released: Promise<void> } | null = null;
  const store = new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (prop !== 'saveState') return method.bind(target);
      return async (...args: unknown[]) => {
        if (held) {
          held.reached = true;
          await held.released;
        }
        return method.apply(target, args);
      };
    },
  });
  return {
    store,
    hold() {
      let release = (): void => {};
      const current = { reached: false, released: new Promise<void>((resolve) => (release = resolve)) };
      held = current;
      return {
        reached: () => current.reached,
        release: () => {
          held = null;
          release();
        },
      };
    },
  };
}

describe('stopping an instance hands its maps over', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error('cleanup failed', error);
      }
    }
  });

  async function child(dir: string): Promise<ChildServer> {
    const server = await startChildServer(dir);
    cleanups.push(() => server.stop());
    return server;
  }

  function peer(...args: Parameters<typeof connectPeer>): TestPeer {
    const p = connectPeer(...args);
    cleanups.push(() => p.destroy());
    return p;
  }

  function dataDir(label: string): string {
    const dir = tempDataDir(label);
    cleanups.push(() => removeDir(dir));
    return dir;
  }

  it('SIGTERM: the socket closes with 1012, the process exits 0, and the next process serves every acknowledged edit', async () => {
    const dir = dataDir('restart-sigterm');
    const server = await child(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Handed over');
    const alice = peer(server.url, mapId, 'alice', owner);
    await alice.whenSynced();
    const ids: NodeId[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(addNode(alice.doc, { kind: 'outcome', label: `c${i}`, x: i, y: 0 }, origin('a')));
    await alice.whenSaved();

    expect(await terminate(server)).toBe(0);
    await waitFor(() => alice.closes().length > 0, 'alice’s socket is closed');
    expect(alice.closes()[0]!.code).toBe(CLOSE_CODES.serviceRestart);
    alice.provider.disconnect();

    const next = await child(dir);
    const bob = peer(next.url, mapId, 'bob', owner);
    await bob.whenSynced();
    const stored = nodeIds(bob.doc);
    expect(ids.filter((id) => !stored.has(id))).toEqual([]);
  });

  it('SIGTERM during a stream of edits: each one is either acknowledged and then served by the next process, or not acknowledged', async () => {
    const dir = dataDir('restart-stream');
    const server = await child(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Busy');
    const alice = peer(server.url, mapId, 'alice', owner);
    await alice.whenSynced();

    // Each edit with the number of the document message that carried it on the first socket.
    const sentOnFirstSocket: { id: NodeId; message: number }[] = [];
    const edit = (i: number): void => {
      const before = alice.sent();
      const id = addNode(alice.doc, { kind: 'activity', label: `e${i}`, x: i, y: 0 }, origin('a'));
      if (alice.closes().length === 0 && alice.sent() === before + 1)
        sentOnFirstSocket.push({ id, message: before + 1 });
    };
    let i = 0;
    for (; i < 10; i++) edit(i);
    await alice.whenSaved();
    const beforeSignal = sentOnFirstSocket.length;

    const exited = terminate(server);
    // Keep editing until the server closes the socket: these arrive while it drains.
    while (alice.closes().length === 0) {
      edit(i++);
      await sleep(1);
    }
    alice.provider.disconnect();
    const [first] = alice.closes();
    expect(first!.code).toBe(CLOSE_CODES.serviceRestart);
    expect(await exited).toBe(0);
    const duringDrain = sentOnFirstSocket.length - beforeSignal;
    expect(duringDrain, 'edits were sent after the signal').toBeGreaterThan(0);

    const acknowledged = sentOnFirstSocket.filter((e) => e.message <= first!.saved).map((e) => e.id);
    expect(acknowledged.length).toBeGreaterThanOrEqual(beforeSignal);
    const next = await child(dir);
    const bob = peer(next.url, mapId, 'bob', owner);
    await bob.whenSynced();
    const stored = nodeIds(bob.doc);
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    console.log(
      `[restart] ${duringDrain} edits sent after SIGTERM, ${acknowledged.length - beforeSignal} of them acknowledged ` +
        `(${first!.saved} of ${first!.sent} messages); every acknowledged edit served after the restart`,
    );
  });

  it('while it stores the maps: new requests get 503, new sockets 1012, open sockets stay open and what they send is not acknowledged, then comes back on reconnect', async () => {
    const dir = dataDir('restart-drain');
    const held = holdableStore(join(dir, 'loopmap.sqlite'));
    // No compaction before the shutdown, so the shutdown's own is the one held.
    const rooms = { compactDebounceMs: 600_000, compactMaxWaitMs: 600_000 };
    const server = await startTestServer(dir, { store: held.store, rooms });
    let serverClosed = false;
    cleanups.push(() => (serverClosed ? undefined : server.close()));
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Draining');
    const alice = peer(server.url, mapId, 'alice', owner);
    await alice.whenSynced();
    const ids: NodeId[] = [];
    for (let i = 0; i < 10; i++)
      ids.push(addNode(alice.doc, { kind: 'outcome', label: `c${i}`, x: i, y: 0 }, origin('a')));
    await alice.whenSaved();

    const hold = held.hold();
    const closing = server.close();
    await waitFor(() => hold.reached(), 'the shutdown is storing the map');

    // Probes still answer; everything else is sent elsewhere.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const refused = await owner.api('GET', '/api/maps');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.error.code).toBe('not_ready');
    expect(typeof refused.body.error.message).toBe('string');
    const latecomer = await openRawPeer(`${server.url.replace(/^http/, 'ws')}/ws/${mapId}`, owner.cookie);
    expect((await latecomer.closed).code).toBe(CLOSE_CODES.serviceRestart);

    // Alice is still connected while her map is being stored; an edit now is not acknowledged.
    expect(alice.closes()).toEqual([]);
    expect(alice.provider.wsconnected).toBe(true);
    const sentBefore = alice.sent();
    const late = addNode(alice.doc, { kind: 'outcome', label: 'typed during the drain', x: 0, y: 9 }, origin('a'));
    expect(alice.sent()).toBe(sentBefore + 1);

    hold.release();
    await closing;
    serverClosed = true;
    await waitFor(() => alice.closes().length > 0, 'alice’s socket is closed');
    expect(alice.closes()[0]).toEqual({ code: CLOSE_CODES.serviceRestart, sent: sentBefore + 1, saved: sentBefore });
    alice.provider.destroy();

    // The next instance has everything acknowledged; alice's next connection brings the rest.
    const next = await startTestServer(dir);
    cleanups.push(() => next.close());
    const bob = peer(next.url, mapId, 'bob', owner);
    await bob.whenSynced();
    expect(ids.filter((id) => !nodeIds(bob.doc).has(id))).toEqual([]);
    const again = peer(next.url, mapId, 'alice again', owner, { doc: alice.doc });
    await again.whenSaved();
    await waitFor(() => nodeIds(bob.doc).has(late), 'bob sees the edit made during the drain');
  });

  it('the browser client’s policy reconnects at once after 1012, before the provider’s own retry', async () => {
    const dir = dataDir('restart-client');
    const server = await child(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Reconnecting');
    const alice = peer(server.url, mapId, 'alice', owner);
    // As MapSession installs it; the random spread is pinned to its shortest.
    cleanups.push(reconnectAtOnceAfterRestart(alice.provider, () => 0));
    await alice.whenSynced();

    // Timers of this process only (the server is another process): no timer runs unless the
    // test advances the clock, so "at once" is told from the provider's backoff (200 ms).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const closed = new Promise<number | undefined>((resolve) =>
      alice.provider.once('connection-close', (event) => resolve(event?.code)),
    );
    const exited = terminate(server);
    expect(await closed).toBe(CLOSE_CODES.serviceRestart);
    expect(alice.provider.ws).toBeNull();
    vi.advanceTimersByTime(0);
    expect(alice.provider.wsconnecting).toBe(true);
    vi.useRealTimers();
    expect(await exited).toBe(0);
  });
});
