import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { CLOSE_CODES, MESSAGE_COMMENTS, type Role } from '@loopmap/shared';
import { SqliteStore } from '../src/storage/SqliteStore.ts';
import { DEFAULT_ROOM_MANAGER_OPTIONS, RoomManager } from '../src/collab/RoomManager.ts';
import { InProcessRoomBus, type RoomEvent } from '../src/collab/RoomBus.ts';
import type { PeerSocket } from '../src/collab/PeerSocket.ts';
import type { PeerIdentity } from '../src/collab/Peer.ts';
import { silentLogger } from '../src/logger.ts';

describe('InProcessRoomBus', () => {
  it('gives every subscriber every event, in order, until it unsubscribes', () => {
    const bus = new InProcessRoomBus();
    const first: RoomEvent[] = [];
    const second: RoomEvent[] = [];
    const stopFirst = bus.subscribe((event) => first.push(event));
    bus.subscribe((event) => second.push(event));
    bus.publish({ type: 'token-revoked', tokenId: 't1' });
    bus.publish({ type: 'comments-changed', mapId: 'm1' });
    stopFirst();
    bus.publish({ type: 'account-deleted', userId: 'u1' });
    expect(first).toEqual([
      { type: 'token-revoked', tokenId: 't1' },
      { type: 'comments-changed', mapId: 'm1' },
    ]);
    expect(second.map((event) => event.type)).toEqual(['token-revoked', 'comments-changed', 'account-deleted']);
  });

  it('delivers a copy, as it would arrive from another instance, never the publisher’s object', () => {
    const bus = new InProcessRoomBus();
    const received: RoomEvent[] = [];
    bus.subscribe((event) => {
      if (event.type === 'password-changed') event.sessionIds.push('tampered');
      received.push(event);
    });
    bus.subscribe((event) => received.push(event));
    const event: RoomEvent = { type: 'password-changed', userId: 'u1', sessionIds: ['s1'] };
    bus.publish(event);
    expect(event).toEqual({ type: 'password-changed', userId: 'u1', sessionIds: ['s1'] });
    expect(received[1]).toEqual(event);
    expect(received[0]).not.toBe(event);
  });

  it('a subscriber that throws does not keep the event from the others; the publisher hears of it', () => {
    const bus = new InProcessRoomBus();
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('broken subscriber');
    });
    bus.subscribe((event) => heard.push(event.type));
    expect(() => bus.publish({ type: 'signed-out', sessionId: 's1' })).toThrow('broken subscriber');
    expect(heard).toEqual(['signed-out']);
  });
});

/** An in-memory socket that records what the server sent and how it closed. */
class MemorySocket implements PeerSocket {
  readonly received: Uint8Array[] = [];
  closedWith: { code: number; reason: string } | null = null;
  send(frame: Uint8Array): void {
    this.received.push(frame);
  }
  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }
  bufferedAmount(): number {
    return 0;
  }
  get commentRevisions(): number[] {
    return this.received
      .map((frame) => decoding.createDecoder(frame))
      .filter((decoder) => decoding.readVarUint(decoder) === MESSAGE_COMMENTS)
      .map((decoder) => decoding.readVarUint(decoder));
  }
}

async function createMaps(store: SqliteStore, ids: string[]): Promise<void> {
  await store.createUser({ id: 'owner', email: 'owner@example.org', name: 'Owner', passwordHash: 'x', at: 1 });
  for (const id of ids) {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', id);
    await store.createMap({
      id,
      ownerId: 'owner',
      title: id,
      kind: 'theory-of-change',
      at: 1,
      initialUpdate: Y.encodeStateAsUpdate(doc),
      author: 'system',
    });
  }
}

/** The sockets open in the tests below: who, on which map, opened with what. */
const SOCKETS = {
  aliceSession1Map1: { mapId: 'map1', identity: { userId: 'alice', sessionId: 's1' } },
  aliceSession1Map2: { mapId: 'map2', identity: { userId: 'alice', sessionId: 's1' } },
  aliceSession2Map1: { mapId: 'map1', identity: { userId: 'alice', sessionId: 's2' } },
  aliceTokenMap1: { mapId: 'map1', identity: { userId: 'alice', tokenId: 't1' } },
  bobSession3Map1: { mapId: 'map1', identity: { userId: 'bob', sessionId: 's3' } },
  bobTokenMap2: { mapId: 'map2', identity: { userId: 'bob', tokenId: 't2' } },
} satisfies Record<string, { mapId: string; identity: Partial<PeerIdentity> & { userId: string } }>;
type SocketName = keyof typeof SOCKETS;

describe('RoomManager: what each bus event does to the peers', () => {
  let store: SqliteStore;
  let bus: InProcessRoomBus;
  let rooms: RoomManager;
  let sockets: Record<SocketName, MemorySocket>;

  const connectAll = (manager: RoomManager): Record<SocketName, MemorySocket> => {
    const opened = {} as Record<SocketName, MemorySocket>;
    for (const [name, { mapId, identity }] of Object.entries(SOCKETS)) {
      const socket = new MemorySocket();
      const full = { name: identity.userId, color: '#000000', role: 'editor' as Role, ...identity };
      manager.connect(mapId, socket, { identity: full, wantsSavedAcks: false, wantsCommentNotices: true });
      opened[name as SocketName] = socket;
    }
    return opened;
  };

  beforeEach(async () => {
    store = new SqliteStore({ filename: ':memory:' });
    await createMaps(store, ['map1', 'map2']);
    bus = new InProcessRoomBus();
    rooms = new RoomManager(store, { now: () => 1000 }, silentLogger, DEFAULT_ROOM_MANAGER_OPTIONS, {}, bus);
    sockets = connectAll(rooms);
    await rooms.withRoom('map1', () => undefined);
    await rooms.withRoom('map2', () => undefined);
  });
  afterEach(async () => {
    await rooms.shutdown();
    await store.close();
  });

  const closed = (): Record<string, { code: number; reason: string }> =>
    Object.fromEntries(
      Object.entries(sockets).flatMap(([name, socket]) => (socket.closedWith ? [[name, socket.closedWith]] : [])),
    );

  const cases: { event: RoomEvent; code: number; reason: string; targets: SocketName[] }[] = [
    {
      event: { type: 'member-removed', mapId: 'map1', userId: 'alice' },
      code: CLOSE_CODES.forbidden,
      reason: 'removed from this map',
      targets: ['aliceSession1Map1', 'aliceSession2Map1', 'aliceTokenMap1'],
    },
    {
      event: { type: 'role-changed', mapId: 'map1', userId: 'alice', role: 'viewer' },
      code: CLOSE_CODES.roleChanged,
      reason: 'your role changed',
      targets: ['aliceSession1Map1', 'aliceSession2Map1', 'aliceTokenMap1'],
    },
    {
      event: { type: 'signed-out', sessionId: 's1' },
      code: CLOSE_CODES.unauthorized,
      reason: 'signed out',
      targets: ['aliceSession1Map1', 'aliceSession1Map2'],
    },
    {
      event: { type: 'password-changed', userId: 'alice', sessionIds: ['s1', 's2'] },
      code: CLOSE_CODES.unauthorized,
      reason: 'password changed',
      targets: ['aliceSession1Map1', 'aliceSession1Map2', 'aliceSession2Map1'],
    },
    {
      event: { type: 'token-revoked', tokenId: 't1' },
      code: CLOSE_CODES.unauthorized,
      reason: 'token revoked',
      targets: ['aliceTokenMap1'],
    },
    {
      event: { type: 'account-deleted', userId: 'alice' },
      code: CLOSE_CODES.unauthorized,
      reason: 'account deleted',
      targets: ['aliceSession1Map1', 'aliceSession1Map2', 'aliceSession2Map1', 'aliceTokenMap1'],
    },
  ];

  for (const { event, code, reason, targets } of cases) {
    it(`${event.type} closes exactly the targeted sockets with ${code} “${reason}”`, () => {
      bus.publish(event);
      expect(closed()).toEqual(Object.fromEntries(targets.map((name) => [name, { code, reason }])));
    });
  }

  it('comments-changed tells the peers of that map only, and closes nothing', () => {
    bus.publish({ type: 'comments-changed', mapId: 'map1' });
    bus.publish({ type: 'comments-changed', mapId: 'map1' });
    expect(closed()).toEqual({});
    for (const [name, socket] of Object.entries(sockets)) {
      expect(socket.commentRevisions, name).toEqual(SOCKETS[name as SocketName].mapId === 'map1' ? [1, 2] : []);
    }
  });

  it('a bus shared by two managers (two instances) reaches the peers of both', async () => {
    const other = new RoomManager(store, { now: () => 1000 }, silentLogger, DEFAULT_ROOM_MANAGER_OPTIONS, {}, bus);
    const otherSockets = connectAll(other);
    bus.publish({ type: 'token-revoked', tokenId: 't1' });
    expect(sockets.aliceTokenMap1.closedWith?.code).toBe(CLOSE_CODES.unauthorized);
    expect(otherSockets.aliceTokenMap1.closedWith?.code).toBe(CLOSE_CODES.unauthorized);
    expect(otherSockets.bobTokenMap2.closedWith).toBeNull();
    await other.shutdown();
  });
});
