import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE_CODES } from '@loopmap/shared';
import type { Logger } from '../logger.ts';
import type { ConnectOptions, PeerHandle, RoomManager } from '../collab/RoomManager.ts';
import type { PeerSocket } from '../collab/PeerSocket.ts';
import type { Connector } from '../collab/attachWebSocket.ts';
import { MAX_BUFFERED_BYTES } from '../collab/Peer.ts';
import type { RedisCluster } from './redis.ts';

/**
 * One owner per open map (several instances). The first instance a peer of a map reaches takes
 * the map's lease in Redis and serves it: it alone validates, stores and relays the map's
 * updates, so a map costs one instance its work however its peers are spread. A peer that
 * reaches another instance is relayed to the owner: its frames travel through Redis to the
 * owner's room and back, and the instance in between decodes nothing.
 *
 * - An owner that dies stops renewing its instance key; within a few seconds the instances that
 *   relayed its peers close them with 4503 (mapMoved), the clients reconnect at once, and the
 *   first instance they reach takes the lease over and opens the map from the database. Every
 *   acknowledged update was stored before it was acknowledged; what was not is in the clients'
 *   documents and goes in the sync handshake.
 * - While Redis is unreachable, nothing can be relayed: relayed peers are closed with 4503 and
 *   every instance serves the peers it has from the database (the rooms' relay catches up when
 *   Redis is back). When it is back, each map goes back to one owner: an instance that finds
 *   another holding the lease closes its peers of that map with 4503, and they are relayed.
 * - Redis must be private to the deployment: instances trust the identities they relay.
 */

const OPEN = 1;
const FRAME = 2;
const CLOSE = 3;

/** How often owners and relayed connections are checked for a vanished instance (ms). */
const CHECK_EVERY_MS = 1_000;
/**
 * How often leases are renewed (well inside LEASE_TTL_MS) and idle ones released; also how soon
 * an owner whose event loop stalled past INSTANCE_TTL_MS finds that its maps moved.
 */
const RENEW_EVERY_MS = 2_000;

interface Relayed {
  /** The owner this instance relays the socket to. */
  owner: string;
  mapId: string;
  socket: PeerSocket;
}

interface Remote {
  /** The instance that holds the client's socket. */
  from: string;
  mapId: string;
  handle: PeerHandle | null;
  queue: Uint8Array[] | null;
  chain: Promise<unknown>;
  closed: boolean;
}

function encodeFrame(connId: string, frame: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, FRAME);
  encoding.writeVarString(encoder, connId);
  encoding.writeVarUint8Array(encoder, frame);
  return encoding.toUint8Array(encoder);
}

function encodeClose(connId: string, code: number, reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, CLOSE);
  encoding.writeVarString(encoder, connId);
  encoding.writeVarUint(encoder, code);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export class MapRouter implements Connector {
  /** Maps whose lease this instance holds. */
  private readonly owned = new Set<string>();
  /** Sockets held here and relayed to their map's owner, by connection id. */
  private readonly relayed = new Map<string, Relayed>();
  /** Sockets held by other instances whose map this instance owns, by connection id. */
  private readonly remotes = new Map<string, Remote>();
  private nextConnection = 1;
  /** Connections dropped while Redis was away whose other end has not been told yet. */
  private readonly untold: { to: string; connId: string }[] = [];
  private readonly unsubscribeBack: () => void;
  private readonly checkTimer: ReturnType<typeof setInterval>;
  private readonly renewTimer: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly cluster: RedisCluster,
    private readonly rooms: RoomManager,
    private readonly log: Logger,
  ) {
    cluster.onDirect((from, payload) => this.receive(from, payload));
    this.unsubscribe = cluster.onDisconnected(() => this.redisLost());
    this.unsubscribeBack = cluster.onReconnected(() => this.redisBack());
    this.checkTimer = setInterval(() => void this.checkInstances(), CHECK_EVERY_MS);
    this.checkTimer.unref();
    this.renewTimer = setInterval(() => void this.renewLeases(), RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  get draining(): boolean {
    return this.rooms.draining;
  }

  /** Maps this instance owns now (tests, metrics). */
  ownedMaps(): string[] {
    return [...this.owned];
  }

  /** Sockets held here and relayed to another instance (tests, metrics). */
  get relayedCount(): number {
    return this.relayed.size;
  }

  connect(mapId: string, socket: PeerSocket, options: ConnectOptions): PeerHandle {
    let target: PeerHandle | null = null;
    let queue: Uint8Array[] | null = [];
    let closed = false;
    void this.cluster.acquireLease(mapId).then((owner) => {
      if (closed) return;
      if (owner === this.cluster.instanceId) this.owned.add(mapId);
      target =
        owner === null || owner === this.cluster.instanceId
          ? // Ours, or Redis cannot say: serve it here (the relay catches up when Redis is back).
            this.rooms.connect(mapId, socket, options)
          : this.relay(owner, mapId, socket, options);
      const frames = queue ?? [];
      queue = null;
      for (const frame of frames) void target.receive(frame);
    });
    return {
      receive: (frame) => {
        if (target) return target.receive(frame);
        queue?.push(frame);
      },
      closed: () => {
        closed = true;
        target?.closed();
      },
    };
  }

  /** Relays a socket to the map's owner. */
  private relay(owner: string, mapId: string, socket: PeerSocket, options: ConnectOptions): PeerHandle {
    const connId = `${this.cluster.instanceId}.${this.nextConnection++}`;
    this.relayed.set(connId, { owner, mapId, socket });
    const encoder = encoding.createEncoder();
    encoding.writeUint8(encoder, OPEN);
    encoding.writeVarString(encoder, connId);
    encoding.writeVarString(encoder, mapId);
    encoding.writeVarString(encoder, JSON.stringify(options));
    if (!this.cluster.sendDirect(owner, encoding.toUint8Array(encoder))) {
      this.relayed.delete(connId);
      socket.close(CLOSE_CODES.mapMoved, 'reconnect');
      return { receive: () => undefined, closed: () => undefined };
    }
    return {
      receive: (frame) => {
        if (this.relayed.has(connId)) this.cluster.sendDirect(owner, encodeFrame(connId, frame));
      },
      closed: () => {
        if (this.relayed.delete(connId)) this.cluster.sendDirect(owner, encodeClose(connId, 1000, 'closed'));
      },
    };
  }

  private receive(from: string, payload: Uint8Array): void {
    const decoder = decoding.createDecoder(payload);
    try {
      const type = decoding.readUint8(decoder);
      const connId = decoding.readVarString(decoder);
      if (type === OPEN) {
        const mapId = decoding.readVarString(decoder);
        const options = JSON.parse(decoding.readVarString(decoder)) as ConnectOptions;
        this.openRemote(from, connId, mapId, options);
      } else if (type === FRAME) {
        const frame = decoding.readVarUint8Array(decoder);
        const relayed = this.relayed.get(connId);
        if (relayed) {
          // The owner cannot see this socket's buffer: drop a client that cannot keep up here.
          if (relayed.socket.bufferedAmount() > MAX_BUFFERED_BYTES) {
            this.relayed.delete(connId);
            this.log.warn('relayed peer too slow, closing', { map: relayed.mapId });
            relayed.socket.close(CLOSE_CODES.slowConsumer, 'too slow to keep up');
            this.cluster.sendDirect(relayed.owner, encodeClose(connId, CLOSE_CODES.slowConsumer, 'too slow'));
            return;
          }
          relayed.socket.send(frame);
          return;
        }
        const remote = this.remotes.get(connId);
        if (!remote || remote.closed) {
          // A connection this instance dropped (Redis blinked): the other end must not go on
          // talking to nothing.
          this.cluster.sendDirect(from, encodeClose(connId, CLOSE_CODES.mapMoved, 'reconnect'));
          return;
        }
        if (remote.queue) remote.queue.push(frame);
        else
          remote.chain = remote.chain.then(async () => {
            await remote.handle?.receive(frame);
          });
      } else if (type === CLOSE) {
        const code = decoding.readVarUint(decoder);
        const reason = decoding.readVarString(decoder);
        const relayed = this.relayed.get(connId);
        if (relayed) {
          // The owner closed it (a refusal, a removal, a role change...): same code for the client.
          this.relayed.delete(connId);
          relayed.socket.close(code, reason);
          return;
        }
        this.closeRemote(connId);
      }
    } catch (error) {
      this.log.warn('ignored a malformed relayed message', { from, error: String(error) });
    }
  }

  /** A socket on another instance for a map this instance owns (or should). */
  private openRemote(from: string, connId: string, mapId: string, options: ConnectOptions): void {
    const remote: Remote = { from, mapId, handle: null, queue: [], chain: Promise.resolve(), closed: false };
    this.remotes.set(connId, remote);
    const accept = async (): Promise<boolean> => {
      if (this.owned.has(mapId)) return true;
      const owner = await this.cluster.acquireLease(mapId);
      if (owner !== this.cluster.instanceId) return false;
      this.owned.add(mapId);
      return true;
    };
    void accept().then((ours) => {
      if (remote.closed) return;
      if (!ours) {
        // The lease moved meanwhile: the client reconnects and finds the owner.
        this.remotes.delete(connId);
        this.cluster.sendDirect(from, encodeClose(connId, CLOSE_CODES.mapMoved, 'reconnect'));
        return;
      }
      const socket: PeerSocket = {
        send: (frame) => {
          if (!remote.closed) this.cluster.sendDirect(from, encodeFrame(connId, frame));
        },
        close: (code, reason) => {
          if (remote.closed) return;
          this.cluster.sendDirect(from, encodeClose(connId, code, reason));
          this.closeRemote(connId);
        },
        // The instance holding the socket watches its own buffer and closes it when too full.
        bufferedAmount: () => 0,
      };
      remote.handle = this.rooms.connect(mapId, socket, options);
      const frames = remote.queue ?? [];
      remote.queue = null;
      for (const frame of frames)
        remote.chain = remote.chain.then(async () => {
          await remote.handle?.receive(frame);
        });
    });
  }

  private closeRemote(connId: string): void {
    const remote = this.remotes.get(connId);
    if (!remote) return;
    this.remotes.delete(connId);
    remote.closed = true;
    remote.handle?.closed();
  }

  /** Closes what vanished instances left behind: sockets relayed to a dead owner, peers of a dead relay. */
  private async checkInstances(): Promise<void> {
    const others = new Set<string>();
    for (const relayed of this.relayed.values()) others.add(relayed.owner);
    for (const remote of this.remotes.values()) others.add(remote.from);
    if (others.size === 0) return;
    const alive = await this.cluster.aliveInstances([...others]);
    if (!alive) return; // Redis away: redisLost() has handled it.
    for (const [connId, relayed] of this.relayed) {
      if (alive.has(relayed.owner)) continue;
      this.relayed.delete(connId);
      relayed.socket.close(CLOSE_CODES.mapMoved, 'reconnect');
    }
    for (const [connId, remote] of this.remotes) if (!alive.has(remote.from)) this.closeRemote(connId);
  }

  /**
   * Keeps the leases of the maps this instance serves, lets go of idle ones, and brings maps it
   * served without a lease (while Redis was away) back to one owner.
   */
  private async renewLeases(): Promise<void> {
    const owned = [...this.owned];
    const lost = await this.cluster.renewLeases(owned);
    if (lost === null) return;
    for (const mapId of lost) {
      this.owned.delete(mapId);
      this.log.warn('lost the lease of a map; its peers reconnect to its owner', { map: mapId });
      this.rooms.disconnectMap(mapId, CLOSE_CODES.mapMoved, 'reconnect');
    }
    for (const mapId of this.owned) {
      if (this.rooms.peerCount(mapId) > 0 || this.rooms.isLoaded(mapId)) continue;
      this.owned.delete(mapId);
      await this.cluster.releaseLease(mapId);
    }
    for (const mapId of this.rooms.mapsWithPeers()) {
      if (this.owned.has(mapId)) continue;
      const owner = await this.cluster.acquireLease(mapId);
      if (owner === null) return;
      if (owner === this.cluster.instanceId) {
        this.owned.add(mapId);
        this.rooms.resyncMap(mapId);
      } else {
        this.log.info('another instance owns a map served here; its peers move there', { map: mapId });
        this.rooms.disconnectMap(mapId, CLOSE_CODES.mapMoved, 'reconnect');
      }
    }
  }

  /**
   * Relayed traffic cannot cross while Redis is away: those clients reconnect and are served
   * locally, and the connections this instance served for others are dropped. The other ends
   * are told once Redis is back (they may not have noticed: only this instance lost Redis).
   */
  private redisLost(): void {
    for (const [connId, relayed] of this.relayed) {
      this.relayed.delete(connId);
      this.untold.push({ to: relayed.owner, connId });
      relayed.socket.close(CLOSE_CODES.mapMoved, 'reconnect');
    }
    for (const [connId, remote] of [...this.remotes]) {
      this.untold.push({ to: remote.from, connId });
      this.closeRemote(connId);
    }
  }

  /** Redis is back: closes the other ends of the connections dropped meanwhile. */
  private redisBack(): void {
    const untold = this.untold.splice(0);
    for (const { to, connId } of untold) {
      this.cluster.sendDirect(to, encodeClose(connId, CLOSE_CODES.mapMoved, 'reconnect'));
    }
    // Maps this instance owns may have been written elsewhere meanwhile.
    for (const mapId of this.owned) this.rooms.resyncMap(mapId);
  }

  /**
   * Shutdown, once every open map is stored: stops the timers, lets go of every lease and says
   * this instance is gone, so the peers it is about to close find another owner at once.
   */
  async handOver(): Promise<void> {
    clearInterval(this.checkTimer);
    clearInterval(this.renewTimer);
    this.unsubscribe();
    this.unsubscribeBack();
    await Promise.all([...this.owned].map((mapId) => this.cluster.releaseLease(mapId)));
    this.owned.clear();
    await this.cluster.retire();
  }
}
