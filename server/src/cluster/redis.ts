import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Logger } from '../logger.ts';
import { InProcessRoomBus, type RoomBus, type RoomEvent, type RoomEventHandler } from '../collab/RoomBus.ts';
import type { MapRelay, MapRelayListener, MapRelayMembership } from '../collab/MapRelay.ts';

/**
 * Several Loopmap instances through one Redis (REDIS_URL): the only module that knows Redis.
 *
 * Pub/sub channels, all under `prefix` (default `loopmap:`):
 *   `<prefix>events`     the room bus (RoomBus.ts): member removed, token revoked, comments...
 *   `<prefix>map:<id>`   one map's stored updates (with their seqs) and its peers' presence;
 *                        an instance subscribes only while it has the map open.
 * Every message starts with its kind and the publishing instance's id, and an instance ignores
 * its own. Redis pub/sub delivers at most once: a message published while a connection is down
 * is gone, so nothing relies on it alone. Updates are durable in the database before they are
 * published and carry their seqs, so a room that misses one reads it from the store (Room.resync);
 * bus events published while Redis is away wait in memory and go out when it is back.
 */

const KIND_UPDATES = 1;
const KIND_PRESENCE = 2;
const KIND_EVENT = 3;
const KIND_WATERMARK = 4;
/** A message for one instance (its inbox): a proxied connection's open, frame or close. */
const KIND_DIRECT = 5;

/**
 * An instance is alive while its key exists: set for INSTANCE_TTL_MS, renewed every HEARTBEAT_MS.
 * The TTL is how long a dead owner's peers wait before they move, and how long an owner's event
 * loop may stall before others take its maps (it notices at its next lease renewal).
 */
const INSTANCE_TTL_MS = 5_000;
const HEARTBEAT_MS = 1_000;
/** A map's owner lease lasts this long unless renewed (MapRouter renews it well before). */
export const LEASE_TTL_MS = 15_000;

/**
 * Takes the lease of a map unless a live instance holds it: KEYS[1] the lease, ARGV[1] this
 * instance, ARGV[2] the TTL, ARGV[3] the instance-key prefix. Returns the holder after the call.
 */
const ACQUIRE_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. holder) == 1 then
  return holder
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;
/** Renews the leases (KEYS) this instance (ARGV[1]) still holds; returns the ones it lost. */
const RENEW_LEASES = `
local lost = {}
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
  else
    table.insert(lost, key)
  end
end
return lost
`;
/** Deletes the lease KEYS[1] if this instance (ARGV[1]) holds it. */
const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Bus events kept while Redis is unreachable; past this, the oldest are dropped (and logged). */
const MAX_QUEUED_EVENTS = 10_000;

export interface RedisClusterOptions {
  url: string;
  /** Put before every channel name, so several deployments (or tests) can share one Redis. */
  prefix?: string;
  log: Logger;
}

function envelope(kind: number, instanceId: string): encoding.Encoder {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, kind);
  encoding.writeVarString(encoder, instanceId);
  return encoder;
}

/** Tells redis://user:secret@host apart from what logs may show. */
function withoutPassword(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}

export class RedisCluster {
  /** Names this process in its messages (random per start). */
  readonly instanceId = randomBytes(8).toString('hex');
  readonly bus: RoomBus;
  readonly relay: MapRelay;
  private readonly prefix: string;
  private readonly log: Logger;
  /** Commands and PUBLISH. Fails fast while disconnected instead of queueing without bound. */
  private readonly pub: Redis;
  /** SUBSCRIBE only (a subscribed Redis connection can do nothing else). */
  private readonly sub: Redis;
  private readonly local = new InProcessRoomBus();
  private readonly listeners = new Map<string, Set<MapRelayListener>>();
  private readonly queuedEvents: Uint8Array[] = [];
  private subReadyBefore = false;
  private pubReadyBefore = false;
  private lastErrorLog = 0;
  private closed = false;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private retired = false;
  private directHandler: ((from: string, payload: Uint8Array) => void) | null = null;
  private readonly disconnectHandlers = new Set<() => void>();

  constructor(options: RedisClusterOptions) {
    this.prefix = options.prefix ?? 'loopmap:';
    this.log = options.log;
    const retryStrategy = (times: number): number => Math.min(100 * 2 ** Math.min(times, 4), 1_000);
    this.pub = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy,
      connectionName: `loopmap-${this.instanceId}-pub`,
    });
    this.sub = new Redis(options.url, {
      maxRetriesPerRequest: null,
      retryStrategy,
      connectionName: `loopmap-${this.instanceId}-sub`,
    });
    const where = withoutPassword(options.url);
    for (const [name, connection] of [
      ['pub', this.pub],
      ['sub', this.sub],
    ] as const) {
      connection.on('error', (error: Error) => {
        // ioredis retries by itself; one line every few seconds is enough to see an outage.
        const now = Date.now();
        if (now - this.lastErrorLog < 5_000) return;
        this.lastErrorLog = now;
        this.log.warn('Redis unreachable; retrying', { redis: where, connection: name, error: error.message });
      });
    }
    this.pub.on('ready', () => this.onPublisherReady());
    this.sub.on('ready', () => void this.onSubscriberReady());
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
    void this.sub.subscribe(this.eventsChannel, this.inboxOf(this.instanceId)).catch(() => undefined);
    // Proxied connections cannot survive a lost connection: their instance is told at once.
    this.sub.on('close', () => this.onConnectionLost());
    this.pub.on('close', () => this.onConnectionLost());
    const beat = (): void => {
      if (this.retired || this.pub.status !== 'ready') return;
      this.pub.set(this.instanceKey(this.instanceId), '1', 'PX', INSTANCE_TTL_MS).catch(() => undefined);
    };
    this.heartbeat = setInterval(beat, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.pub.on('ready', beat);

    this.bus = {
      publish: (event: RoomEvent): void => {
        this.publishEvent(event);
        // This instance's subscribers act at once, as with the in-process bus.
        this.local.publish(event);
      },
      subscribe: (handler: RoomEventHandler): (() => void) => this.local.subscribe(handler),
    };
    this.relay = {
      join: (mapId, listener) => this.join(mapId, listener),
      publishUpdates: (mapId, firstSeq, updates) => {
        const encoder = envelope(KIND_UPDATES, this.instanceId);
        encoding.writeVarUint(encoder, firstSeq);
        encoding.writeVarUint(encoder, updates.length);
        for (const update of updates) encoding.writeVarUint8Array(encoder, update);
        this.publish(this.mapChannel(mapId), encoding.toUint8Array(encoder));
      },
      publishWatermark: (mapId, seq) => {
        const encoder = envelope(KIND_WATERMARK, this.instanceId);
        encoding.writeVarUint(encoder, seq);
        this.publish(this.mapChannel(mapId), encoding.toUint8Array(encoder));
      },
      publishPresence: (mapId, update) => {
        const encoder = envelope(KIND_PRESENCE, this.instanceId);
        encoding.writeVarUint8Array(encoder, update);
        this.publish(this.mapChannel(mapId), encoding.toUint8Array(encoder));
      },
    };
  }

  private get eventsChannel(): string {
    return `${this.prefix}events`;
  }

  private mapChannel(mapId: string): string {
    return `${this.prefix}map:${mapId}`;
  }

  private inboxOf(instanceId: string): string {
    return `${this.prefix}instance:${instanceId}:inbox`;
  }

  private instanceKey(instanceId: string): string {
    return `${this.prefix}instance:${instanceId}`;
  }

  private leaseKey(mapId: string): string {
    return `${this.prefix}owner:${mapId}`;
  }

  /**
   * Which instance owns the map: this one if it took (or held) the lease, another live one that
   * holds it, or null when Redis cannot say (unreachable).
   */
  async acquireLease(mapId: string): Promise<string | null> {
    if (this.pub.status !== 'ready') return null;
    try {
      const holder = await this.pub.eval(
        ACQUIRE_LEASE,
        1,
        this.leaseKey(mapId),
        this.instanceId,
        String(LEASE_TTL_MS),
        `${this.prefix}instance:`,
      );
      return typeof holder === 'string' ? holder : null;
    } catch {
      return null;
    }
  }

  /** Renews this instance's leases of these maps; returns those it no longer holds (or null: Redis away). */
  async renewLeases(mapIds: readonly string[]): Promise<string[] | null> {
    if (mapIds.length === 0) return [];
    if (this.pub.status !== 'ready') return null;
    try {
      const keys = mapIds.map((id) => this.leaseKey(id));
      const lost = (await this.pub.eval(RENEW_LEASES, keys.length, ...keys, this.instanceId, String(LEASE_TTL_MS))) as
        string[] | null;
      const prefix = this.leaseKey('');
      return (lost ?? []).map((key) => key.slice(prefix.length));
    } catch {
      return null;
    }
  }

  async releaseLease(mapId: string): Promise<void> {
    if (this.pub.status !== 'ready') return;
    await this.pub.eval(RELEASE_LEASE, 1, this.leaseKey(mapId), this.instanceId).catch(() => undefined);
  }

  /** Which of these instances are alive (their key exists); null when Redis cannot say. */
  async aliveInstances(instanceIds: readonly string[]): Promise<Set<string> | null> {
    if (instanceIds.length === 0) return new Set();
    if (this.pub.status !== 'ready') return null;
    try {
      const pipeline = this.pub.pipeline();
      for (const id of instanceIds) pipeline.exists(this.instanceKey(id));
      const results = (await pipeline.exec()) ?? [];
      const alive = new Set<string>();
      results.forEach(([error, exists], i) => {
        if (!error && exists === 1) alive.add(instanceIds[i]!);
      });
      return alive;
    } catch {
      return null;
    }
  }

  /** True while both connections to Redis are up. */
  get isConnected(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Sends a message to one instance's inbox (the proxied connections' traffic, MapRouter). */
  sendDirect(instanceId: string, payload: Uint8Array): boolean {
    if (this.closed || this.pub.status !== 'ready') return false;
    const encoder = envelope(KIND_DIRECT, this.instanceId);
    encoding.writeUint8Array(encoder, payload);
    const message = encoding.toUint8Array(encoder);
    this.pub
      .publish(this.inboxOf(instanceId), Buffer.from(message.buffer, message.byteOffset, message.byteLength))
      .catch(() => undefined);
    return true;
  }

  /** Receives what other instances send to this one's inbox. */
  onDirect(handler: (from: string, payload: Uint8Array) => void): void {
    this.directHandler = handler;
  }

  /** Called when a connection to Redis is lost (proxied connections are broken from then on). */
  onDisconnected(handler: () => void): () => void {
    this.disconnectHandlers.add(handler);
    return () => this.disconnectHandlers.delete(handler);
  }

  private connectionLost = false;
  private onConnectionLost(): void {
    if (this.closed || this.connectionLost) return;
    this.connectionLost = true;
    for (const handler of this.disconnectHandlers) handler();
  }

  /** True when Redis answers a PING within the timeout (for /readyz). */
  async ping(timeoutMs = 1_000): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const answer = await Promise.race([
        this.pub.ping(),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs))),
      ]);
      return answer === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits until both connections are up (at start, so a wrong REDIS_URL fails loudly). */
  async connected(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const connection of [this.pub, this.sub]) {
      while (connection.status !== 'ready') {
        if (Date.now() > deadline) throw new Error(`Redis did not answer within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  private publish(channel: string, message: Uint8Array): void {
    if (this.closed) return;
    // Lost while Redis is away: the receivers catch up from the store when it is back.
    this.pub
      .publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
      .catch(() => undefined);
  }

  private publishEvent(event: RoomEvent): void {
    const encoder = envelope(KIND_EVENT, this.instanceId);
    encoding.writeVarString(encoder, JSON.stringify(event));
    const message = encoding.toUint8Array(encoder);
    if (this.pub.status !== 'ready') {
      this.queueEvent(message);
      return;
    }
    this.pub.publish(this.eventsChannel, Buffer.from(message)).catch(() => this.queueEvent(message));
  }

  /** Closing a removed member's socket must not be forgotten because Redis blinked. */
  private queueEvent(message: Uint8Array): void {
    this.queuedEvents.push(message);
    if (this.queuedEvents.length > MAX_QUEUED_EVENTS) {
      this.queuedEvents.shift();
      this.log.error('Redis away too long: dropped the oldest queued room event', { queued: MAX_QUEUED_EVENTS });
    }
  }

  /**
   * The publishing connection is up. After an outage, what this instance published meanwhile
   * was lost: queued room events go out now, and every open room catches up and publishes its
   * watermark, so that rooms elsewhere which missed its updates read them from the database.
   */
  private onPublisherReady(): void {
    if (this.sub.status === 'ready') this.connectionLost = false;
    if (!this.pubReadyBefore) {
      this.pubReadyBefore = true;
      return;
    }
    this.flushQueuedEvents();
    this.resyncAll();
  }

  private resyncAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener.resync();
    for (const handler of this.reconnectHandlers) handler();
  }

  private readonly reconnectHandlers = new Set<() => void>();

  /** Called each time Redis is back after an outage (messages may have been lost meanwhile). */
  onReconnected(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  private flushQueuedEvents(): void {
    const queued = this.queuedEvents.splice(0);
    for (const message of queued) {
      this.pub.publish(this.eventsChannel, Buffer.from(message)).catch(() => this.queueEvent(message));
    }
  }

  private join(mapId: string, listener: MapRelayListener): MapRelayMembership {
    const channel = this.mapChannel(mapId);
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    const subscribing = first ? this.sub.subscribe(channel).then(() => undefined) : Promise.resolve();
    // Another room of this instance already subscribed (a room being replaced); or Redis is away
    // and the map opens from the store now (it catches up when Redis is back and subscribes).
    const ready = first && this.sub.status === 'ready' ? subscribing : Promise.resolve();
    subscribing.catch(() => undefined);
    ready.catch(() => undefined);
    let left = false;
    return {
      ready,
      leave: () => {
        if (left) return;
        left = true;
        const current = this.listeners.get(channel);
        current?.delete(listener);
        if (current?.size === 0) {
          this.listeners.delete(channel);
          if (!this.closed) void this.sub.unsubscribe(channel).catch(() => undefined);
        }
      },
    };
  }

  /**
   * The subscriber connection is up: after an outage (not the first connection), subscribe again
   * (confirmed) and then have every open room catch up from the store, so that whatever was
   * published meanwhile is read from the database instead.
   */
  private async onSubscriberReady(): Promise<void> {
    if (this.pub.status === 'ready') this.connectionLost = false;
    if (!this.subReadyBefore) {
      this.subReadyBefore = true;
      return;
    }
    const channels = [this.eventsChannel, this.inboxOf(this.instanceId), ...this.listeners.keys()];
    try {
      await this.sub.subscribe(...channels);
    } catch (error) {
      this.log.warn('could not subscribe again after Redis came back', { error: String(error) });
      return;
    }
    this.log.info('Redis is back: open maps catch up from storage', { maps: this.listeners.size });
    this.resyncAll();
  }

  private onMessage(channel: string, message: Buffer): void {
    let kind: number;
    let from: string;
    const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    try {
      kind = decoding.readUint8(decoder);
      from = decoding.readVarString(decoder);
    } catch {
      this.log.warn('ignored a malformed cluster message', { channel, bytes: message.length });
      return;
    }
    if (from === this.instanceId) return;
    try {
      if (kind === KIND_DIRECT) {
        this.directHandler?.(from, decoder.arr.subarray(decoder.pos));
        return;
      }
      if (kind === KIND_EVENT && channel === this.eventsChannel) {
        const event = JSON.parse(decoding.readVarString(decoder)) as RoomEvent;
        try {
          this.local.publish(event);
        } catch (error) {
          this.log.error('a room event from another instance failed here', { type: event.type, error: String(error) });
        }
        return;
      }
      const listeners = this.listeners.get(channel);
      if (!listeners) return;
      if (kind === KIND_UPDATES) {
        const firstSeq = decoding.readVarUint(decoder);
        const count = decoding.readVarUint(decoder);
        const updates: Uint8Array[] = [];
        for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
        for (const listener of listeners) listener.updates(firstSeq, updates);
      } else if (kind === KIND_WATERMARK) {
        const seq = decoding.readVarUint(decoder);
        for (const listener of listeners) listener.watermark(seq);
      } else if (kind === KIND_PRESENCE) {
        const update = decoding.readVarUint8Array(decoder);
        for (const listener of listeners) listener.presence(update);
      }
    } catch (error) {
      this.log.warn('ignored a malformed cluster message', { channel, kind, error: String(error) });
    }
  }

  /** Stops saying this instance is alive (shutdown): others take over what it relayed at once. */
  async retire(): Promise<void> {
    this.retired = true;
    clearInterval(this.heartbeat);
    if (this.pub.status === 'ready') await this.pub.del(this.instanceKey(this.instanceId)).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.retire();
    this.closed = true;
    this.listeners.clear();
    // Nothing waits to be sent (publishes are fire-and-forget), and QUIT would wait for ever
    // while Redis is unreachable.
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
