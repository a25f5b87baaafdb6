/**
 * How the live rooms of one map on several server instances hear each other. Transport-free:
 * the Redis implementation lives in cluster/redis.ts; a single instance has no relay at all.
 *
 * What crosses:
 * - updates, once their instance has stored them, with the seqs the database gave them. A room
 *   applies each seq once (the seqs of a map's log are contiguous) and fetches from the store any
 *   it did not hear of, so a lost message costs a read, never an update;
 * - presence (y-protocols awareness updates) of each instance's own peers;
 * - `resync`: the relay may have missed messages, or lost what it published (its connection
 *   dropped and is back, or it has just joined): the room catches up from the store, announces
 *   its own peers' presence again and publishes its watermark (the seq it holds the log through),
 *   so that rooms elsewhere that are behind catch up too.
 */
export interface MapRelayListener {
  /** Updates another instance stored, with seqs firstSeq, firstSeq + 1, ... in order. */
  updates(firstSeq: number, updates: Uint8Array[]): void;
  /** Presence of another instance's peers (an awareness update, stamped there). */
  presence(update: Uint8Array): void;
  /** Another instance holds the log through this seq (it caught up; its publishes may have been lost). */
  watermark(seq: number): void;
  /** Messages may have been missed: catch up from the store. */
  resync(): void;
}

export interface MapRelayMembership {
  /** Resolves once messages published from now on are heard (the subscription is in place). */
  readonly ready: Promise<void>;
  leave(): void;
}

export interface MapRelay {
  /** Starts hearing the map's messages from other instances (never this instance's own). */
  join(mapId: string, listener: MapRelayListener): MapRelayMembership;
  publishUpdates(mapId: string, firstSeq: number, updates: readonly Uint8Array[]): void;
  publishPresence(mapId: string, update: Uint8Array): void;
  publishWatermark(mapId: string, seq: number): void;
}
