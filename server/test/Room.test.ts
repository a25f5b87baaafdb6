import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  addNode,
  CLOSE_CODES,
  createOrigin,
  MESSAGE_COMMENTS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  getNodes,
  mapStateToJSON,
  readNodes,
  type Role,
} from '@loopmap/shared';
import { SqliteStore } from '../src/storage/SqliteStore.ts';
import {
  DEFAULT_ROOM_MANAGER_OPTIONS,
  OverMemoryBudgetError,
  RoomManager,
  type PeerHandle,
} from '../src/collab/RoomManager.ts';
import { DEFAULT_ROOM_OPTIONS, LOAD_IN_STEPS_BYTES, Room } from '../src/collab/Room.ts';
import { DocLoader } from '../src/collab/docLoader.ts';
import { Peer } from '../src/collab/Peer.ts';
import type { PeerSocket } from '../src/collab/PeerSocket.ts';
import type { Store, StoredDoc, UpdateEntry } from '../src/storage/Store.ts';
import { silentLogger } from '../src/logger.ts';

/** A real SQLite store whose appends can be held back or made to fail, to observe ordering. */
class GatedStore extends SqliteStore {
  gate: Promise<void> | null = null;
  /** Holds back loading a map, to observe peers whose room is not ready yet. */
  loadGate: Promise<void> | null = null;
  failNext = false;
  appended = 0;
  override async appendUpdates(mapId: string, entries: readonly UpdateEntry[]): Promise<number> {
    if (this.gate) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    const seq = await super.appendUpdates(mapId, entries);
    this.appended += entries.length;
    return seq;
  }
  override async loadDoc(mapId: string): Promise<StoredDoc> {
    if (this.loadGate) await this.loadGate;
    return super.loadDoc(mapId);
  }
}

/** An in-memory socket that records what the server sent and how it closed. */
class MemorySocket implements PeerSocket {
  readonly received: Uint8Array[] = [];
  closedWith: number | null = null;
  /** How many frames had been received when the socket was closed. */
  receivedBeforeClose: number | null = null;
  send(frame: Uint8Array): void {
    this.received.push(frame);
  }
  close(code: number): void {
    this.closedWith = code;
    this.receivedBeforeClose = this.received.length;
  }
  bufferedAmount(): number {
    return 0;
  }
  /** Applies every document message received so far to a doc; returns saved acks seen. */
  applyTo(doc: Y.Doc): number[] {
    const acks: number[] = [];
    for (const frame of this.received) {
      const decoder = decoding.createDecoder(frame);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
      if (type === MESSAGE_SAVED) acks.push(decoding.readVarUint(decoder));
    }
    return acks;
  }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function step1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

const tick = () => new Promise((r) => setImmediate(r));

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}

/** The document a socket's received sync messages make. */
function replay(socket: MemorySocket): Y.Doc {
  const doc = new Y.Doc();
  socket.applyTo(doc);
  return doc;
}

const origin = createOrigin('user', 'alice');

async function newMap(store: Store): Promise<string> {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'T');
  await store.createUser({ id: 'u1', email: 'owner@example.org', name: 'Owner', passwordHash: 'x', at: 1 });
  await store.createMap({
    id: 'map1',
    ownerId: 'u1',
    title: 'T',
    kind: 'theory-of-change',
    at: 1,
    initialUpdate: Y.encodeStateAsUpdate(doc),
    author: 'system',
  });
  return 'map1';
}

describe('Room: durable before visible', () => {
  let store: GatedStore;
  let rooms: RoomManager;
  let mapId: string;

  beforeEach(async () => {
    store = new GatedStore({ filename: ':memory:' });
    rooms = new RoomManager(store, { now: () => 1000 }, silentLogger);
    mapId = await newMap(store);
  });
  afterEach(async () => {
    store.gate = null;
    await rooms.shutdown();
    await store.close();
  });

  async function join(name: string, role: Role = 'editor'): Promise<{ socket: MemorySocket; handle: PeerHandle }> {
    const socket = new MemorySocket();
    const identity = { userId: name, name, color: '#000000', role };
    const handle = rooms.connect(mapId, socket, { identity, wantsSavedAcks: true });
    await rooms.withRoom(mapId, () => undefined);
    return { socket, handle };
  }

  it('relays an update and acknowledges it only after the store has it', async () => {
    const a = await join('alice');
    const b = await join('bob');
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));

    const local = new Y.Doc();
    addNode(local, { kind: 'outcome', label: 'Trust', x: 0, y: 0 }, origin);
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    for (let i = 0; i < 5; i++) await tick();

    const bobView = new Y.Doc();
    b.socket.applyTo(bobView);
    expect(readNodes(bobView)).toHaveLength(0);
    expect(a.socket.applyTo(new Y.Doc())).toEqual([]);

    release();
    for (let i = 0; i < 5; i++) await tick();
    b.socket.applyTo(bobView);
    expect(readNodes(bobView).map((n) => n.label)).toEqual(['Trust']);
    expect(a.socket.applyTo(new Y.Doc())).toEqual([1]);
    expect(store.appended).toBe(1);
  });

  it('shutdown stores and acknowledges what it applied, then closes the peers with 1012; what comes after is neither applied nor acknowledged', async () => {
    const a = await join('alice');
    const b = await join('bob');
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));
    const local = new Y.Doc();
    addNode(local, { kind: 'outcome', label: 'Before', x: 0, y: 0 }, origin);
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    for (let i = 0; i < 3; i++) await tick();

    // SIGTERM while that update is being stored: the peers stay connected meanwhile.
    const shutdown = rooms.shutdown();
    for (let i = 0; i < 3; i++) await tick();
    expect(a.socket.closedWith).toBeNull();
    expect(b.socket.closedWith).toBeNull();
    const seen = Y.encodeStateVector(local);
    addNode(local, { kind: 'outcome', label: 'During', x: 1, y: 0 }, origin);
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(local, seen)));
    release();
    await shutdown;

    // Alice heard that her first message is stored, before her socket closed; not the second.
    expect(a.socket.closedWith).toBe(CLOSE_CODES.serviceRestart);
    expect(a.socket.receivedBeforeClose).toBe(a.socket.received.length);
    expect(a.socket.applyTo(new Y.Doc())).toEqual([1]);
    // Bob received the stored card before his socket closed.
    expect(b.socket.closedWith).toBe(CLOSE_CODES.serviceRestart);
    expect(readNodes(replay(b.socket)).map((n) => n.label)).toEqual(['Before']);
    const stored = await store.loadDoc(mapId);
    const doc = new Y.Doc();
    if (stored.state) Y.applyUpdate(doc, stored.state);
    for (const entry of stored.tail) Y.applyUpdate(doc, entry.update);
    expect(readNodes(doc).map((n) => n.label)).toEqual(['Before']);
  });

  it('applies a large update a turn after checking it, lets another peer’s edit through meanwhile, and acknowledges it once', async () => {
    const a = await join('alice');
    const b = await join('bob');
    const c = await join('carol');
    const big = new Y.Doc();
    big.transact(() => {
      for (let i = 0; i < 1_000; i++) addNode(big, { kind: 'output', label: `Card ${i}`, x: i, y: 0 }, origin);
    }, origin);
    const small = new Y.Doc();
    addNode(small, { kind: 'impact', label: 'Meanwhile', x: 0, y: 0 }, createOrigin('user', 'bob'));
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(big)));
    // Bob's edit arrives while Alice's large update is being applied.
    b.handle.receive(updateFrame(Y.encodeStateAsUpdate(small)));
    await waitUntil(() => readNodes(replay(c.socket)).length === 1_001);

    // Carol got Bob's card before Alice's: the large update did not hold the room.
    const view = new Y.Doc();
    let cardsWhenBobArrived: number | null = null;
    for (const frame of c.socket.received) {
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
      syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), view, 'server');
      const cards = readNodes(view);
      if (cardsWhenBobArrived === null && cards.some((n) => n.label === 'Meanwhile'))
        cardsWhenBobArrived = cards.length;
    }
    expect(cardsWhenBobArrived).not.toBeNull();
    expect(cardsWhenBobArrived!).toBeLessThan(1_001);
    // Alice's one message is acknowledged once, after all of it is stored; nothing is pending.
    await waitUntil(() => a.socket.applyTo(new Y.Doc()).includes(1));
    expect(a.socket.applyTo(new Y.Doc())).toEqual([1]);
    await rooms.withRoom(mapId, (room) => {
      expect(room.doc.store.pendingStructs).toBeNull();
      expect(readNodes(room.doc)).toHaveLength(1_001);
    });
  });

  it('answers a joiner’s sync request only once what it would receive is stored', async () => {
    const a = await join('alice');
    let release!: () => void;
    store.gate = new Promise((r) => (release = r));
    const local = new Y.Doc();
    addNode(local, { kind: 'impact', label: 'Goal', x: 0, y: 0 }, origin);
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    await tick();

    const late = await join('carol');
    late.handle.receive(step1Frame(new Y.Doc()));
    for (let i = 0; i < 5; i++) await tick();
    const carolView = new Y.Doc();
    late.socket.applyTo(carolView);
    expect(readNodes(carolView)).toHaveLength(0);

    release();
    for (let i = 0; i < 5; i++) await tick();
    late.socket.applyTo(carolView);
    expect(readNodes(carolView).map((n) => n.label)).toEqual(['Goal']);
  });

  it('merges one turn’s updates from many peers into one message per receiving peer', async () => {
    const writers = await Promise.all(['a', 'b', 'c'].map((n) => join(n)));
    const reader = await join('reader');
    const before = reader.socket.received.length;
    for (const [i, w] of writers.entries()) {
      const d = new Y.Doc();
      addNode(d, { kind: 'output', label: `from ${i}`, x: i, y: 0 }, origin);
      w.handle.receive(updateFrame(Y.encodeStateAsUpdate(d)));
    }
    for (let i = 0; i < 5; i++) await tick();
    const newFrames = reader.socket.received.slice(before).filter((f) => f[0] === MESSAGE_SYNC);
    expect(newFrames).toHaveLength(1);
    const view = new Y.Doc();
    reader.socket.applyTo(view);
    expect(readNodes(view)).toHaveLength(3);
    // A writer does not get its own update back, only the other two.
    const echo = new Y.Doc();
    writers[0]!.socket.applyTo(echo);
    expect(
      readNodes(echo)
        .map((n) => n.label)
        .sort(),
    ).toEqual(['from 1', 'from 2']);
  });

  it('when the store fails, the room closes its peers with 4500 and reloads from what was stored', async () => {
    const a = await join('alice');
    const b = await join('bob');
    store.failNext = true;
    const local = new Y.Doc();
    addNode(local, { kind: 'risk', label: 'Lost?', x: 0, y: 0 }, origin);
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    for (let i = 0; i < 5; i++) await tick();
    expect(a.socket.closedWith).toBe(CLOSE_CODES.storageFailed);
    expect(b.socket.closedWith).toBe(CLOSE_CODES.storageFailed);
    const bobView = new Y.Doc();
    b.socket.applyTo(bobView);
    expect(readNodes(bobView)).toHaveLength(0);

    // The client still has its change; on reconnect its sync sends it again and it is stored.
    a.handle.closed();
    b.handle.closed();
    const again = await join('alice');
    again.handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    for (let i = 0; i < 5; i++) await tick();
    const stored = await store.loadDoc(mapId);
    const reloaded = new Y.Doc();
    for (const entry of stored.tail) Y.applyUpdate(reloaded, entry.update);
    expect(readNodes(reloaded).map((n) => n.label)).toEqual(['Lost?']);
  });

  it('an edit made before the peer’s sync step 2 that depends on it waits for the step 2 instead of closing the peer', async () => {
    const a = await join('alice');
    // Alice worked offline: two changes, the second depending on the first.
    const local = new Y.Doc();
    addNode(local, { kind: 'outcome', label: 'First', x: 0, y: 0 }, origin);
    const before = Y.encodeStateVector(local);
    addNode(local, { kind: 'outcome', label: 'Second', x: 0, y: 0 }, origin);
    const second = Y.encodeStateAsUpdate(local, before);
    // Reconnected, she edits again before answering the room's state vector: that update lacks
    // the first change, which her step 2 (computed after) carries along with it.
    a.handle.receive(updateFrame(second));
    for (let i = 0; i < 5; i++) await tick();
    expect(a.socket.closedWith).toBeNull();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, local, Y.encodeStateVector(replay(a.socket)));
    a.handle.receive(encoding.toUint8Array(encoder));
    // Both of her messages are acknowledged once the step 2 is stored, and the room has both cards.
    await waitUntil(() => a.socket.applyTo(new Y.Doc()).includes(2));
    expect(a.socket.closedWith).toBeNull();
    await rooms.withRoom(mapId, (room) => {
      expect(
        readNodes(room.doc)
          .map((n) => n.label)
          .sort(),
      ).toEqual(['First', 'Second']);
    });
  });

  it('an update with missing changes after the peer’s step 2 still closes it with 4409', async () => {
    const a = await join('alice');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(encoder, new Y.Doc(), Y.encodeStateVector(replay(a.socket)));
    a.handle.receive(encoding.toUint8Array(encoder));
    const local = new Y.Doc();
    addNode(local, { kind: 'outcome', label: 'First', x: 0, y: 0 }, origin);
    const before = Y.encodeStateVector(local);
    addNode(local, { kind: 'outcome', label: 'Second', x: 0, y: 0 }, origin);
    a.handle.receive(updateFrame(Y.encodeStateAsUpdate(local, before)));
    await waitUntil(() => a.socket.closedWith === CLOSE_CODES.missingDependencies);
  });

  it('never applies, relays or stores a document update from a viewer or commenter', async () => {
    const viewer = await join('vera', 'viewer');
    const commenter = await join('cole', 'commenter');
    const editor = await join('eddie', 'editor');
    const before = store.appended;
    for (const intruder of [viewer, commenter]) {
      const crafted = new Y.Doc();
      addNode(crafted, { kind: 'risk', label: 'Injected', x: 0, y: 0 }, origin);
      intruder.handle.receive(updateFrame(Y.encodeStateAsUpdate(crafted)));
    }
    for (let i = 0; i < 5; i++) await tick();
    expect(store.appended).toBe(before);
    const editorView = new Y.Doc();
    editor.socket.applyTo(editorView);
    expect(readNodes(editorView)).toHaveLength(0);
    expect(viewer.socket.closedWith).toBeNull(); // still connected, still receiving
    const fromEditor = new Y.Doc();
    addNode(fromEditor, { kind: 'outcome', label: 'Legit', x: 0, y: 0 }, origin);
    editor.handle.receive(updateFrame(Y.encodeStateAsUpdate(fromEditor)));
    for (let i = 0; i < 5; i++) await tick();
    const viewerView = new Y.Doc();
    viewer.socket.applyTo(viewerView);
    expect(readNodes(viewerView).map((n) => n.label)).toEqual(['Legit']);
  });
});

describe('Room: updates another instance has stored (applyRemote)', () => {
  let store: GatedStore;
  let rooms: RoomManager;
  let mapId: string;

  beforeEach(async () => {
    store = new GatedStore({ filename: ':memory:' });
    rooms = new RoomManager(store, { now: () => 1000 }, silentLogger);
    mapId = await newMap(store);
  });
  afterEach(async () => {
    await rooms.shutdown();
    await store.close();
  });

  it('relays a remote update to every local peer at once and never stores it again', async () => {
    const sockets = [new MemorySocket(), new MemorySocket()];
    for (const [i, socket] of sockets.entries()) {
      const identity = { userId: `u${i}`, name: `u${i}`, color: '#000000', role: 'editor' as const };
      rooms.connect(mapId, socket, { identity, wantsSavedAcks: true });
    }
    const elsewhere = new Y.Doc();
    addNode(elsewhere, { kind: 'outcome', label: 'From another instance', x: 0, y: 0 }, origin);
    const before = store.appended;
    const seqBefore = (await store.loadDoc(mapId)).lastSeq;
    await rooms.withRoom(mapId, async (room) => {
      room.applyRemote(Y.encodeStateAsUpdate(elsewhere));
      // Synchronously: it is durable already, nothing waits for this instance's store.
      for (const socket of sockets)
        expect(readNodes(replay(socket)).map((n) => n.label)).toEqual(['From another instance']);
      await room.flushNow();
      expect(readNodes(room.doc)).toHaveLength(1);
    });
    for (let i = 0; i < 5; i++) await tick();
    expect(store.appended).toBe(before);
    expect((await store.loadDoc(mapId)).lastSeq).toBe(seqBefore);
    // Nobody is told it saved a message it did not send.
    for (const socket of sockets) expect(socket.applyTo(new Y.Doc())).toEqual([]);

    // A joiner with nothing gets it in the room's state, and a local edit after it is stored alone.
    const late = new MemorySocket();
    const identity = { userId: 'late', name: 'late', color: '#000000', role: 'editor' as const };
    const handle = rooms.connect(mapId, late, { identity, wantsSavedAcks: true });
    await rooms.withRoom(mapId, () => undefined);
    handle.receive(step1Frame(new Y.Doc()));
    const local = new Y.Doc();
    addNode(local, { kind: 'impact', label: 'Local', x: 0, y: 0 }, origin);
    handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    await waitUntil(() => late.applyTo(new Y.Doc()).includes(1));
    expect(
      readNodes(replay(late))
        .map((n) => n.label)
        .sort(),
    ).toEqual(['From another instance', 'Local']);
    expect(store.appended).toBe(before + 1);
    const stored = await store.loadDoc(mapId);
    const fromLog = new Y.Doc();
    for (const entry of stored.tail) Y.applyUpdate(fromLog, entry.update);
    expect(readNodes(fromLog).map((n) => n.label)).toEqual(['Local']);
  });
});

describe('RoomManager: the memory budget', () => {
  let store: GatedStore;
  let rooms: RoomManager;
  let used = 0;

  beforeEach(async () => {
    store = new GatedStore({ filename: ':memory:' });
    used = 0;
    rooms = new RoomManager(store, { now: () => 1000 }, silentLogger, {
      ...DEFAULT_ROOM_MANAGER_OPTIONS,
      idleUnloadMs: 60_000,
      memoryBudgetBytes: 1_000,
      memoryUsed: () => used,
    });
    await newMap(store);
    for (const id of ['map2', 'map3']) {
      await store.createMap({
        id,
        ownerId: 'u1',
        title: id,
        kind: 'theory-of-change',
        at: 1,
        initialUpdate: Y.encodeStateAsUpdate(new Y.Doc()),
        author: 'system',
      });
    }
  });
  afterEach(async () => {
    await rooms.shutdown();
    await store.close();
  });

  const open = (mapId: string) => {
    const socket = new MemorySocket();
    const identity = { userId: 'u1', name: 'Owner', color: '#000000', role: 'owner' as Role };
    return { socket, handle: rooms.connect(mapId, socket, { identity, wantsSavedAcks: false }) };
  };

  it('past the budget, unloads idle maps at once to open another, and refuses one when none is idle', async () => {
    const first = open('map1');
    await waitUntil(() => rooms.isLoaded('map1') && first.socket.received.length > 0);
    first.handle.closed(); // map1 is idle now, and would stay loaded for a minute
    expect(rooms.isLoaded('map1')).toBe(true);

    used = 2_000;
    expect(rooms.overMemoryBudget).toBe(true);
    const second = open('map2');
    await waitUntil(() => second.socket.received.length > 0);
    expect(second.socket.closedWith).toBeNull();
    await waitUntil(() => !rooms.isLoaded('map1'));

    // map2 is in use: nothing idle to let go of, so map3 waits for memory.
    const third = open('map3');
    await waitUntil(() => third.socket.closedWith !== null);
    expect(third.socket.closedWith).toBe(CLOSE_CODES.tryAgainLater);
    await expect(rooms.withRoom('map3', () => undefined)).rejects.toBeInstanceOf(OverMemoryBudgetError);
    // An open map stays usable, and below the budget map3 opens again.
    await rooms.withRoom('map2', () => undefined);
    used = 0;
    await rooms.withRoom('map3', () => undefined);
  });
});

describe('RoomManager: comment notices (MESSAGE_COMMENTS)', () => {
  let store: GatedStore;
  let rooms: RoomManager;
  let mapId: string;

  beforeEach(async () => {
    store = new GatedStore({ filename: ':memory:' });
    rooms = new RoomManager(store, { now: () => 1000 }, silentLogger);
    mapId = await newMap(store);
  });
  afterEach(async () => {
    store.loadGate = null;
    await rooms.shutdown();
    await store.close();
  });

  const revisionsIn = (socket: MemorySocket): number[] =>
    socket.received
      .map((frame) => decoding.createDecoder(frame))
      .filter((decoder) => decoding.readVarUint(decoder) === MESSAGE_COMMENTS)
      .map((decoder) => decoding.readVarUint(decoder));

  const join = (name: string, wantsCommentNotices: boolean, role: Role = 'viewer') => {
    const socket = new MemorySocket();
    const identity = { userId: name, name, color: '#000000', role };
    const handle = rooms.connect(mapId, socket, { identity, wantsSavedAcks: false, wantsCommentNotices });
    return { socket, handle };
  };

  it('reaches the peers that asked, even while their room is still loading, with a growing revision', async () => {
    let release!: () => void;
    store.loadGate = new Promise((r) => (release = r));
    const asked = join('asked', true);
    const stock = join('stock', false);
    await tick();
    expect(rooms.isLoaded(mapId)).toBe(true); // loading, not ready
    expect(asked.socket.received).toEqual([]);

    expect(rooms.notifyCommentsChanged(mapId)).toBe(1);
    expect(revisionsIn(asked.socket)).toEqual([1]);
    release();
    await rooms.withRoom(mapId, () => undefined);
    expect(rooms.notifyCommentsChanged(mapId)).toBe(2);
    expect(revisionsIn(asked.socket)).toEqual([1, 2]);
    expect(stock.socket.received.map((frame) => frame[0])).not.toContain(MESSAGE_COMMENTS);
    expect(stock.socket.received.length).toBeGreaterThan(0); // it did get the sync and presence

    // Gone peers hear nothing more; a map nobody has open costs nothing and loads nothing.
    asked.handle.closed();
    rooms.notifyCommentsChanged(mapId);
    expect(revisionsIn(asked.socket)).toEqual([1, 2]);
    expect(rooms.notifyCommentsChanged('map-nobody-has-open')).toBe(1);
    expect(rooms.isLoaded('map-nobody-has-open')).toBe(false);
  });
});

describe('Room: compaction under a steady stream of updates', () => {
  it('compacts when a bound is reached even if an update arrives every turn', async () => {
    const saved: number[] = [];
    class CountingStore extends SqliteStore {
      override async saveState(id: string, state: Uint8Array, throughSeq: number, at: number): Promise<void> {
        saved.push(throughSeq);
        return super.saveState(id, state, throughSeq, at);
      }
    }
    const store = new CountingStore({ filename: ':memory:' });
    // A real clock: the bug was a compaction timer re-armed by every flush, which a turn faster
    // than the timer's delay postponed for ever.
    const rooms = new RoomManager(store, { now: () => Date.now() }, silentLogger, {
      compactEvery: 20,
      compactDebounceMs: 0,
      compactMaxWaitMs: 0,
      idleUnloadMs: 3_000,
    });
    const mapId = await newMap(store);
    const socket = new MemorySocket();
    const handle = rooms.connect(mapId, socket, {
      identity: { userId: 'alice', name: 'alice', color: '#000000', role: 'editor' },
      wantsSavedAcks: true,
    });
    await rooms.withRoom(mapId, () => undefined);
    const local = new Y.Doc();
    const streamUntil = Date.now() + 300;
    let sent = 0;
    while (Date.now() < streamUntil) {
      const before = Y.encodeStateVector(local);
      addNode(local, { kind: 'output', label: `n${sent++}`, x: 0, y: 0 }, origin);
      handle.receive(updateFrame(Y.encodeStateAsUpdate(local, before)));
      await tick();
    }
    expect(sent).toBeGreaterThan(100);
    expect(saved.length).toBeGreaterThan(0);
    await rooms.shutdown();
    // The states were made on the compactor's worker while updates kept coming: the last stored
    // state covers everything, and state plus log rebuild exactly what the peer sent.
    const stored = await store.loadDoc(mapId);
    expect(stored.stateSeq).toBe(stored.lastSeq);
    const reloaded = new Y.Doc();
    if (stored.state) Y.applyUpdate(reloaded, stored.state);
    for (const entry of stored.tail) Y.applyUpdate(reloaded, entry.update);
    expect(readNodes(reloaded)).toHaveLength(sent);
    expect(Y.getState(reloaded.store, local.clientID)).toBe(Y.getState(local.store, local.clientID));
    await store.close();
  });

  it('a compacted state never claims updates it lacks: another process’s appends are merged from the log', async () => {
    const store = new SqliteStore({ filename: ':memory:' });
    const rooms = new RoomManager(store, { now: () => Date.now() }, silentLogger, {
      compactEvery: 1_000,
      compactDebounceMs: 60_000,
      compactMaxWaitMs: 60_000,
      idleUnloadMs: 60_000,
    });
    const mapId = await newMap(store);
    const socket = new MemorySocket();
    const handle = rooms.connect(mapId, socket, {
      identity: { userId: 'alice', name: 'alice', color: '#000000', role: 'editor' },
      wantsSavedAcks: true,
    });
    await rooms.withRoom(mapId, () => undefined);
    // Another server process on the same database logs a card this room never saw.
    const elsewhere = new Y.Doc();
    addNode(elsewhere, { kind: 'impact', label: 'From the other process', x: 0, y: 0 }, origin);
    await store.appendUpdates(mapId, [
      { update: Y.encodeStateAsUpdate(elsewhere), author: 'bob', at: Date.now(), change: null },
    ]);
    const local = new Y.Doc();
    addNode(local, { kind: 'output', label: 'Here', x: 0, y: 0 }, origin);
    handle.receive(updateFrame(Y.encodeStateAsUpdate(local)));
    await rooms.withRoom(mapId, async (room) => {
      await room.flushNow();
      await room.compact();
    });
    const stored = await store.loadDoc(mapId);
    expect(stored.stateSeq).toBe(stored.lastSeq);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, stored.state!);
    for (const entry of stored.tail) Y.applyUpdate(reloaded, entry.update);
    expect(
      readNodes(reloaded)
        .map((n) => n.label)
        .sort(),
    ).toEqual(['From the other process', 'Here']);
    await rooms.shutdown();
    await store.close();
  });

  it('encodes the merged state on a worker thread, equal to the document’s own encoding', async () => {
    const { Compactor } = await import('../src/collab/compactor.ts');
    const compactor = new Compactor();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 200; i++) addNode(doc, { kind: 'output', label: `n${i}`, x: i, y: 0 }, origin);
    const base = Y.mergeUpdates(updates.splice(0, 100));
    const merged = await compactor.merge(base, updates);
    expect(compactor.usedWorker).toBe(true);
    const view = new Y.Doc();
    Y.applyUpdate(view, merged);
    expect(readNodes(view)).toEqual(readNodes(doc));
    expect(merged).toEqual(Y.encodeStateAsUpdate(doc));
    await compactor.close();
  });
});

describe('Room.open: a large map opens in steps', () => {
  const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

  /** A map over LOAD_IN_STEPS_BYTES: a compacted state of `cards` cards, then a tail. */
  function largeMap(cards: number): { state: Uint8Array; tail: Uint8Array[]; doc: Y.Doc } {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'Large');
    const ids: string[] = [];
    doc.transact(() => {
      for (let i = 0; i < cards; i++)
        ids.push(addNode(doc, { kind: 'output', label: `Card ${i} of a large map`, x: i, y: 0 }, origin));
    }, origin);
    const state = Y.encodeStateAsUpdate(doc);
    const tail: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => tail.push(update));
    addNode(doc, { kind: 'outcome', label: 'Added after the state', x: 0, y: 1 }, origin);
    doc.transact(() => {
      for (const id of ids.slice(0, 50)) getNodes(doc).delete(id);
    }, origin);
    return { state, tail, doc };
  }

  async function storedMap(store: SqliteStore, state: Uint8Array, tail: Uint8Array[]): Promise<StoredDoc> {
    await newMap(store);
    await store.saveState('map1', state, 1, 2);
    if (tail.length > 0)
      await store.appendUpdates(
        'map1',
        tail.map((update) => ({ update, author: 'a', at: 3 })),
      );
    return store.loadDoc('map1');
  }

  it('builds the same document, records and first sync reply as loading it at once, letting other work run meanwhile', async () => {
    const { state, tail, doc } = largeMap(3_000);
    expect(state.length).toBeGreaterThan(LOAD_IN_STEPS_BYTES);
    const store = new SqliteStore({ filename: ':memory:' });
    const stored = await storedMap(store, state, tail);
    expect(stored.tail.length).toBe(2);
    const loader = new DocLoader();
    const clock = { now: () => 1000 };

    // Something else the process does meanwhile: one step per event-loop turn.
    let otherTurns = 0;
    let opened = false;
    const other = (): void => {
      if (opened) return;
      otherTurns++;
      setImmediate(other);
    };
    setImmediate(other);
    const room = await Room.open('map1', stored, store, clock, silentLogger, { ...DEFAULT_ROOM_OPTIONS, loader });
    opened = true;
    expect(loader.usedWorker).toBe(true);
    // The load yielded to the event loop many times instead of holding it throughout.
    expect(otherTurns).toBeGreaterThan(5);

    const atOnce = new Room('map1', stored, store, clock, silentLogger, DEFAULT_ROOM_OPTIONS);
    expect(sameBytes(Y.encodeStateAsUpdate(room.doc), Y.encodeStateAsUpdate(atOnce.doc))).toBe(true);
    expect(sameBytes(Y.encodeStateAsUpdate(room.doc), Y.encodeStateAsUpdate(doc))).toBe(true);
    expect(mapStateToJSON(room.recorder.current)).toEqual(mapStateToJSON(atOnce.recorder.current));
    expect(room.budget.records).toBe(atOnce.budget.records);

    // A joiner with nothing receives the whole map, served from the prepared state.
    const socket = new MemorySocket();
    const peer = new Peer(
      socket,
      { userId: 'bob', name: 'Bob', color: '#000000', role: 'editor' },
      { wantsSavedAcks: true, wantsCommentNotices: false },
      silentLogger,
    );
    room.addPeer(peer);
    room.receive(peer, step1Frame(new Y.Doc()));
    await room.flushNow();
    expect(sameBytes(Y.encodeStateAsUpdate(replay(socket)), Y.encodeStateAsUpdate(doc))).toBe(true);

    // And it behaves as before once open: a change is recorded and stored.
    await room.change((d) => addNode(d, { kind: 'note', label: 'After opening', x: 0, y: 0 }, origin));
    expect([...room.recorder.current.nodes.values()].some((n) => n.label === 'After opening')).toBe(true);
    expect(room.lastSeq).toBe(stored.lastSeq + 1);
    await room.close();
    await atOnce.close();
    await loader.close();
    await store.close();
  }, 30_000);

  it('drops stored changes that stay pending, as loading at once does', async () => {
    const { state } = largeMap(3_000);
    // An update whose dependencies never came (stored before the guard existed).
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, state);
    const before = Y.encodeStateVector(elsewhere);
    addNode(elsewhere, { kind: 'note', label: 'lost', x: 0, y: 0 }, origin);
    const missing = Y.encodeStateAsUpdate(elsewhere, before);
    const afterMissing = Y.encodeStateVector(elsewhere);
    addNode(elsewhere, { kind: 'note', label: 'pending', x: 0, y: 0 }, origin);
    const pending = Y.encodeStateAsUpdate(elsewhere, afterMissing);
    expect(missing.length).toBeGreaterThan(0);
    const store = new SqliteStore({ filename: ':memory:' });
    const stored = await storedMap(store, state, [pending]);
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
    const loader = new DocLoader();
    const room = await Room.open('map1', stored, store, { now: () => 1000 }, log, { ...DEFAULT_ROOM_OPTIONS, loader });
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(warnings).toContain('dropped stored changes that were still pending');
    const fromState = new Y.Doc();
    Y.applyUpdate(fromState, state);
    expect(sameBytes(Y.encodeStateAsUpdate(room.doc), Y.encodeStateAsUpdate(fromState))).toBe(true);
    await room.close();
    await loader.close();
    await store.close();
  }, 30_000);
});
