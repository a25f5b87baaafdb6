/**
 * Fault tests on the real server process (the production entry, spawned as a child so it can be
 * SIGKILLed): kills during bursts, compaction and WAL checkpoints; a full and a read-only disk;
 * half-open sockets; a long offline divergence; a reconnect storm. Each test prints one line of
 * figures (`[faults] …`) for docs/reliability.md.
 *
 * durability.test.ts already covers a kill during a 3-writer burst, a log-only recovery and the
 * author log; these extend it to many peers, to the background jobs and to the disk itself.
 *
 * Heavier variants (50 peers, 2,000 storm clients, more kill cycles): LOOPMAP_FAULTS_HEAVY=1.
 * The full-disk test needs root (it mounts a small tmpfs); elsewhere it skips with a reason, and
 * fails instead under CI or LOOPMAP_REQUIRE_SERVICES (as .ci/run sets).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { execFileSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, statSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import {
  API,
  CLOSE_CODES,
  MESSAGE_AWARENESS,
  MESSAGE_SYNC,
  addNode,
  createOrigin,
  moveNodes,
  readMeta,
  readNodes,
  removeNodes,
  setNodeLabel,
  toMapJSON,
  type NodeId,
} from '@loopmap/shared';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { createMapAs, signUp, type Actor } from './support/accounts.ts';
import { removeDir, startChildServer, tempDataDir, type ChildServer } from './support/servers.ts';
import { waitFor } from './support/waitFor.ts';

const HEAVY = process.env.LOOPMAP_FAULTS_HEAVY === '1';
/** Under CI (or .ci/run's LOOPMAP_REQUIRE_SERVICES) a missing capability fails instead of skipping. */
const MUST_RUN = Boolean(process.env.CI) || Boolean(process.env.LOOPMAP_REQUIRE_SERVICES);

const origin = (name: string) => createOrigin('user', name);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const portOf = (url: string) => Number(new URL(url).port);

/** The map as the store holds it: the compacted state plus the log after it, read from the file. */
function readStoredDoc(dir: string, mapId: string): Y.Doc {
  const db = new Database(join(dir, 'loopmap.sqlite'), { readonly: true });
  try {
    const state = db.prepare('SELECT state, through_seq FROM doc_states WHERE map_id = ?').get(mapId) as
      { state: Buffer; through_seq: number } | undefined;
    const tail = db
      .prepare('SELECT data FROM doc_updates WHERE map_id = ? AND seq > ? ORDER BY seq')
      .all(mapId, state?.through_seq ?? 0) as { data: Buffer }[];
    const doc = new Y.Doc();
    if (state) Y.applyUpdate(doc, state.state);
    for (const row of tail) Y.applyUpdate(doc, row.data);
    return doc;
  } finally {
    db.close();
  }
}

function storedFacts(dir: string, mapId: string): { logged: number; throughSeq: number; integrity: string } {
  const db = new Database(join(dir, 'loopmap.sqlite'), { readonly: true });
  try {
    const logged = (db.prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE map_id = ?').get(mapId) as { n: number }).n;
    const state = db.prepare('SELECT through_seq FROM doc_states WHERE map_id = ?').get(mapId) as
      { through_seq: number } | undefined;
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check;
    return { logged, throughSeq: state?.through_seq ?? 0, integrity };
  } finally {
    db.close();
  }
}

const nodeIds = (doc: Y.Doc): Set<string> => new Set(readNodes(doc).map((n) => n.id));

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** A node a peer created, and the count of document messages it had sent once it was sent. */
interface Created {
  id: NodeId;
  sentIndex: number;
}

/** The ids a peer was told are durable: those sent at or before its last saved ack. */
function acknowledged(created: readonly Created[], savedCount: number): NodeId[] {
  return created.filter((c) => c.sentIndex <= savedCount).map((c) => c.id);
}

/** Edit latency: one peer adds a card, the time until another sees it. */
async function editLatency(from: TestPeer, to: TestPeer, label: string, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  const id = addNode(from.doc, { kind: 'activity', label, x: 0, y: 0 }, origin(from.name));
  await waitFor(() => nodeIds(to.doc).has(id), `${to.name} sees ${label}`, timeoutMs);
  return Math.round(performance.now() - started);
}

/** A protocol-level client: a bare `ws` socket speaking y-protocols (no provider, no Y.Doc). */
interface RawClient {
  ws: WebSocket;
  opened: Promise<void>;
  /** Resolves with the payload of the first sync step 2 from the server. */
  synced: Promise<Uint8Array>;
  closed: Promise<number>;
}

function rawClient(baseUrl: string, mapId: string, actor: Actor, name: string): RawClient {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws/${mapId}?name=${encodeURIComponent(name)}`, {
    headers: { cookie: actor.cookie },
    perMessageDeflate: false,
  });
  ws.binaryType = 'nodebuffer';
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const synced = new Promise<Uint8Array>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      resolve(decoding.readVarUint8Array(decoder));
    });
    ws.once('close', (code) => reject(new Error(`${name} closed with ${code} before syncing`)));
  });
  synced.catch(() => {});
  opened.catch(() => {});
  return { ws, opened, synced, closed };
}

function step1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(awareness: awarenessProtocol.Awareness): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
  return encoding.toUint8Array(encoder);
}

describe('faults on the real server process', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error('cleanup failed', error);
      }
    }
  });

  /** Starts a child server and registers its stop; returns a getter for the current one. */
  async function child(dir: string, port = 0, env: Record<string, string> = {}): Promise<ChildServer> {
    const server = await startChildServer(dir, port, env);
    cleanups.push(() => server.stop());
    return server;
  }

  function peer(url: string, mapId: string, name: string, actor: Actor): TestPeer {
    const p = connectPeer(url, mapId, name, actor);
    cleanups.push(() => p.destroy());
    return p;
  }

  it('SIGKILL during bursts from 20 peers: every acknowledged update is stored, the peers reconnect and converge', async () => {
    const dir = tempDataDir('faults-burst');
    cleanups.push(() => removeDir(dir));
    let server = await child(dir);
    const port = portOf(server.url);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Twenty peers');

    const count = HEAVY ? 50 : 20;
    // Each peer stops at this many cards, so a busy machine does not turn the burst into minutes.
    const perPeer = 100;
    const peers = Array.from({ length: count }, (_, i) => peer(server.url, mapId, `peer${i}`, owner));
    await Promise.all(peers.map((p) => p.whenSynced()));

    const created = new Map<TestPeer, Created[]>(peers.map((p) => [p, []]));
    let stop = false;
    const bursts = peers.map(async (p, w) => {
      for (let i = 0; !stop && i < perPeer; i++) {
        const id = addNode(p.doc, { kind: 'activity', label: `${p.name} ${i}`, x: i, y: w * 100 }, origin(p.name));
        created.get(p)!.push({ id, sentIndex: p.sent() });
        if (i % 4 === 0) moveNodes(p.doc, [{ id, x: i + 1, y: w * 100 + 1 }], origin(p.name));
        await sleep(2);
      }
    });
    const watcher = peers[0]!;
    await waitFor(() => readNodes(watcher.doc).length > 800, 'the burst is under way', 30_000);
    await server.kill();
    // Freeze what each peer was told before its provider reconnects and resets its counters.
    const savedAtKill = new Map(peers.map((p) => [p, p.saved()] as const));
    stop = true;
    await Promise.all(bursts);

    const toldSaved = peers.flatMap((p) => acknowledged(created.get(p)!, savedAtKill.get(p)!));
    const sentTotal = peers.reduce((n, p) => n + created.get(p)!.length, 0);
    const ackedMessages = [...savedAtKill.values()].reduce((n, m) => n + m, 0);
    const stored = nodeIds(readStoredDoc(dir, mapId));
    const lost = toldSaved.filter((id) => !stored.has(id));
    expect(toldSaved.length).toBeGreaterThan(200);
    expect(lost).toEqual([]);

    // Same port: the unmodified providers reconnect by themselves and resend what was not stored.
    const restarted = performance.now();
    server = await child(dir, port);
    const everyone = new Set(peers.flatMap((p) => created.get(p)!.map((c) => c.id)));
    await waitFor(
      () => peers.every((p) => p.provider.synced && nodeIds(p.doc).size === everyone.size),
      'every peer holds every card',
      30_000,
    );
    await Promise.all(peers.map((p) => p.whenSaved()));
    const convergedMs = Math.round(performance.now() - restarted);
    const reference = JSON.stringify(toMapJSON(peers[0]!.doc));
    for (const p of peers) expect(JSON.stringify(toMapJSON(p.doc))).toBe(reference);
    const storedAfter = nodeIds(readStoredDoc(dir, mapId));
    expect([...everyone].filter((id) => !storedAfter.has(id))).toEqual([]);

    console.log(
      `[faults] sigkill-burst: ${count} peers, ${sentTotal} cards sent, ${toldSaved.length} acknowledged at the kill ` +
        `(${ackedMessages} acknowledged update messages), ` +
        `${stored.size} stored at the kill, ${lost.length} acknowledged lost; after restart all ${count} converged ` +
        `on ${everyone.size} cards and stored them in ${convergedMs} ms (restart included)`,
    );
  }, 90_000);

  it('SIGKILL during compaction and WAL checkpointing: nothing acknowledged is lost and the map opens', async () => {
    const dir = tempDataDir('faults-compact');
    cleanups.push(() => removeDir(dir));
    // Compact every 20 updates with no debounce, checkpoint every 5 ms: both run all the time.
    const env = { COMPACT_EVERY: '20', COMPACT_DEBOUNCE_MS: '0', COMPACT_MAX_WAIT_MS: '0', CHECKPOINT_EVERY_MS: '5' };
    let server = await child(dir, 0, env);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Compacting');

    const cycles = HEAVY ? 12 : 4;
    const acknowledgedEver = new Set<string>();
    const throughSeqs: number[] = [];
    const loggedSeqs: number[] = [];
    let maxLag = 0;
    const walBytes: number[] = [];
    for (let cycle = 0; cycle < cycles; cycle++) {
      if (cycle > 0) server = await child(dir, 0, env);
      const writers = ['a', 'b', 'c'].map((n) => connectPeer(server.url, mapId, `${n}${cycle}`, owner));
      await Promise.all(writers.map((p) => p.whenSynced()));
      const created = new Map<TestPeer, Created[]>(writers.map((p) => [p, []]));
      let stop = false;
      const bursts = writers.map(async (p, w) => {
        for (let i = 0; !stop; i++) {
          // Long labels make each compaction (encode + write the whole state) take real time.
          const label = `${p.name} ${i} ${'x'.repeat(400)}`;
          const id = addNode(p.doc, { kind: 'output', label, x: i, y: w }, origin(p.name));
          created.get(p)!.push({ id, sentIndex: p.sent() });
          await sleep(1);
        }
      });
      // Kill at a different moment each cycle, while compactions and checkpoints keep running;
      // meanwhile, watch how far the stored state trails the log.
      const killAt = performance.now() + (cycle === 0 ? 800 : 300 + ((cycle * 137) % 400));
      while (performance.now() < killAt) {
        await sleep(50);
        const live = storedFacts(dir, mapId);
        maxLag = Math.max(maxLag, live.logged - live.throughSeq);
      }
      const wal = join(dir, 'loopmap.sqlite-wal');
      walBytes.push(existsSync(wal) ? statSync(wal).size : 0);
      await server.kill();
      const savedAtKill = new Map(writers.map((p) => [p, p.saved()] as const));
      stop = true;
      await Promise.all(bursts);
      for (const p of writers)
        for (const id of acknowledged(created.get(p)!, savedAtKill.get(p)!)) acknowledgedEver.add(id);
      for (const p of writers) p.destroy();

      const facts = storedFacts(dir, mapId);
      expect(facts.integrity).toBe('ok');
      expect(facts.throughSeq).toBeLessThanOrEqual(facts.logged);
      throughSeqs.push(facts.throughSeq);
      loggedSeqs.push(facts.logged);
      const stored = nodeIds(readStoredDoc(dir, mapId));
      expect([...acknowledgedEver].filter((id) => !stored.has(id))).toEqual([]);
    }
    // Compactions did happen between the kills (the stored state moved on), and kept up while
    // updates streamed in (every 20 updates, no waiting): the stored state trailed the log by a
    // bounded amount (measured up to ~340 here, with two cores shared with the writers).
    expect(new Set(throughSeqs).size).toBeGreaterThan(1);
    expect(maxLag).toBeLessThan(800);

    server = await child(dir, 0, env);
    const opened = performance.now();
    const reader = peer(server.url, mapId, 'reader', owner);
    await reader.whenSynced();
    const openMs = Math.round(performance.now() - opened);
    const seen = nodeIds(reader.doc);
    expect([...acknowledgedEver].filter((id) => !seen.has(id))).toEqual([]);
    console.log(
      `[faults] sigkill-compaction: ${cycles} kills with compaction every 20 updates and WAL checkpoints every 5 ms, ` +
        `${acknowledgedEver.size} acknowledged cards, 0 lost; stored state through / logged at each kill ` +
        `${throughSeqs.map((t, i) => `${t}/${loggedSeqs[i]}`).join(', ')}; WAL at the kills ${walBytes.map((b) => Math.round(b / 1024)).join(', ')} KiB; ` +
        `stored state at most ${maxLag} updates behind the log while streaming; integrity ok; the map opened with ${seen.size} cards in ${openMs} ms`,
    );
  }, 90_000);

  it('a full disk refuses writes visibly (4500, 503) and drops none: once space is freed the edits are stored', async (context) => {
    const skip = (reason: string): void => {
      if (MUST_RUN) throw new Error(`full-disk test cannot run: ${reason}`);
      console.log(`[faults] storage-full: skipped (${reason})`);
      context.skip();
    };
    if (process.getuid?.() !== 0) return skip('needs root to mount a tmpfs');
    const dir = tempDataDir('faults-disk');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (error) {
      removeDir(dir);
      return skip(`mount -t tmpfs failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`);
    }
    cleanups.push(() => {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      removeDir(dir);
    });

    const server = await child(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Full disk');
    const writer = peer(server.url, mapId, 'writer', owner);
    // The work kept while the disk is full (~450 KiB) is more than one frame may carry: it goes
    // back in slices when space returns (test peers slice as the browser client does).
    const closes: number[] = [];
    writer.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    await writer.whenSynced();
    for (let i = 0; i < 10; i++)
      addNode(writer.doc, { kind: 'outcome', label: `before ${i}`, x: i, y: 0 }, origin('w'));
    await writer.whenSaved();

    // Fill the disk to the last byte.
    const filler = join(dir, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    let filled = 0;
    try {
      for (;;) filled += writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }

    // The user keeps working: 300 cards with long labels (~450 KiB), more than the WAL has room for.
    const written: NodeId[] = [];
    const fullAt = performance.now();
    for (let i = 0; i < 300; i++) {
      written.push(
        addNode(writer.doc, { kind: 'activity', label: `offline ${i} ${'y'.repeat(1500)}`, x: i, y: 1 }, origin('w')),
      );
      if (i % 20 === 0) await sleep(5);
    }
    // Refused visibly: the socket closes with 4500 (the client shows it is reconnecting)...
    await waitFor(() => closes.includes(CLOSE_CODES.storageFailed), 'the writer is told storage failed', 10_000);
    const refusedMs = Math.round(performance.now() - fullAt);
    // ...and never acknowledged: none of those cards is in the store.
    const storedWhileFull = nodeIds(readStoredDoc(dir, mapId));
    expect(written.filter((id) => storedWhileFull.has(id))).toEqual([]);

    // A REST write needing new space is refused with 503 in the one error shape, never a 500.
    const rest = await owner.api('POST', '/api/maps', { title: `Refused ${'z'.repeat(150)}` });
    // A rename goes through the room's durable pipeline like a peer's edit.
    const newTitle = `Renamed ${'r'.repeat(150)}`;
    const big = await owner.api('PATCH', `/api/maps/${mapId}`, { title: newTitle });
    const restStatuses = [rest.status, big.status];
    for (const res of [rest, big]) {
      expect(res.status, JSON.stringify(res.body)).not.toBe(500);
      if (res.status >= 500) {
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('storage_unavailable');
        expect(res.headers.get('retry-after')).toBe('30');
      }
    }
    expect(restStatuses).toContain(503);
    // A write that was answered 200 must be stored: never a success the store did not keep.
    if (big.status === 200) expect(readMeta(readStoredDoc(dir, mapId)).title).toBe(newTitle);
    // Held full for a while, the provider keeps reconnecting and keeps being refused.
    await sleep(1500);
    expect(written.filter((id) => nodeIds(readStoredDoc(dir, mapId)).has(id))).toEqual([]);
    // Reads still work.
    expect((await owner.api('GET', '/api/maps')).status).toBe(200);

    // Space comes back: the provider's own reconnect delivers every card, nothing retyped.
    const closesWhileFull = closes.filter((c) => c === CLOSE_CODES.storageFailed).length;
    unlinkSync(filler);
    const freedAt = performance.now();
    await waitFor(
      () => writer.provider.synced && writer.saved() >= writer.sent() && writer.sent() > 0,
      'the writer is saved again',
      20_000,
    );
    const recoveredMs = Math.round(performance.now() - freedAt);
    const stored = nodeIds(readStoredDoc(dir, mapId));
    expect(written.filter((id) => !stored.has(id))).toEqual([]);
    const after = await owner.api('POST', '/api/maps', { title: 'After the disk was freed' });
    expect(after.status).toBe(201);

    // A read-only disk. It cannot be made read-only under a running server (remount refuses while
    // files are open for writing, and there is no device-mapper here to fail the disk), so it is
    // the next start: the server refuses to start, in one clear line and a non-zero exit, rather
    // than serving maps it could not save. Made writable again, it opens the map whole.
    await server.stop();
    writer.provider.disconnect();
    let readOnlyFigures: string;
    try {
      execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' });
      const refused = await startChildServer(dir).then(
        async (unexpected) => {
          await unexpected.stop();
          return 'started';
        },
        (error: Error) => error.message,
      );
      expect(refused).toMatch(/exited with 1/);
      expect(refused).toMatch(/could not start with the data in .*read-only or full/);
      execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'pipe' });
      const again = await child(dir);
      const reader = peer(again.url, mapId, 'reader', owner);
      await reader.whenSynced();
      expect(nodeIds(reader.doc).size).toBe(stored.size);
      readOnlyFigures = `read-only disk at start: refused with exit 1 and a one-line reason; writable again: map opened with ${stored.size} cards`;
    } catch (error) {
      if ((error as { stderr?: Buffer }).stderr === undefined) throw error;
      readOnlyFigures = `read-only part not run: ${String((error as { stderr: Buffer }).stderr).trim()}`;
      if (MUST_RUN) throw error;
    }

    console.log(
      `[faults] storage-full: tmpfs 6 MiB filled (${Math.round(filled / 1024)} KiB filler); 300 cards typed on a full disk, ` +
        `socket closed 4500 after ${refusedMs} ms (${closesWhileFull} closes while full), 0 acknowledged, REST writes ${restStatuses.join('/')}; ` +
        `space freed: all 300 stored ${recoveredMs} ms later by the provider's own reconnect; ${readOnlyFigures}`,
    );
  }, 90_000);

  it('a half-open socket (upgraded, joined, present, then silent) is dropped and its presence removed within the heartbeat bound', async () => {
    const dir = tempDataDir('faults-halfopen');
    cleanups.push(() => removeDir(dir));
    const heartbeatMs = 400;
    const server = await child(dir, 0, { HEARTBEAT_MS: String(heartbeatMs) });
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Half open');
    const honest = peer(server.url, mapId, 'honest', owner);
    await honest.whenSynced();

    const ghostDoc = new Y.Doc();
    const ghostAwareness = new awarenessProtocol.Awareness(ghostDoc);
    ghostAwareness.setLocalState({ cursor: { x: 1, y: 2 } });
    const ghost = rawClient(server.url, mapId, owner, 'ghost');
    cleanups.push(() => {
      ghost.ws.terminate();
      ghostAwareness.destroy();
      ghostDoc.destroy();
    });
    await ghost.opened;
    ghost.ws.send(step1Frame(ghostDoc));
    ghost.ws.send(awarenessFrame(ghostAwareness));
    await ghost.synced;
    const ghostId = ghostDoc.clientID;
    const present = () => honest.provider.awareness.getStates().has(ghostId);
    await waitFor(present, 'the honest peer sees the ghost');

    // While it answers pings (ws does so by itself), it stays through several heartbeats.
    await sleep(heartbeatMs * 3);
    expect(present()).toBe(true);

    // Then its network goes: stop reading the socket, so pings pile up unanswered.
    const socket = (ghost.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const silentAt = performance.now();
    await waitFor(() => !present(), 'the ghost disappears for the honest peer', heartbeatMs * 10);
    const goneMs = Math.round(performance.now() - silentAt);
    // The bound: it missed one ping, and is dropped at the next (at most two intervals), plus a relay.
    expect(goneMs).toBeLessThanOrEqual(heartbeatMs * 2 + 300);

    console.log(
      `[faults] half-open: heartbeat ${heartbeatMs} ms; a silent socket's presence vanished for an honest peer ` +
        `${goneMs} ms after it went silent (bound ${heartbeatMs * 2} ms + relay); kept through ${3} heartbeats while answering`,
    );
  }, 30_000);

  it('a client offline for a long time with hundreds of edits merges cleanly with hundreds made meanwhile', async () => {
    const dir = tempDataDir('faults-offline');
    cleanups.push(() => removeDir(dir));
    // The child process runs on the system clock (no test clock to advance), so "an hour" is
    // made of what an hour does to a map: hundreds of edits on each side and several compactions.
    const server = await child(dir, 0, { COMPACT_EVERY: '50', COMPACT_DEBOUNCE_MS: '50' });
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Offline');
    const away = peer(server.url, mapId, 'away', owner);
    const here = peer(server.url, mapId, 'here', owner);
    await Promise.all([away.whenSynced(), here.whenSynced()]);
    const shared: NodeId[] = [];
    for (let i = 0; i < 50; i++)
      shared.push(addNode(here.doc, { kind: 'outcome', label: `shared ${i}`, x: i, y: 0 }, origin('here')));
    await here.whenSaved();
    await waitFor(() => nodeIds(away.doc).size === 50, 'away has the shared cards');
    const throughBefore = storedFacts(dir, mapId).throughSeq;

    away.provider.disconnect();
    const edits = HEAVY ? 2000 : 400;
    const awayAdded: NodeId[] = [];
    const hereAdded: NodeId[] = [];
    for (let i = 0; i < edits; i++) {
      // Offline side: new cards, renames and moves of shared cards, a few deletions.
      awayAdded.push(addNode(away.doc, { kind: 'activity', label: `away ${i}`, x: i, y: 10 }, origin('away')));
      if (i % 10 === 0) setNodeLabel(away.doc, shared[i % 50]!, `renamed offline ${i}`, origin('away'));
      if (i % 7 === 0) moveNodes(away.doc, [{ id: shared[(i * 3) % 50]!, x: i, y: -i }], origin('away'));
      // Online side, through the server, one message per edit.
      hereAdded.push(addNode(here.doc, { kind: 'output', label: `here ${i}`, x: i, y: 20 }, origin('here')));
      if (i % 10 === 5) setNodeLabel(here.doc, shared[i % 50]!, `renamed online ${i}`, origin('here'));
      if (i % 50 === 49) removeNodes(here.doc, [shared[i % 50]!], origin('here'));
      if (i % 25 === 0) await sleep(5);
    }
    await here.whenSaved();
    await waitFor(
      () => storedFacts(dir, mapId).throughSeq > throughBefore + edits / 2,
      'the server compacted meanwhile',
    );
    const compactedThrough = storedFacts(dir, mapId).throughSeq;

    const reconnected = performance.now();
    away.provider.connect();
    await waitFor(
      () => away.provider.synced && JSON.stringify(toMapJSON(away.doc)) === JSON.stringify(toMapJSON(here.doc)),
      'both sides converge',
      20_000,
    );
    await away.whenSaved();
    const mergeMs = Math.round(performance.now() - reconnected);
    const stored = readStoredDoc(dir, mapId);
    const storedIds = nodeIds(stored);
    expect([...awayAdded, ...hereAdded].filter((id) => !storedIds.has(id))).toEqual([]);
    expect(JSON.stringify(toMapJSON(stored))).toBe(JSON.stringify(toMapJSON(here.doc)));
    const deleted = shared.filter((_, i) => i % 50 === 49);
    for (const id of deleted) expect(storedIds.has(id)).toBe(false);

    console.log(
      `[faults] offline-merge: ${edits} offline edits (+${edits / 10} renames, ${Math.ceil(edits / 7)} moves) against ${edits} online ` +
        `(+renames, deletions) with the log compacted through seq ${compactedThrough} meanwhile; converged and stored ` +
        `${storedIds.size} cards ${mergeMs} ms after reconnecting; no test clock in the child process, so no wall-clock hour`,
    );
  }, 60_000);

  it('a reconnect storm of 500 clients after a restart syncs within a bound and leaves the server responsive', async () => {
    const dir = tempDataDir('faults-storm');
    cleanups.push(() => removeDir(dir));
    let server = await child(dir);
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Storm');
    const seed = connectPeer(server.url, mapId, 'seed', owner);
    await seed.whenSynced();
    for (let i = 0; i < 500; i++)
      addNode(seed.doc, { kind: 'activity', label: `card ${i}`, x: i % 40, y: Math.floor(i / 40) }, origin('seed'));
    await seed.whenSaved();
    const expected = nodeIds(seed.doc).size;
    seed.destroy();
    await server.stop();

    server = await child(dir);
    const pid = server.process.pid;
    const rssBefore = rssMb(pid);
    const clients = HEAVY ? 2000 : 500;
    const started = performance.now();
    const storm = Array.from({ length: clients }, (_, i) => {
      const doc = new Y.Doc();
      const awareness = new awarenessProtocol.Awareness(doc);
      awareness.setLocalState({ cursor: { x: i, y: i } });
      const client = rawClient(server.url, mapId, owner, `storm${i}`);
      client.opened.then(
        () => {
          client.ws.send(step1Frame(doc));
          client.ws.send(awarenessFrame(awareness));
          awareness.destroy();
        },
        () => awareness.destroy(),
      );
      return client;
    });
    cleanups.push(() => {
      for (const c of storm) c.ws.terminate();
    });
    const times: number[] = [];
    const payloads = await Promise.all(
      storm.map((c) =>
        c.synced.then((p) => {
          times.push(performance.now() - started);
          return p;
        }),
      ),
    );
    const allMs = Math.round(performance.now() - started);
    times.sort((a, b) => a - b);
    const p50 = Math.round(times[Math.floor(times.length / 2)]!);
    const rssAfter = rssMb(pid);
    const check = new Y.Doc();
    Y.applyUpdate(check, payloads[0]!);
    expect(nodeIds(check).size).toBe(expected);
    expect(new Set(payloads.map((p) => p.length)).size).toBe(1);

    // Not wedged: with all of them still connected, an honest edit reaches another peer quickly.
    const a = peer(server.url, mapId, 'alice', owner);
    const b = peer(server.url, mapId, 'bob', owner);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) latencies.push(await editLatency(a, b, `after the storm ${i}`));
    const worst = Math.max(...latencies);
    const health = performance.now();
    expect((await fetch(`${server.url}${API.health}`)).status).toBe(200);
    const healthMs = Math.round(performance.now() - health);

    // Measured on this 2-core machine: 1.7 s for 500 clients (see the printed line); the bound is
    // a generous multiple of that, for slower or busier machines.
    expect(allMs).toBeLessThan(HEAVY ? 60_000 : 20_000);
    expect(worst).toBeLessThan(1000);
    console.log(
      `[faults] reconnect-storm: ${clients} clients (ws + y-protocols, each sync step 1 and presence) against a ${expected}-card map ` +
        `just after a restart: all synced in ${allMs} ms (p50 ${p50} ms); server RSS ${rssBefore} -> ${rssAfter} MB; ` +
        `afterwards, with all connected, honest edit latency max ${worst} ms (median ${latencies.sort((x, y) => x - y)[5]} ms), ` +
        `${API.health} in ${healthMs} ms`,
    );
  }, 90_000);
});
