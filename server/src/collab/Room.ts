import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import {
  CLOSE_CODES,
  encodeAwarenessMessage,
  encodeSavedMessage,
  encodeSyncMessage,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  getEdges,
  getMeta,
  getNodes,
  readMeta,
  removeDanglingEdges,
  MapStateRecorder,
  noChange,
  readMapStateInSteps,
  type MapState,
  type Origin,
} from '@loopmap/shared';
import type { DocumentStore, StoredDoc, UpdateEntry } from '../storage/Store.ts';
import type { ChangeRecord } from '../storage/HistoryStore.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import { Peer } from './Peer.ts';
import { sharedCompactor, type Compactor } from './compactor.ts';
import { encodePresenceEntries, stampAwarenessUpdate, type PresenceClaim } from './awarenessStamp.ts';
import { DEFAULT_PRESENCE_LIMITS, PresenceThrottle, type PresenceLimits } from './presenceLimits.ts';
import type { MapRelay, MapRelayMembership } from './MapRelay.ts';
import { sharedDocLoader, type DocLoader } from './docLoader.ts';
import {
  DEFAULT_MAP_BUDGETS,
  MapBudget,
  MapBudgetError,
  discardPending,
  guardUpdate,
  refusalCloseCode,
  storedBytes,
  type MapBudgets,
  type Refusal,
} from './updateGuard.ts';

/**
 * An update larger than this is applied one event-loop turn after it was checked, so checking
 * and applying a frame (at most MAX_FRAME_BYTES, about 3 ms each) never hold the loop together.
 */
const APPLY_LATER_BYTES = 8 * 1024;
/**
 * Updates a peer may send before its sync step 2 that the room cannot apply yet (see
 * Peer.deferredUpdates); past this, such an update is refused as any other would be.
 */
const MAX_DEFERRED_UPDATES = 100;
/**
 * A map whose state and tail are at most this many bytes is compacted on the event loop, by
 * encoding the room's own document (about 5 ms for 160 KB, a 500-card map); larger maps on the
 * compactor's worker, which rebuilds the document from the stored state and the tail. For a small
 * map the worker costs far more CPU than it saves loop time: each compaction decodes the whole
 * map again there (and, in a young process, has V8 compile Yjs a second time for the worker).
 */
const COMPACT_ON_LOOP_MAX_BYTES = 256 * 1024;
/** A turn's updates up to this many bytes in all are relayed merged, as one message per peer. */
const RELAY_MERGE_MAX_BYTES = 16 * 1024;

/**
 * With several instances, how long a room waits for a missing seq to arrive through the relay
 * (messages from two instances may cross) before it reads it from the store.
 */
const GAP_FILL_AFTER_MS = 250;
/**
 * How often presence owed to a peer whose socket is backed up is tried again: such a peer gets
 * at most one presence message this often (each client's latest state), never a backlog of them.
 */
export const SLOW_PRESENCE_RETRY_MS = 250;
/** How long a room being loaded waits for its relay subscription before it opens anyway (ms). */
const RELAY_JOIN_WAIT_MS = 2_000;

/** Origin of the transaction that loads a stored document: not a change, never logged. */
const LOAD_ORIGIN = Symbol('load');
/**
 * A map storing at least this many bytes (state and tail) is opened cooperatively (Room.open):
 * prepared on a worker, applied in slices, its records read in steps, yielding to the event loop
 * between them. Below it, the whole load takes a few tens of milliseconds at most.
 */
export const LOAD_IN_STEPS_BYTES = 128 * 1024;
/** How long a cooperative load works before it lets other maps' peers run (ms). */
const LOAD_STEP_MS = 10;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A document a room was opened with, built cooperatively by Room.open. */
interface OpenedDoc {
  doc: Y.Doc;
  /** readMapState(doc), for the recorder. */
  mapState: MapState;
  /** The document's whole state as one update, for the first joiners (see the constructor). */
  fullState: Uint8Array | null;
}
/**
 * Origin of an update another server instance has already stored and logged (applyRemote): it
 * is relayed to this room's peers, never stored, logged or recorded again here.
 */
export const REMOTE_ORIGIN = Symbol('remote');

export interface RoomOptions {
  /** Compact the log into a stored state after this many updates... */
  compactEvery: number;
  /** ...or once updates have been quiet this long (ms)... */
  compactDebounceMs: number;
  /** ...but no later than this after the first uncompacted update (ms). */
  compactMaxWaitMs: number;
  /** Where merged states are encoded (a worker thread); tests may pass their own. */
  compactor?: Compactor;
  /** What each peer may announce as presence (presenceLimits.ts). */
  presence?: PresenceLimits;
  /** How much a map may hold (records, stored bytes); DEFAULT_MAP_BUDGETS when absent. */
  budgets?: MapBudgets;
  /** Where a large map's load is prepared (a worker thread); tests may pass their own. */
  loader?: DocLoader;
}

export const DEFAULT_ROOM_OPTIONS: RoomOptions = {
  compactEvery: 500,
  compactDebounceMs: 2_000,
  compactMaxWaitMs: 10_000,
};

interface PendingUpdate {
  update: Uint8Array;
  author: string;
  peer: Peer | null;
  at: number;
  change: ChangeRecord | null;
}

/** An update once it is in the log. */
export interface AppendedUpdate {
  seq: number;
  author: string;
  at: number;
  change: ChangeRecord | null;
}

/**
 * What else happens around a room, outside its own pipeline: the map's memory (history index
 * checkpoints, live sessions, visits, daily snapshots) listens here. Called after the fact;
 * they never hold up a relay, and a failure in one is logged, never a peer's problem.
 */
export interface RoomHooks {
  /** A turn's updates are durable (in order). */
  appended?(room: Room, updates: readonly AppendedUpdate[]): void | Promise<void>;
  peerJoined?(room: Room, peer: Peer): void | Promise<void>;
  peerLeft?(room: Room, peer: Peer): void | Promise<void>;
  /** The room stored a compacted state; a good moment for slower bookkeeping. */
  compacted?(room: Room): void | Promise<void>;
  /** The room is about to be freed (everything is durable). */
  closing?(room: Room): void | Promise<void>;
}

interface SyncRequest {
  peer: Peer;
  stateVector: Uint8Array;
}

class BadMessageError extends Error {}

/** The state vector of an empty document, as y-protocols encodes it. */
function isEmptyStateVector(sv: Uint8Array): boolean {
  return sv.length === 1 && sv[0] === 0;
}

/**
 * One live map: its Y.Doc, its awareness, its peers. The durable pipeline, once per event-loop
 * turn (flush):
 *   1. frames are decoded and validated; updates are applied to the doc (origin = the peer);
 *   2. the turn's updates are appended to the store in one transaction;
 *   3. only then are they relayed, merged into one message per peer, and the senders told
 *      (MESSAGE_SAVED) that their messages are durable;
 *   4. sync replies to joiners are computed only while the doc holds nothing unsaved, so no peer
 *      ever sees an update that a crash could lose.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** Non-peer users of the room (REST handlers); the room stays loaded while any hold it. */
  holds = 0;
  closing = false;
  lastSeq: number;

  private pending: PendingUpdate[] = [];
  private syncRequests: SyncRequest[] = [];
  private readonly peersToAck = new Set<Peer>();
  private readonly awarenessChanged = new Set<number>();
  private flushScheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private structureDirty = false;
  private metaDirty = false;
  private stateSeq: number;
  private firstUncompactedAt: number | null = null;
  /** What compaction merges: the last stored state and the updates logged after it. */
  private compactBase: Uint8Array | null;
  private compactTail: Uint8Array[];
  /** The compaction under way, if any (the worker encodes while the room goes on). */
  private compaction: Promise<void> | null = null;
  private compactTimer: ReturnType<typeof setTimeout> | null = null;
  /** Cached encodings, valid for the current doc version (cleared on every update). */
  private fullStateMessage: Uint8Array | null = null;
  private step1Message: Uint8Array | null = null;
  private failed = false;
  /** Why storing failed (the store's error), once it has. */
  private failure: unknown = null;
  /** Which peer announced each awareness client id: only that peer may change it. */
  private readonly awarenessOwners = new Map<number, Peer>();
  /** Peers whose large update is being applied in slices, with the frames they sent meanwhile. */
  /** Peers with a large update waiting to be applied, and the frames they sent meanwhile. */
  private readonly applying = new Map<Peer, { held: Uint8Array[] }>();
  /** Each peer's presence, rate-limited and coalesced. */
  private readonly presenceThrottles = new Map<Peer, PresenceThrottle>();
  private readonly presenceLimits: PresenceLimits;
  private lastPresenceRelay = -Infinity;
  private presenceRelayTimer: ReturnType<typeof setTimeout> | null = null;
  /** Peers owed presence while their sockets are backed up, tried again together (sendOwedPresence). */
  private readonly slowPresencePeers = new Set<Peer>();
  private slowPresenceTimer: ReturnType<typeof setTimeout> | null = null;
  /** The other instances' rooms of this map (several instances), once joined. */
  private mapRelay: MapRelay | null = null;
  private membership: MapRelayMembership | null = null;
  /** With a relay: every seq up to this one is in the doc (the log's seqs are contiguous)... */
  private knownSeq: number;
  /** ...and these later ones too, heard before an earlier one. */
  private readonly aheadSeqs = new Set<number>();
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private catchingUp = false;
  private catchUpAgain = false;
  /** Presence client ids of other instances' peers (announced through the relay). */
  private readonly remoteClients = new Set<number>();
  /** Presence of this instance's peers that changed since it was last published to the relay. */
  private readonly presenceToPublish = new Set<number>();
  /** The history index's view of the map: what each update did (docs/document-format.md, H). */
  readonly recorder: MapStateRecorder;
  /** What the map holds against its budgets, kept current as updates are applied and stored. */
  readonly budget: MapBudget;

  constructor(
    readonly mapId: string,
    stored: StoredDoc,
    private readonly store: DocumentStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: RoomOptions = DEFAULT_ROOM_OPTIONS,
    private readonly onFailure: (room: Room) => void = () => {},
    private readonly hooks: RoomHooks = {},
    /** The document already built from `stored` (Room.open); built here at once when absent. */
    opened?: OpenedDoc,
  ) {
    this.doc = opened?.doc ?? new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.presenceLimits = options.presence ?? DEFAULT_PRESENCE_LIMITS;
    this.awareness.setLocalState(null);
    if (!opened) {
      this.doc.transact(() => {
        if (stored.state) Y.applyUpdate(this.doc, stored.state);
        for (const entry of stored.tail) Y.applyUpdate(this.doc, entry.update);
      }, LOAD_ORIGIN);
    }
    this.recorder = new MapStateRecorder(this.doc, opened?.mapState);
    this.budget = new MapBudget(this.doc, this.options.budgets ?? DEFAULT_MAP_BUDGETS, storedBytes(stored));
    this.lastSeq = stored.lastSeq;
    this.knownSeq = stored.lastSeq;
    this.stateSeq = stored.stateSeq;
    this.compactBase = stored.state;
    this.compactTail = stored.tail.map((entry) => entry.update);
    if (stored.tail.length >= this.options.compactEvery) this.scheduleCompaction(0);
    // Changes stored before updateGuard refused them may be pending for ever: drop them.
    const discarded = discardPending(this.doc);
    if (discarded) this.log.warn('dropped stored changes that were still pending', { map: this.mapId, ...discarded });
    // A compacted map with no tail: the stored state is already a full-state update, so the
    // first joiners are served from it instead of re-encoding the document. So is the state
    // Room.open applied (the stored state and tail merged on the loader's worker).
    else if (opened?.fullState) this.fullStateMessage = encodeSyncMessage(SYNC_STEP_2, opened.fullState);
    else if (stored.state && stored.tail.length === 0)
      this.fullStateMessage = encodeSyncMessage(SYNC_STEP_2, stored.state);

    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    getNodes(this.doc).observe((event) => {
      for (const change of event.changes.keys.values()) if (change.action === 'delete') this.structureDirty = true;
    });
    getEdges(this.doc).observe((event) => {
      for (const change of event.changes.keys.values()) if (change.action !== 'delete') this.structureDirty = true;
    });
    getMeta(this.doc).observe(() => {
      this.metaDirty = true;
    });
  }

  /**
   * Opens a room without holding the event loop for long, whatever the map's size: a large map's
   * stored state and tail are merged and cut into slices on the loader's worker (prepareLoad.ts),
   * applied here a few slices per turn, and its records read for the recorder in steps. Every
   * other map's peers run in between (a 20,000-card map used to hold the loop for about a
   * second). The room is the same as `new Room(...)` would build: the slices apply completely,
   * in order, to the same document, and what stays pending is dropped the same way.
   */
  static async open(
    mapId: string,
    stored: StoredDoc,
    store: DocumentStore,
    clock: Clock,
    log: Logger,
    options: RoomOptions = DEFAULT_ROOM_OPTIONS,
    onFailure: (room: Room) => void = () => {},
    hooks: RoomHooks = {},
  ): Promise<Room> {
    const { stateBytes, logBytes } = storedBytes(stored);
    if (stateBytes + logBytes < LOAD_IN_STEPS_BYTES) {
      return new Room(mapId, stored, store, clock, log, options, onFailure, hooks);
    }
    const prepared = await (options.loader ?? sharedDocLoader).prepare({
      state: stored.state,
      tail: stored.tail.map((entry) => entry.update),
    });
    const doc = new Y.Doc();
    let started = performance.now();
    for (const slice of prepared.slices) {
      // Each slice applies completely once those before it have: nothing is left pending between.
      Y.applyUpdate(doc, slice, LOAD_ORIGIN);
      if (performance.now() - started >= LOAD_STEP_MS) {
        await nextTurn();
        started = performance.now();
      }
    }
    await nextTurn();
    const mapState = await readMapStateInSteps(doc, nextTurn, LOAD_STEP_MS);
    await nextTurn();
    // With no tail, the stored bytes themselves (the prepared copy came back from the worker).
    const fullState = stored.tail.length === 0 ? stored.state : prepared.state;
    return new Room(mapId, stored, store, clock, log, options, onFailure, hooks, { doc, mapState, fullState });
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOAD_ORIGIN) return;
    this.fullStateMessage = null;
    this.step1Message = null;
    if (origin === REMOTE_ORIGIN) {
      // Its instance recorded it for the history index; the recorder only keeps up with the doc.
      try {
        this.recorder.take();
      } catch (error) {
        this.log.error('could not follow a remote change', { map: this.mapId, error: String(error) });
      }
      return;
    }
    let author = 'system';
    let peer: Peer | null = null;
    if (origin instanceof Peer) {
      peer = origin;
      author = origin.author;
    } else if (origin && typeof origin === 'object' && 'actor' in origin) {
      author = (origin as Origin).actor ?? 'system';
    }
    // Yjs runs observers before it emits the update, so the recorder has seen this transaction.
    let change: ChangeRecord | null = null;
    try {
      // An update that changes nothing a map shows still gets its (empty) row: the index is
      // complete exactly when every update has one.
      change = this.recorder.take() ?? noChange();
    } catch (error) {
      // The update is kept whatever happens; the index notices the gap and rebuilds it.
      this.log.error('could not record a change for the history index', { map: this.mapId, error: String(error) });
    }
    this.pending.push({ update, author, peer, at: this.clock.now(), change });
    this.scheduleFlush();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Peer) {
      for (const id of added) {
        origin.awarenessClients.add(id);
        this.awarenessOwners.set(id, origin);
      }
      for (const id of removed) {
        origin.awarenessClients.delete(id);
        this.awarenessOwners.delete(id);
      }
    }
    for (const id of added) this.awarenessChanged.add(id);
    for (const id of updated) this.awarenessChanged.add(id);
    for (const id of removed) this.awarenessChanged.add(id);
    if (this.mapRelay) {
      // Only this instance's own peers' presence is published; another instance's is theirs to
      // publish (and to time out: a removal published from here would wipe a live client there).
      if (origin === REMOTE_ORIGIN) {
        for (const id of added) this.remoteClients.add(id);
        for (const id of updated) this.remoteClients.add(id);
      } else {
        for (const ids of [added, updated, removed])
          for (const id of ids) if (!this.remoteClients.has(id)) this.presenceToPublish.add(id);
      }
      for (const id of removed) this.remoteClients.delete(id);
    }
    this.schedulePresenceRelay();
  };

  /** Relays presence changes at most once per roomIntervalMs, merged into one message. */
  private schedulePresenceRelay(): void {
    if (this.presenceRelayTimer !== null || this.awarenessChanged.size === 0) return;
    const wait = Math.max(0, this.lastPresenceRelay + this.presenceLimits.roomIntervalMs - performance.now());
    this.presenceRelayTimer = setTimeout(() => {
      this.presenceRelayTimer = null;
      this.relayPresence();
    }, wait);
  }

  private relayPresence(): void {
    if (this.awarenessChanged.size === 0 || this.failed) return;
    this.lastPresenceRelay = performance.now();
    const clients = [...this.awarenessChanged];
    this.awarenessChanged.clear();
    const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    for (const peer of this.peers) {
      // A peer on a slow link: its presence waits, coalesced, until its socket drains; what
      // it owed goes first, with the latest states (document updates never wait: broadcast).
      if (peer.presenceOwed.size === 0 && !peer.presenceBackedUp()) {
        peer.send(message);
        continue;
      }
      for (const id of clients) peer.presenceOwed.add(id);
      this.sendOwedPresence(peer);
    }
    if (this.mapRelay && this.presenceToPublish.size > 0) {
      const own = [...this.presenceToPublish];
      this.presenceToPublish.clear();
      this.mapRelay.publishPresence(this.mapId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, own));
    }
  }

  /**
   * Sends a peer the latest presence of the clients it is owed, once its socket is no longer
   * backed up; until then, tries again every SLOW_PRESENCE_RETRY_MS. So a slow peer gets one
   * presence message per interval at most, however often cursors move.
   */
  private sendOwedPresence(peer: Peer): void {
    if (peer.closed || !this.peers.has(peer) || peer.presenceOwed.size === 0 || this.failed) return;
    if (peer.presenceBackedUp()) {
      this.slowPresencePeers.add(peer);
      this.slowPresenceTimer ??= setTimeout(() => {
        this.slowPresenceTimer = null;
        const waiting = [...this.slowPresencePeers];
        this.slowPresencePeers.clear();
        for (const slow of waiting) this.sendOwedPresence(slow);
      }, SLOW_PRESENCE_RETRY_MS);
      return;
    }
    // Clients whose presence this room no longer knows at all need no news.
    const owed = [...peer.presenceOwed].filter((id) => this.awareness.meta.has(id));
    peer.presenceOwed.clear();
    if (owed.length === 0) return;
    peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, owed)));
  }

  /** Admits a peer: sends our state vector and the current presence; its sync reply follows. */
  addPeer(peer: Peer): void {
    this.peers.add(peer);
    this.runHook('peerJoined', () => this.hooks.peerJoined?.(this, peer));
    if (this.pending.length === 0) {
      this.step1Message ??= encodeSyncMessage(SYNC_STEP_1, Y.encodeStateVector(this.doc));
      peer.send(this.step1Message);
    } else {
      peer.send(encodeSyncMessage(SYNC_STEP_1, Y.encodeStateVector(this.doc)));
    }
    const states = this.awareness.getStates();
    if (states.size > 0) {
      peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
  }

  removePeer(peer: Peer): void {
    this.slowPresencePeers.delete(peer);
    if (!this.peers.delete(peer)) return;
    this.runHook('peerLeft', () => this.hooks.peerLeft?.(this, peer));
    if (peer.awarenessClients.size > 0) {
      for (const id of peer.awarenessClients) this.awarenessOwners.delete(id);
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
    this.applying.delete(peer);
    this.presenceThrottles.get(peer)?.dispose();
    this.presenceThrottles.delete(peer);
    this.peersToAck.delete(peer);
    this.syncRequests = this.syncRequests.filter((r) => r.peer !== peer);
  }

  /**
   * Handles one frame from a peer. A frame that cannot be decoded closes that peer (4400) and
   * changes nothing: updates are fully decoded before they are applied. When part of the work
   * runs in a later event-loop turn (a large update), returns a promise of the milliseconds it
   * took then, so the caller can wait before handing over the peer's next frame and charge it.
   */
  receive(peer: Peer, frame: Uint8Array): Promise<number> | void {
    // A closing room takes nothing new: what is not applied is not acknowledged either, and the
    // peer sends it again in the sync handshake of its next connection.
    if (peer.closed || this.failed || this.closing) return;
    // While one of its large updates waits to be applied, a peer's next frames wait, in order.
    const waiting = this.applying.get(peer);
    if (waiting) {
      waiting.held.push(frame);
      return;
    }
    try {
      return this.handleFrame(peer, frame);
    } catch (error) {
      const reason = error instanceof BadMessageError ? error.message : 'malformed message';
      this.log.warn('bad message, closing peer', { map: this.mapId, peer: peer.id, reason, bytes: frame.length });
      peer.close(CLOSE_CODES.badMessage, reason.slice(0, 120));
      this.removePeer(peer);
    }
  }

  private handleFrame(peer: Peer, frame: Uint8Array): Promise<number> | void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const subType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (subType === SYNC_STEP_1) {
          // Validate the state vector now; the reply waits until everything applied is durable.
          Y.decodeStateVector(payload);
          this.syncRequests.push({ peer, stateVector: payload });
          this.scheduleFlush();
        } else if (subType === SYNC_STEP_2 || subType === SYNC_UPDATE) {
          // Decode fully before applying, so a corrupt update cannot half-apply; and refuse what
          // would stay pending or break the map's budgets (updateGuard.ts).
          const refusal = guardUpdate(this.doc, payload, this.budget);
          if (!peer.canWrite) {
            // Viewers and commenters receive the map but never change it, whatever they send.
            if (peer.droppedWrites++ === 0 || peer.droppedWrites % 100 === 0) {
              this.log.warn('dropped document update from a peer who may not write', {
                map: this.mapId,
                peer: peer.id,
                user: peer.identity.userId,
                role: peer.identity.role,
                dropped: peer.droppedWrites,
              });
            }
            return;
          }
          if (refusal) {
            if (
              refusal.kind === 'missing-dependencies' &&
              subType === SYNC_UPDATE &&
              !peer.sentStep2 &&
              peer.deferredUpdates < MAX_DEFERRED_UPDATES
            ) {
              // Made before the client heard the room's state vector (the map was loading): its
              // sync step 2, computed after, carries this change too.
              peer.deferredUpdates++;
              return;
            }
            return this.refuse(peer, refusal, payload.length);
          }
          let credit = 1;
          if (subType === SYNC_STEP_2 && !peer.sentStep2) {
            peer.sentStep2 = true;
            credit += peer.deferredUpdates;
            peer.deferredUpdates = 0;
          }
          if (payload.length > APPLY_LATER_BYTES) return this.applyLater(peer, payload, credit);
          Y.applyUpdate(this.doc, payload, peer);
          peer.docMessages += credit;
          this.peersToAck.add(peer);
          if (this.structureDirty) this.cleanUpDanglingLinks();
          this.scheduleFlush();
        } else {
          throw new BadMessageError(`unknown sync message type ${subType}`);
        }
        break;
      }
      case MESSAGE_AWARENESS:
        this.receivePresence(peer, decoding.readVarUint8Array(decoder));
        break;
      case MESSAGE_QUERY_AWARENESS: {
        const states = this.awareness.getStates();
        peer.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
        break;
      }
      case MESSAGE_AUTH:
        // Clients never send auth messages in this protocol; ignore like the reference server.
        break;
      default:
        throw new BadMessageError(`unknown message type ${type}`);
    }
  }

  /**
   * A peer's presence: stamped with its identity, limited to its share of client ids and the
   * state size (refusals spend strikes; out of strikes, 4429), then rate-limited and coalesced.
   */
  private receivePresence(peer: Peer, update: Uint8Array): void {
    const limits = this.presenceLimits;
    let throttle = this.presenceThrottles.get(peer);
    if (!throttle) {
      throttle = new PresenceThrottle(limits, (entries) => {
        if (peer.closed || this.failed) return;
        awarenessProtocol.applyAwarenessUpdate(this.awareness, encodePresenceEntries(entries), peer);
      });
      this.presenceThrottles.set(peer, throttle);
    }
    const claimed = new Set([...peer.awarenessClients, ...throttle.pendingIds()]);
    const claim = (id: number, clock: number): PresenceClaim => {
      const owner = this.awarenessOwners.get(id);
      if (owner === peer) return 'own';
      if (owner !== undefined || this.remoteClients.has(id)) return 'skip';
      // Honest clients echo others' presence back; an echo the room has already seen changes nothing.
      const known = this.awareness.meta.get(id);
      if (known && clock <= known.clock) return 'skip';
      if (claimed.has(id)) return 'own';
      if (claimed.size >= limits.maxIdsPerPeer) return 'refuse';
      claimed.add(id);
      return 'own';
    };
    const { userId, name, color } = peer.identity;
    const { entries, refused } = stampAwarenessUpdate(update, { id: userId, name, color }, claim, limits.maxStateBytes);
    if (refused > 0 && !throttle.strike(refused)) {
      this.log.warn('peer broke the presence limits, closing', { map: this.mapId, peer: peer.id, refused });
      peer.close(CLOSE_CODES.tooManyMessages, 'too much presence');
      this.removePeer(peer);
      return;
    }
    throttle.offer(entries);
  }

  /** An editor's update the guard refused: not applied, nothing stored; the peer is closed. */
  private refuse(peer: Peer, refusal: Refusal, bytes: number): void {
    const { userId } = peer.identity;
    this.log.warn('refused a document update', { map: this.mapId, peer: peer.id, user: userId, bytes, ...refusal });
    peer.close(refusalCloseCode(refusal), refusal.message.slice(0, 120));
    this.removePeer(peer);
  }

  /**
   * Applies a large update (already checked by the guard) on the next event-loop turn, so other
   * peers' frames, other maps and timers run between the check and the apply. The sender's later
   * frames wait for it, so its messages still apply in order; it is acknowledged as usual.
   */
  private applyLater(peer: Peer, update: Uint8Array, credit = 1): Promise<number> {
    const job = { held: [] as Uint8Array[] };
    this.applying.set(peer, job);
    return new Promise((resolve) => {
      setImmediate(() => {
        const started = performance.now();
        this.applying.delete(peer);
        if (peer.closed || this.failed || this.closing || !this.peers.has(peer)) return resolve(0);
        try {
          Y.applyUpdate(this.doc, update, peer);
          peer.docMessages += credit;
          this.peersToAck.add(peer);
          if (this.structureDirty) this.cleanUpDanglingLinks();
          this.scheduleFlush();
        } catch (error) {
          // As receive() does for a frame handled at once: that peer goes, the room stays.
          this.log.warn('bad message, closing peer', { map: this.mapId, peer: peer.id, reason: String(error) });
          peer.close(CLOSE_CODES.badMessage, 'malformed message');
          this.removePeer(peer);
          return resolve(performance.now() - started);
        }
        // Frames that came meanwhile, in order; should one of them wait again, so do the rest.
        let later: Promise<number> | void = undefined;
        for (const frame of job.held) later = this.receive(peer, frame) ?? later;
        const took = performance.now() - started;
        if (later) void later.then((more) => resolve(took + more));
        else resolve(took);
      });
    });
  }

  /** Removes links whose ends were deleted concurrently; a server-made, logged change. */
  private cleanUpDanglingLinks(): void {
    this.structureDirty = false;
    const removed = removeDanglingEdges(this.doc);
    if (removed > 0) this.log.info('removed dangling links', { map: this.mapId, removed });
  }

  /**
   * Applies an update that another server instance has already stored in the map's log: this
   * room's peers receive it at once (it is durable already), and it is not stored, logged or
   * acknowledged again here. A change it makes necessary here (links left dangling by a
   * concurrent deletion on another instance) is made and logged as usual.
   */
  applyRemote(update: Uint8Array): void {
    if (this.failed || this.closing) return;
    // The map record follows the title; the instance that logged the update has updated it.
    const metaDirty = this.metaDirty;
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    this.metaDirty = metaDirty;
    const message = encodeSyncMessage(SYNC_UPDATE, update);
    for (const peer of this.peers) peer.send(message);
    if (this.structureDirty) this.cleanUpDanglingLinks();
  }

  /**
   * Joins the other instances' rooms of this map (several instances, through `relay`): from now
   * on this room publishes what it stores and its peers' presence, applies what the others
   * stored, and catches up from the store on whatever it did not hear. Resolves once it has
   * caught up, or after RELAY_JOIN_WAIT_MS when the relay cannot subscribe (the map opens from
   * the store; the relay resyncs the room when it is back).
   */
  async joinRelay(relay: MapRelay): Promise<void> {
    this.mapRelay = relay;
    this.membership = relay.join(this.mapId, {
      updates: (firstSeq, updates) => this.receiveRemoteUpdates(firstSeq, updates),
      presence: (update) => this.receiveRemotePresence(update),
      watermark: (seq) => {
        if (seq > this.knownSeq) void this.resync();
      },
      resync: () => void this.resync(),
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const joined = await Promise.race([
      this.membership.ready.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), RELAY_JOIN_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!joined) this.log.warn('relay not reachable; the map opens from the store alone', { map: this.mapId });
    await this.resync();
  }

  /** Every seq through which this room holds the whole log (its own appends and the relay's). */
  get settledThrough(): number {
    return Math.max(this.lastSeq, this.knownSeq);
  }

  /** Updates another instance stored: applies the seqs not seen yet, once each. */
  private receiveRemoteUpdates(firstSeq: number, updates: Uint8Array[]): void {
    if (this.closing || this.failed) return;
    const fresh: Uint8Array[] = [];
    updates.forEach((update, i) => {
      const seq = firstSeq + i;
      if (seq > this.knownSeq && !this.aheadSeqs.has(seq)) fresh.push(update);
    });
    if (fresh.length > 0) {
      this.applyRemote(fresh.length === 1 ? fresh[0]! : Y.mergeUpdates(fresh));
      // Stored by another instance, but in this map's log all the same: it counts against the budget.
      this.budget.logged(fresh.map((update) => ({ update })));
    }
    for (let i = 0; i < updates.length; i++) this.markKnown(firstSeq + i);
  }

  private receiveRemotePresence(update: Uint8Array): void {
    if (this.closing || this.failed) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
    } catch (error) {
      this.log.warn('could not apply presence from another instance', { map: this.mapId, error: String(error) });
    }
  }

  private markKnown(seq: number): void {
    if (seq <= this.knownSeq) return;
    this.aheadSeqs.add(seq);
    while (this.aheadSeqs.delete(this.knownSeq + 1)) this.knownSeq++;
    if (this.aheadSeqs.size === 0) {
      if (this.gapTimer) clearTimeout(this.gapTimer);
      this.gapTimer = null;
    } else {
      // An earlier seq is missing: it may still be on its way from another instance.
      this.gapTimer ??= setTimeout(() => {
        this.gapTimer = null;
        if (this.aheadSeqs.size > 0) void this.resync();
      }, GAP_FILL_AFTER_MS);
    }
  }

  /**
   * Catches up from the store: applies every logged update this room has not seen (another
   * instance stored it while the relay was away, or its message was lost), then publishes this
   * instance's peers' presence again for the others. Runs again if asked while running.
   */
  async resync(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    try {
      do {
        this.catchUpAgain = false;
        if (this.closing || this.failed) return;
        try {
          const through = await this.store.lastSeq(this.mapId);
          if (through > this.knownSeq) {
            const missed = await this.store.listUpdateRange(this.mapId, this.knownSeq, through);
            this.receiveRemoteBatch(missed);
          }
        } catch (error) {
          this.log.warn('could not catch up from the store; trying again', { map: this.mapId, error: String(error) });
          this.gapTimer ??= setTimeout(() => {
            this.gapTimer = null;
            void this.resync();
          }, 1_000);
          return;
        }
      } while (this.catchUpAgain);
      this.publishOwnPresence();
      // Others may have missed what this room published meanwhile: tell them how far the log goes.
      if (this.mapRelay && !this.closing && !this.failed)
        this.mapRelay.publishWatermark(this.mapId, this.settledThrough);
    } finally {
      this.catchingUp = false;
    }
  }

  private receiveRemoteBatch(entries: readonly { seq: number; update: Uint8Array }[]): void {
    if (this.closing || this.failed) return;
    const fresh = entries.filter((entry) => entry.seq > this.knownSeq && !this.aheadSeqs.has(entry.seq));
    if (fresh.length > 0) {
      const updates = fresh.map((entry) => entry.update);
      this.applyRemote(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
      this.budget.logged(fresh);
    }
    for (const entry of entries) this.markKnown(entry.seq);
  }

  /** Announces every presence this instance's peers hold (after the relay may have missed some). */
  private publishOwnPresence(): void {
    if (!this.mapRelay || this.closing || this.failed) return;
    const own = [...this.awarenessOwners.keys()].filter((id) => this.awareness.getStates().has(id));
    if (own.length === 0) return;
    this.mapRelay.publishPresence(this.mapId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, own));
  }

  private leaveRelay(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
    this.membership?.leave();
    this.membership = null;
  }

  /**
   * Applies a server-side change (a REST call) through the same durable pipeline. Rejects with
   * the store's error when the change could not be stored, so the caller never reports success
   * for a change that was dropped, and with MapBudgetError (HTTP 413) when the map is full.
   */
  async change(fn: (doc: Y.Doc) => void): Promise<void> {
    if (this.failed) throw this.failure;
    const full = this.budget.checkRoom();
    if (full) throw new MapBudgetError(full);
    fn(this.doc);
    if (this.structureDirty) this.cleanUpDanglingLinks();
    await this.flushNow();
    if (this.failed) throw this.failure;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.chain = this.chain.then(() => this.flush());
    });
  }

  /** Resolves once everything applied so far is durable and relayed. */
  flushNow(): Promise<void> {
    this.chain = this.chain.then(() => this.flush());
    return this.chain;
  }

  private async flush(): Promise<void> {
    if (this.failed) return;

    const batch = this.pending;
    const acks: [Peer, number][] = [...this.peersToAck].map((p) => [p, p.docMessages]);
    this.pending = [];
    this.peersToAck.clear();

    if (batch.length > 0) {
      const entries: UpdateEntry[] = batch.map(({ update, author, at, change }) => ({ update, author, at, change }));
      try {
        this.lastSeq = await this.store.appendUpdates(this.mapId, entries);
        this.budget.logged(entries);
        for (const entry of entries) this.compactTail.push(entry.update);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (this.mapRelay) {
        const first = this.lastSeq - entries.length + 1;
        this.mapRelay.publishUpdates(
          this.mapId,
          first,
          entries.map((entry) => entry.update),
        );
        for (let seq = first; seq <= this.lastSeq; seq++) this.markKnown(seq);
      }
      this.relay(batch);
      if (this.hooks.appended) {
        const first = this.lastSeq - batch.length + 1;
        const appended = batch.map(({ author, at, change }, i) => ({ seq: first + i, author, at, change }));
        this.runHook('appended', () => this.hooks.appended?.(this, appended));
      }
      if (this.metaDirty) await this.syncMapRecord();
      this.firstUncompactedAt ??= this.clock.now();
      this.scheduleCompaction();
    }

    const saved = new Map<number, Uint8Array>();
    for (const [peer, count] of acks) {
      if (peer.closed || !peer.wantsSavedAcks || count <= peer.ackedMessages) continue;
      peer.ackedMessages = count;
      let message = saved.get(count);
      if (!message) saved.set(count, (message = encodeSavedMessage(count)));
      peer.send(message);
    }

    if (this.pending.length === 0) this.answerSyncRequests();
    else this.scheduleFlush();
  }

  /**
   * Sends each peer the turn's updates that it did not send itself: small ones merged into one
   * message, large ones as they came (merging them costs far more than it saves).
   */
  private relay(batch: PendingUpdate[]): void {
    let bytes = 0;
    for (const entry of batch) bytes += entry.update.length;
    if (batch.length > 1 && bytes > RELAY_MERGE_MAX_BYTES) {
      const messages = batch.map((entry) => ({
        from: entry.peer,
        message: encodeSyncMessage(SYNC_UPDATE, entry.update),
      }));
      for (const peer of this.peers) {
        for (const { from, message } of messages) if (from !== peer) peer.send(message);
      }
      return;
    }
    const contributors = new Set<Peer>();
    for (const entry of batch) if (entry.peer) contributors.add(entry.peer);
    const all = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((e) => e.update));
    const allMessage = encodeSyncMessage(SYNC_UPDATE, all);
    for (const peer of this.peers) {
      if (!contributors.has(peer)) {
        peer.send(allMessage);
        continue;
      }
      const others = batch.filter((e) => e.peer !== peer).map((e) => e.update);
      if (others.length === 0) continue;
      peer.send(encodeSyncMessage(SYNC_UPDATE, others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
    }
  }

  private answerSyncRequests(): void {
    if (this.syncRequests.length === 0) return;
    const requests = this.syncRequests;
    this.syncRequests = [];
    for (const { peer, stateVector } of requests) {
      if (peer.closed) continue;
      if (isEmptyStateVector(stateVector)) {
        // A joiner with nothing: every such joiner gets the same bytes, encoded once per version.
        this.fullStateMessage ??= encodeSyncMessage(SYNC_STEP_2, Y.encodeStateAsUpdate(this.doc));
        peer.send(this.fullStateMessage);
      } else {
        peer.send(encodeSyncMessage(SYNC_STEP_2, Y.encodeStateAsUpdate(this.doc, stateVector)));
      }
    }
  }

  private async syncMapRecord(): Promise<void> {
    this.metaDirty = false;
    const meta = readMeta(this.doc);
    try {
      await this.store.updateMap(this.mapId, { title: meta.title, kind: meta.kind }, this.clock.now());
    } catch (error) {
      this.log.error('could not update map record', { map: this.mapId, error: String(error) });
    }
  }

  private scheduleCompaction(delay?: number): void {
    if (this.closing || this.compaction) return;
    const behind = this.lastSeq - this.stateSeq;
    if (behind <= 0) return;
    let wait = delay ?? this.options.compactDebounceMs;
    if (behind >= this.options.compactEvery) wait = 0;
    if (this.firstUncompactedAt !== null) {
      const deadline = this.firstUncompactedAt + this.options.compactMaxWaitMs - this.clock.now();
      wait = Math.max(0, Math.min(wait, deadline));
    }
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      this.chain = this.chain.then(() => this.startCompaction());
    }, wait);
    this.compactTimer.unref?.();
  }

  /**
   * Stores the merged state of everything logged so far and waits until it is stored (tests,
   * closing). Scheduled compactions do not wait: see startCompaction.
   */
  async compact(): Promise<void> {
    if (this.compaction) await this.compaction;
    await (this.chain = this.chain.then(() => this.startCompaction()));
    if (this.compaction) await this.compaction;
  }

  /**
   * Starts storing the merged state of everything logged so far. Runs on the flush chain; the
   * state is encoded on a worker thread (compactor.ts) from the stored state and the updates
   * logged since, while the room goes on, and stored on the chain once it is ready. The log
   * itself is kept for replay.
   */
  private async startCompaction(): Promise<void> {
    if (this.failed || this.compaction || this.lastSeq <= this.stateSeq) return;
    if (this.pending.length > 0) {
      // Store what is pending first, so the state matches the log through lastSeq. Waiting for a
      // turn with nothing pending instead let updates that arrive every turn put compaction off
      // for ever, and the log (what every cold open replays) grew without bound.
      await this.flush();
      if (this.failed) return;
    }
    const throughSeq = this.lastSeq;
    const count = this.compactTail.length;
    const failed = (error: unknown): void => {
      this.compaction = null;
      this.log.error('compaction failed; the log is intact and will be retried', {
        map: this.mapId,
        error: String(error),
      });
      this.scheduleCompaction();
    };
    let tail: Uint8Array[];
    if (count === throughSeq - this.stateSeq) {
      tail = this.compactTail.slice();
      if (this.canCompactOnLoop(tail)) {
        // Nothing is pending and every logged update is one this room applied: the document is
        // exactly the log through throughSeq, so its encoding is the merged state.
        let state: Uint8Array;
        try {
          state = Y.encodeStateAsUpdate(this.doc);
        } catch (error) {
          failed(error);
          return;
        }
        await this.finishCompaction(state, throughSeq, count).catch((error: unknown) =>
          this.log.error('storing the compacted state failed', { map: this.mapId, error: String(error) }),
        );
        if (this.lastSeq > this.stateSeq) this.scheduleCompaction();
        return;
      }
    } else {
      // The log holds updates this room did not append itself (another process on the same
      // database): merge what the store holds, so the state never claims seqs it lacks.
      try {
        tail = (await this.store.listUpdateRange(this.mapId, this.stateSeq, throughSeq)).map((entry) => entry.update);
      } catch (error) {
        failed(error);
        return;
      }
    }
    const merged = (this.options.compactor ?? sharedCompactor).merge(this.compactBase, tail);
    this.compaction = merged
      .then((state) =>
        (this.chain = this.chain.then(() =>
          // Never reject the chain: every later flush waits on it.
          this.finishCompaction(state, throughSeq, count).catch((error: unknown) =>
            this.log.error('storing the compacted state failed', { map: this.mapId, error: String(error) }),
          ),
        )).then(() => {
          this.compaction = null;
          if (this.lastSeq > this.stateSeq) this.scheduleCompaction();
        }),
      )
      .catch(failed);
  }

  /** Whether this compaction may encode the room's document on the event loop (see above). */
  private canCompactOnLoop(tail: readonly Uint8Array[]): boolean {
    if (this.options.compactor || this.mapRelay || this.pending.length > 0) return false;
    // What the worker drops (updates still missing something) must not be in the state either.
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) return false;
    let bytes = this.compactBase?.length ?? 0;
    for (const update of tail) {
      bytes += update.length;
      if (bytes > COMPACT_ON_LOOP_MAX_BYTES) return false;
    }
    return true;
  }

  private async finishCompaction(state: Uint8Array, throughSeq: number, count: number): Promise<void> {
    if (this.failed) return;
    try {
      await this.store.saveState(this.mapId, state, throughSeq, this.clock.now());
    } catch (error) {
      this.log.error('compaction failed; the log is intact and will be retried', {
        map: this.mapId,
        error: String(error),
      });
      return;
    }
    this.stateSeq = throughSeq;
    this.compactBase = state;
    this.compactTail.splice(0, count);
    let tailBytes = 0;
    for (const update of this.compactTail) tailBytes += update.length;
    this.budget.compacted(state.length, tailBytes);
    const current = this.lastSeq === throughSeq && this.pending.length === 0;
    this.firstUncompactedAt = current ? null : this.clock.now();
    // The same bytes are what a joiner with an empty doc needs: keep them until the next update.
    if (current) this.fullStateMessage ??= encodeSyncMessage(SYNC_STEP_2, state);
    // On the chain with nothing pending, the recorder's state is exactly the log through lastSeq.
    if (this.hooks.compacted && this.pending.length === 0) {
      await this.guard('compacted', () => this.hooks.compacted?.(this));
    }
  }

  /** Runs a hook after the fact, off the pipeline: its failure is logged, never a peer's problem. */
  private runHook(name: string, fn: () => void | Promise<void>): void {
    void this.guard(name, fn);
  }

  private async guard(name: string, fn: () => void | Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      this.log.error('room hook failed', { map: this.mapId, hook: name, error: String(error) });
    }
  }

  /** Storage failed: the doc may now hold what the store does not. Drop the room; clients resync. */
  private fail(error: unknown): void {
    this.failed = true;
    this.failure = error;
    this.log.error('storing updates failed; closing the room so clients resend on reconnect', {
      map: this.mapId,
      error: String(error),
    });
    for (const peer of this.peers) peer.close(CLOSE_CODES.storageFailed, 'storage failed, reconnect');
    this.peers.clear();
    this.leaveRelay();
    this.onFailure(this);
  }

  get isFailed(): boolean {
    return this.failed;
  }

  /**
   * Stops taking frames, then stores everything applied so far and a compacted state. Peers stay
   * connected meanwhile, so they are told (MESSAGE_SAVED) that what they sent before is stored;
   * what they send from now on is neither applied nor acknowledged.
   */
  async drain(): Promise<void> {
    this.closing = true;
    if (this.presenceRelayTimer) clearTimeout(this.presenceRelayTimer);
    this.presenceRelayTimer = null;
    if (this.slowPresenceTimer) clearTimeout(this.slowPresenceTimer);
    this.slowPresenceTimer = null;
    this.slowPresencePeers.clear();
    for (const throttle of this.presenceThrottles.values()) throttle.dispose();
    this.presenceThrottles.clear();
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.compactTimer = null;
    await this.flushNow();
    // Rooms of this map elsewhere may have missed what this one stored (Redis was away): the
    // watermark has them read it from the store.
    if (this.mapRelay && !this.failed) this.mapRelay.publishWatermark(this.mapId, this.settledThrough);
    this.leaveRelay();
    await this.compact();
  }

  /** Drains (flushes, stores a final state) and frees the doc. */
  async close(): Promise<void> {
    await this.drain();
    if (this.hooks.closing) await this.guard('closing', () => this.hooks.closing?.(this));
    this.recorder.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  closePeers(code: number, reason: string): void {
    for (const peer of this.peers) peer.close(code, reason);
    for (const peer of [...this.peers]) this.removePeer(peer);
  }
}
