import { CLOSE_CODES, encodeCommentsMessage } from '@loopmap/shared';
import type { DocumentStore } from '../storage/Store.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import type { PeerSocket } from './PeerSocket.ts';
import { Peer, type PeerIdentity } from './Peer.ts';
import { DEFAULT_ROOM_OPTIONS, Room, type RoomHooks, type RoomOptions } from './Room.ts';
import { InProcessRoomBus, type RoomBus, type RoomEvent } from './RoomBus.ts';
import type { MapRelay } from './MapRelay.ts';

export interface RoomManagerOptions extends RoomOptions {
  /** How long an empty room stays loaded, so a reload does not pay a cold open (ms). */
  idleUnloadMs: number;
  /**
   * The process memory (RSS, bytes) past which no further map is opened: idle rooms are
   * unloaded at once instead, and when none is idle the map is refused for now (REST 503,
   * sockets 1013) so a balancer sends its people elsewhere. 0: no budget.
   */
  memoryBudgetBytes?: number;
  /** How much memory the process uses (bytes); process.memoryUsage.rss() unless a test says. */
  memoryUsed?: () => number;
}

export const DEFAULT_ROOM_MANAGER_OPTIONS: RoomManagerOptions = {
  ...DEFAULT_ROOM_OPTIONS,
  idleUnloadMs: 3_000,
  memoryBudgetBytes: 2048 * 1024 * 1024,
};

export interface ConnectOptions {
  identity: PeerIdentity;
  wantsSavedAcks: boolean;
  /** Send MESSAGE_COMMENTS when the map's comments change (`comments=1`). */
  wantsCommentNotices?: boolean;
}

/** What the transport adapter drives for one connection. */
export interface PeerHandle {
  /** Hands over one frame; a promise when the room finishes it in a later turn (Room.receive). */
  receive(frame: Uint8Array): Promise<number> | void;
  closed(): void;
}

export class MapNotFoundError extends Error {}

/** Opening another map would take the instance past its memory budget (REST 503, sockets 1013). */
export class OverMemoryBudgetError extends Error {
  constructor() {
    super('this server is at its memory budget; try again in a moment');
  }
}

/** The server is shutting down: no map is opened any more (REST answers 503, sockets 1012). */
export class ShuttingDownError extends Error {
  constructor() {
    super('the server is restarting');
  }
}

/**
 * The room hooks, plus a step before a map's document is loaded (the history index catches up)
 * and where a socket's session now stands (rooms see only the DocumentStore, not accounts).
 */
export interface RoomManagerHooks extends RoomHooks {
  loading?(mapId: string): Promise<void>;
  /** When the session ends now (it may have slid forward), or null when it is gone. */
  sessionExpiresAt?(sessionId: string): Promise<number | null>;
  /**
   * Why a connected socket may no longer use the map, as the store says now (its session or
   * token gone, its member removed, its role changed), or null when it still may.
   */
  accessNow?(identity: PeerIdentity, mapId: string): Promise<{ code: number; reason: string } | null>;
}

/**
 * Owns the live rooms: loads a map's document once for all its peers (concurrent joiners share
 * one load), unloads it when the last peer has gone and its state is stored. Listens on the room
 * bus for what the REST side did (a member removed, a token revoked, comments changed...) and
 * acts on its own peers.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** Idle rooms waiting to be unloaded: the timer, and the unload itself (run early past the memory budget). */
  private readonly unloadTimers = new Map<string, { timer: ReturnType<typeof setTimeout>; unload: () => void }>();
  private shuttingDown = false;
  /** Every connected peer and its map, including peers whose room is still loading. */
  private readonly peers = new Map<Peer, string>();
  /** The same peers by map, for notices that concern one map whether or not its room is loaded. */
  private readonly peersByMap = new Map<string, Set<Peer>>();
  /** Per map, how many comment changes this process has announced (the MESSAGE_COMMENTS revision). */
  private readonly commentRevisions = new Map<string, number>();
  private readonly expirySweep: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: RoomManagerOptions = DEFAULT_ROOM_MANAGER_OPTIONS,
    private readonly hooks: RoomManagerHooks = {},
    /** Where routes publish what concerns live sockets; this manager subscribes to it. */
    readonly bus: RoomBus = new InProcessRoomBus(),
    /** With several instances: how each room hears the same map's rooms on the others. */
    private readonly relay: MapRelay | null = null,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.handle(event));
    // A socket outlives nothing it was authorised with: close those whose session has ended.
    this.expirySweep = setInterval(() => void this.sweepSessions(), 30_000);
    this.expirySweep.unref?.();
  }

  /**
   * Closes the sockets whose session has expired. The expiry a socket was opened with is only a
   * hint: the session may have slid forward since (the same browser kept using the REST API), so
   * the store has the last word.
   */
  async sweepSessions(): Promise<number> {
    const now = this.clock.now();
    let closed = 0;
    for (const peer of [...this.peers.keys()]) {
      const { sessionId, expiresAt } = peer.identity;
      if (peer.closed || sessionId === undefined || expiresAt === undefined || expiresAt > now) continue;
      const current = (await this.hooks.sessionExpiresAt?.(sessionId).catch(() => null)) ?? null;
      if (current !== null && current > now) {
        peer.identity.expiresAt = current;
        continue;
      }
      peer.close(CLOSE_CODES.unauthorized, 'session expired');
      closed++;
    }
    return closed;
  }

  /**
   * Checks every socket against the store and closes those that have lost access. Room events
   * can be lost while Redis is unreachable (another instance removed a member meanwhile), so
   * each instance runs this when Redis is back. Returns how many sockets were closed.
   */
  async recheckAccess(): Promise<number> {
    const check = this.hooks.accessNow;
    if (!check) return 0;
    let closed = 0;
    for (const [peer, mapId] of [...this.peers]) {
      if (peer.closed) continue;
      let refusal: { code: number; reason: string } | null;
      try {
        refusal = await check(peer.identity, mapId);
      } catch (error) {
        this.log.warn('could not recheck a socket’s access', { map: mapId, error: String(error) });
        continue;
      }
      if (!refusal || peer.closed) continue;
      peer.close(refusal.code, refusal.reason);
      closed++;
    }
    if (closed > 0) this.log.info('closed sockets that lost access meanwhile', { closed });
    return closed;
  }

  /** Acts on one event from the bus: the same close codes and reasons for every instance. */
  private handle(event: RoomEvent): void {
    switch (event.type) {
      case 'member-removed':
        this.closeWhere(
          (peer, mapId) => mapId === event.mapId && peer.identity.userId === event.userId,
          CLOSE_CODES.forbidden,
          'removed from this map',
        );
        return;
      case 'role-changed':
        // Open sockets carry the old role: make them reconnect with the new one.
        this.closeWhere(
          (peer, mapId) => mapId === event.mapId && peer.identity.userId === event.userId,
          CLOSE_CODES.roleChanged,
          'your role changed',
        );
        return;
      case 'signed-out':
        this.closeWhere((peer) => peer.identity.sessionId === event.sessionId, CLOSE_CODES.unauthorized, 'signed out');
        return;
      case 'password-changed': {
        const ended = new Set(event.sessionIds);
        this.closeWhere(
          (peer) => peer.identity.sessionId !== undefined && ended.has(peer.identity.sessionId),
          CLOSE_CODES.unauthorized,
          'password changed',
        );
        return;
      }
      case 'token-revoked':
        this.closeWhere((peer) => peer.identity.tokenId === event.tokenId, CLOSE_CODES.unauthorized, 'token revoked');
        return;
      case 'account-deleted':
        this.closeWhere((peer) => peer.identity.userId === event.userId, CLOSE_CODES.unauthorized, 'account deleted');
        return;
      case 'comments-changed':
        this.notifyCommentsChanged(event.mapId);
        return;
      case 'map-deleted':
        this.closeWhere((_peer, mapId) => mapId === event.mapId, CLOSE_CODES.mapNotFound, 'map deleted');
        void this.closeMap(event.mapId, CLOSE_CODES.mapNotFound, 'map deleted').catch((error: unknown) =>
          this.log.error('closing a deleted map failed', { map: event.mapId, error: String(error) }),
        );
        return;
      default: {
        // An event this version does not know (a newer instance sent it): nothing to do here.
        const unknown: never = event;
        this.log.warn('unknown room bus event', { type: String((unknown as { type?: unknown }).type) });
      }
    }
  }

  /** Closes every socket the predicate picks. */
  private closeWhere(which: (peer: Peer, mapId: string) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const [peer, mapId] of this.peers) {
      if (peer.closed || !which(peer, mapId)) continue;
      peer.close(code, reason);
      closed++;
    }
    return closed;
  }

  /**
   * Tells every peer of the map that asked for it (`comments=1`) that its comments changed.
   * Comments are stored outside the document, so no room is needed: peers whose room is still
   * loading hear it too, and a map nobody has open costs nothing. Returns the new revision.
   * Routes publish `comments-changed` on the bus instead, so that every instance hears it.
   */
  notifyCommentsChanged(mapId: string): number {
    const revision = (this.commentRevisions.get(mapId) ?? 0) + 1;
    this.commentRevisions.set(mapId, revision);
    const peers = this.peersByMap.get(mapId);
    if (!peers) return revision;
    let message: Uint8Array | null = null;
    for (const peer of peers) {
      if (peer.closed || !peer.wantsCommentNotices) continue;
      message ??= encodeCommentsMessage(revision);
      peer.send(message);
    }
    return revision;
  }

  private track(peer: Peer, mapId: string): void {
    this.peers.set(peer, mapId);
    let peers = this.peersByMap.get(mapId);
    if (!peers) this.peersByMap.set(mapId, (peers = new Set()));
    peers.add(peer);
  }

  private untrack(peer: Peer): void {
    const mapId = this.peers.get(peer);
    this.peers.delete(peer);
    if (mapId === undefined) return;
    const peers = this.peersByMap.get(mapId);
    peers?.delete(peer);
    if (peers?.size === 0) this.peersByMap.delete(mapId);
  }

  /** Peers connected to the map here, including those whose room is still loading. */
  peerCount(mapId: string): number {
    return this.peersByMap.get(mapId)?.size ?? 0;
  }

  /** The maps with at least one peer connected here. */
  mapsWithPeers(): string[] {
    return [...this.peersByMap.keys()];
  }

  /** Has the map's live room (if loaded) catch up from the store (another instance wrote to it). */
  resyncMap(mapId: string): void {
    void this.rooms
      .get(mapId)
      ?.then((room) => room.resync())
      .catch(() => undefined);
  }

  /** Closes every socket of the map here (the map moved to another instance); the room stays until idle. */
  disconnectMap(mapId: string, code: number, reason: string): number {
    return this.closeWhere((_peer, peerMap) => peerMap === mapId, code, reason);
  }

  /** Whether shutdown() has begun: new sockets are sent elsewhere (1012), no map is opened. */
  get draining(): boolean {
    return this.shuttingDown;
  }

  /** Rooms currently in memory (for metrics and tests). */
  get loadedCount(): number {
    return this.rooms.size;
  }

  isLoaded(mapId: string): boolean {
    return this.rooms.has(mapId);
  }

  private load(mapId: string): Promise<Room> {
    const existing = this.rooms.get(mapId);
    if (existing) return existing;
    const loading = (async () => {
      const map = await this.store.getMap(mapId);
      if (!map) throw new MapNotFoundError(mapId);
      const started = performance.now();
      await this.hooks.loading?.(mapId);
      const stored = await this.store.loadDoc(mapId);
      const room = await Room.open(
        mapId,
        stored,
        this.store,
        this.clock,
        this.log,
        this.options,
        (failed) => this.forget(failed),
        this.hooks,
      );
      if (this.relay) await room.joinRelay(this.relay);
      this.log.info('map loaded', {
        map: mapId,
        tail: stored.tail.length,
        ms: Math.round(performance.now() - started),
      });
      return room;
    })();
    this.rooms.set(mapId, loading);
    loading.catch(() => this.rooms.delete(mapId));
    return loading;
  }

  private forget(room: Room): void {
    this.rooms.delete(room.mapId);
    this.cancelUnload(room.mapId);
  }

  private cancelUnload(mapId: string): void {
    const pending = this.unloadTimers.get(mapId);
    if (pending) clearTimeout(pending.timer);
    this.unloadTimers.delete(mapId);
  }

  private maybeUnload(room: Room): void {
    if (room.peers.size > 0 || room.holds > 0 || room.closing || this.shuttingDown) return;
    this.cancelUnload(room.mapId);
    const unload = (): void => {
      this.unloadTimers.delete(room.mapId);
      if (room.peers.size > 0 || room.holds > 0) return;
      // Forget the room first: a peer arriving during the close waits for it to finish, then
      // loads a fresh room from the store, which by then holds everything.
      this.rooms.delete(room.mapId);
      const closing = room
        .close()
        .catch((error: unknown) => this.log.error('closing room failed', { map: room.mapId, error: String(error) }))
        .finally(() => {
          if (this.pendingCloses.get(room.mapId) === closing) this.pendingCloses.delete(room.mapId);
        });
      this.pendingCloses.set(room.mapId, closing);
    };
    const timer = setTimeout(unload, this.options.idleUnloadMs);
    timer.unref?.();
    this.unloadTimers.set(room.mapId, { timer, unload });
  }

  private readonly pendingCloses = new Map<string, Promise<void>>();

  /** Whether the process is past its memory budget (never, without one). */
  get overMemoryBudget(): boolean {
    const budget = this.options.memoryBudgetBytes ?? 0;
    if (budget <= 0) return false;
    return (this.options.memoryUsed ?? (() => process.memoryUsage.rss()))() > budget;
  }

  /** Unloads every room no one uses now (their idle wait cut short); returns how many. */
  private unloadIdleNow(): number {
    const idle = [...this.unloadTimers.values()];
    for (const { timer, unload } of idle) {
      clearTimeout(timer);
      unload();
    }
    if (idle.length > 0) this.log.info('memory budget reached: unloaded idle maps at once', { unloaded: idle.length });
    return idle.length;
  }

  /** Gets a live room, waiting for a previous instance of it to finish closing first. */
  private async room(mapId: string): Promise<Room> {
    for (;;) {
      const closing = this.pendingCloses.get(mapId);
      if (closing) await closing;
      // No room opens once the shutdown has listed those it stores (it does so in the same turn
      // as it sets the flag); and those it drains stay listed until it ends: never loop on them.
      if (this.shuttingDown) throw new ShuttingDownError();
      if (!this.rooms.has(mapId) && this.overMemoryBudget && this.unloadIdleNow() === 0) {
        this.log.warn('memory budget reached: a map was not opened', { map: mapId, loaded: this.rooms.size });
        throw new OverMemoryBudgetError();
      }
      const room = await this.load(mapId);
      if (room.closing) continue;
      this.cancelUnload(mapId);
      return room;
    }
  }

  /**
   * The map's last logged seq once everything its live room holds is durable; the store's
   * answer when no room is loaded.
   */
  async settledSeq(mapId: string): Promise<number> {
    const loading = this.rooms.get(mapId);
    const room = loading ? await loading.catch(() => null) : null;
    if (room && !room.closing && !room.isFailed) {
      await room.flushNow();
      return room.settledThrough;
    }
    await this.pendingCloses.get(mapId);
    return this.store.lastSeq(mapId);
  }

  /** Runs fn with the map's live document (loading it if needed) and keeps the room until done. */
  async withRoom<T>(mapId: string, fn: (room: Room) => Promise<T> | T): Promise<T> {
    const room = await this.room(mapId);
    room.holds++;
    try {
      return await fn(room);
    } finally {
      room.holds--;
      this.maybeUnload(room);
    }
  }

  /**
   * Connects a socket to a map. Frames that arrive while the map loads are queued and handled
   * in order once it is ready. An unknown map closes the socket with 4404.
   */
  connect(mapId: string, socket: PeerSocket, options: ConnectOptions): PeerHandle {
    const peer = new Peer(
      socket,
      options.identity,
      { wantsSavedAcks: options.wantsSavedAcks, wantsCommentNotices: options.wantsCommentNotices ?? false },
      this.log,
    );
    this.track(peer, mapId);
    let room: Room | null = null;
    let inbox: Uint8Array[] | null = [];
    const ready = this.room(mapId);
    ready.then(
      (loaded) => {
        if (peer.closed) {
          this.maybeUnload(loaded);
          return;
        }
        room = loaded;
        room.addPeer(peer);
        const queued = inbox ?? [];
        inbox = null;
        for (const frame of queued) room.receive(peer, frame);
      },
      (error: unknown) => {
        if (error instanceof MapNotFoundError) {
          peer.close(CLOSE_CODES.mapNotFound, 'map not found');
        } else if (error instanceof ShuttingDownError) {
          peer.close(CLOSE_CODES.serviceRestart, 'server restarting, reconnect');
        } else if (error instanceof OverMemoryBudgetError) {
          peer.close(CLOSE_CODES.tryAgainLater, 'server busy, try again');
        } else {
          this.log.error('could not open map', { map: mapId, error: String(error) });
          peer.close(CLOSE_CODES.storageFailed, 'could not open map');
        }
      },
    );
    return {
      receive: (frame) => {
        if (room) return room.receive(peer, frame);
        inbox?.push(frame);
      },
      closed: () => {
        peer.closed = true;
        this.untrack(peer);
        if (room) {
          room.removePeer(peer);
          this.maybeUnload(room);
        }
      },
    };
  }

  /** Disconnects every peer of a map (it was deleted) and drops its room. */
  async closeMap(mapId: string, code: number, reason: string): Promise<void> {
    const loading = this.rooms.get(mapId);
    if (!loading) return;
    const room = await loading.catch(() => null);
    if (!room) return;
    room.closePeers(code, reason);
    this.cancelUnload(mapId);
    this.rooms.delete(mapId);
    await room.close();
  }

  /**
   * Hands every map over before the process stops. No map opens any more; each open room stops
   * taking frames and stores everything it applied and a compacted state while its peers are
   * still connected, so they hear (MESSAGE_SAVED) that it is stored; only then are they closed
   * with 1012, to reconnect at once (to another instance, or to this one once it is back). What
   * a peer sent after the room stopped taking frames was neither applied nor acknowledged: its
   * next connection's sync handshake sends it again.
   */
  async shutdown(handOver?: () => Promise<void>): Promise<void> {
    this.shuttingDown = true;
    this.unsubscribe();
    clearInterval(this.expirySweep);
    for (const { timer } of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = (await Promise.all([...this.rooms.values()].map((p) => p.catch(() => null)))).filter(
      (room): room is Room => room !== null,
    );
    await Promise.all(
      rooms.map((room) =>
        room
          .drain()
          .catch((error: unknown) => this.log.error('storing a map failed', { map: room.mapId, error: String(error) })),
      ),
    );
    // Everything acknowledged is stored: with several instances, let the others take the maps
    // over before the peers reconnect, so they find a new owner at once.
    await handOver?.().catch((error: unknown) => this.log.error('handing maps over failed', { error: String(error) }));
    await Promise.all(
      rooms.map(async (room) => {
        room.closePeers(CLOSE_CODES.serviceRestart, 'server restarting, reconnect');
        await room.close().catch((error: unknown) => this.log.error('close failed', { error: String(error) }));
      }),
    );
    await Promise.all(this.pendingCloses.values());
    // Peers whose map never opened here: they too reconnect elsewhere.
    this.closeWhere(() => true, CLOSE_CODES.serviceRestart, 'server restarting, reconnect');
    this.rooms.clear();
  }
}
