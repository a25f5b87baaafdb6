import * as Y from 'yjs';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import {
  applyMapPatch,
  cloneMapState,
  createOrigin,
  diffMaps,
  emptyMapState,
  isEmptyDiff,
  mapStateToJSON,
  parseMapState,
  parsePoint,
  randomId,
  restoreMapContent,
  revertChanges,
  serialiseMapState,
  MapStateRecorder,
  noChange,
  AUTO_SNAPSHOT_TTL_DAYS,
  type MapJSON,
  type MapState,
  type RevertStep,
  type SnapshotReason,
} from '@loopmap/shared';
import type { Store } from '../storage/Store.ts';
import type { ChangeRecord, SnapshotRecord } from '../storage/HistoryStore.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Room } from '../collab/Room.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { ApiError } from '../http/errors.ts';
import {
  DEFAULT_CHECKPOINT_POLICY,
  mayCheckpoint,
  shouldCheckpoint,
  type CheckpointPolicy,
} from './checkpointPolicy.ts';
import { LruCache } from './LruCache.ts';

/** How many cards and links the decoded states kept for history may hold in all (~65 MB). */
const STATE_CACHE_RECORDS = 50_000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many log entries a backfill reads at once. */
const BACKFILL_PAGE = 2_000;
/** How long rebuilding the index works before it lets other maps' peers run (ms). */
const INDEX_STEP_MS = 10;

export interface ResolvedPoint {
  seq: number;
  /** When that update was logged; null for seq 0. */
  at: number | null;
  snapshot?: SnapshotRecord;
}

export interface MapHistoryOptions {
  checkpoints?: Partial<CheckpointPolicy>;
}

/**
 * A checkpoint as stored: the records' JSON, brotli at quality 5 (a quarter smaller than deflate
 * on this JSON and five times faster to read back; higher qualities cost far more to write for
 * little less).
 */
export function packCheckpoint(text: string): Uint8Array {
  return brotliCompressSync(text, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: text.length },
  });
}

/** The checkpoint's JSON text (unpackCheckpoint parses it too). */
export function checkpointText(data: Uint8Array): string {
  return brotliDecompressSync(data).toString('utf8');
}

export function unpackCheckpoint(data: Uint8Array): MapState {
  return parseMapState(checkpointText(data));
}

/** A snapshot's id: prefixed, so no id ever reads as a seq or a time (see parsePoint). */
const SNAPSHOT_ID_PREFIX = 'snap_';
export const newSnapshotId = (): string => `${SNAPSHOT_ID_PREFIX}${randomId()}`;

function snapshotDate(at: number): string {
  return new Date(at).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/**
 * A map's memory, on top of the update log (which stays the truth and is never rewritten):
 *
 * - the history index: each update's field-level patch and summary, written with the update by
 *   its room (or, for maps logged before the index existed, rebuilt here from the log once);
 * - checkpoints of the map's JSON records, so any point costs one checkpoint and a short tail of
 *   patches (checkpointPolicy.ts says when one is taken);
 * - snapshots (named log positions), restore in place, as a copy, and selective restore.
 *
 * Live sessions and visits are LiveSessions' concern; both listen to the rooms' hooks.
 */
export class MapHistory {
  private rooms: RoomManager | null = null;
  private readonly policy: CheckpointPolicy;
  /** Maps whose every update has its change recorded (new ones arrive with theirs). */
  private readonly indexed = new Set<string>();
  private readonly indexing = new Map<string, Promise<void>>();
  /**
   * Decoded checkpoints and recently reached points, by `${mapId}:${seq}` (never changed once in).
   * At most 48, holding at most STATE_CACHE_RECORDS cards and links in all (about 1.3 KB of
   * memory each): 48 states of 20,000-card maps would otherwise hold gigabytes.
   */
  private readonly states = new LruCache<string, MapState>(
    48,
    (state) => state.nodes.size + state.edges.size + 1,
    STATE_CACHE_RECORDS,
  );
  /** The serialised size of each map's state when last measured (for mayCheckpoint). */
  private readonly stateBytes = new Map<string, number>();
  /** When each map's last daily snapshot was taken (loaded once per map). */
  private readonly lastDaily = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: MapHistoryOptions = {},
  ) {
    this.policy = { ...DEFAULT_CHECKPOINT_POLICY, ...options.checkpoints };
  }

  /** The rooms it restores through; set once both exist (they listen to each other). */
  attach(rooms: RoomManager): void {
    this.rooms = rooms;
  }

  private get liveRooms(): RoomManager {
    if (!this.rooms) throw new Error('MapHistory used before attach(rooms)');
    return this.rooms;
  }

  // ── The index ─────────────────────────────────────────────────────────────────────────────

  /** Makes sure every logged update of the map has its change recorded (rebuilding it once). */
  ensureIndexed(mapId: string): Promise<void> {
    if (this.indexed.has(mapId)) return Promise.resolve();
    let running = this.indexing.get(mapId);
    if (!running) {
      running = this.index(mapId).finally(() => this.indexing.delete(mapId));
      this.indexing.set(mapId, running);
    }
    return running;
  }

  /**
   * Replays the log through Yjs to record the changes it lacks, taking checkpoints on the way.
   * Runs once per map logged before the index existed (a map created since has its first
   * change recorded with it), before its room loads.
   */
  private async index(mapId: string): Promise<void> {
    const history = this.store.history;
    const through = await history.indexedThrough(mapId);
    const last = await history.lastSeq(mapId);
    if (through >= last) {
      this.indexed.add(mapId);
      return;
    }
    const started = performance.now();
    const doc = new Y.Doc();
    const recorder = new MapStateRecorder(doc);
    let checkpointSeq = (await history.checkpointStats(mapId)).lastSeq;
    let tail = { updates: 0, patchBytes: 0 };
    // The map's room waits for this, but other maps' peers need not: yield every few ms.
    let stepStarted = performance.now();
    try {
      for (let after = 0; after < last;) {
        const updates = await this.store.listUpdateRange(mapId, after, Math.min(last, after + BACKFILL_PAGE));
        if (updates.length === 0) break;
        const changes: ({ seq: number } & ChangeRecord)[] = [];
        for (const entry of updates) {
          if (performance.now() - stepStarted >= INDEX_STEP_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            stepStarted = performance.now();
          }
          Y.applyUpdate(doc, entry.update);
          const change = recorder.take() ?? noChange();
          if (entry.seq <= through) continue;
          changes.push({ seq: entry.seq, ...change });
          if (entry.seq > checkpointSeq) {
            tail = { updates: tail.updates + 1, patchBytes: tail.patchBytes + JSON.stringify(change.patch).length };
            if (await this.checkpointIfDue(mapId, entry.seq, tail, recorder.current)) {
              checkpointSeq = entry.seq;
              tail = { updates: 0, patchBytes: 0 };
            }
          }
        }
        await history.saveChanges(mapId, changes);
        after = updates[updates.length - 1]!.seq;
      }
    } finally {
      recorder.destroy();
      doc.destroy();
    }
    this.indexed.add(mapId);
    this.log.info('history index rebuilt from the log', {
      map: mapId,
      updates: last - through,
      ms: Math.round(performance.now() - started),
    });
  }

  /** After a room compacted: store a checkpoint of its records when the policy says one is due. */
  async maybeCheckpoint(room: Room): Promise<void> {
    const history = this.store.history;
    const { lastSeq } = await history.checkpointStats(room.mapId);
    if (room.lastSeq <= lastSeq) return;
    const tail = await history.tailSince(room.mapId, lastSeq);
    // The room's recorder holds exactly the log through room.lastSeq here: compaction runs on
    // the room's chain, with nothing pending.
    await this.checkpointIfDue(room.mapId, room.lastSeq, tail, room.recorder.current);
  }

  /** Stores a checkpoint of `state` at seq if checkpointPolicy says one is due; says whether it did. */
  private async checkpointIfDue(
    mapId: string,
    seq: number,
    tail: { updates: number; patchBytes: number },
    state: MapState,
  ): Promise<boolean> {
    const since = { seq, ...tail };
    if (!mayCheckpoint(since, this.stateBytes.get(mapId) ?? null, this.policy)) return false;
    const text = serialiseMapState(state);
    this.stateBytes.set(mapId, text.length);
    if (!shouldCheckpoint(since, text.length, this.policy)) return false;
    await this.store.history.saveCheckpoint(mapId, seq, packCheckpoint(text), this.clock.now());
    return true;
  }

  // ── Reaching a point ──────────────────────────────────────────────────────────────────────

  /**
   * The map's records at seq: the nearest checkpoint (or a point reached recently) plus the
   * patches after it. The result is shared with the cache: copy it (cloneMapState) to change it.
   */
  async stateAt(mapId: string, seq: number): Promise<MapState> {
    const key = `${mapId}:${seq}`;
    const cached = this.states.get(key);
    if (cached) return cached;
    await this.ensureIndexed(mapId);
    let base: MapState = emptyMapState();
    let baseSeq = 0;
    const checkpoint = await this.store.history.checkpointAtOrBefore(mapId, seq);
    if (checkpoint) {
      const checkpointKey = `${mapId}:${checkpoint.seq}`;
      let decoded = this.states.get(checkpointKey);
      if (!decoded) {
        decoded = unpackCheckpoint(checkpoint.state);
        this.states.set(checkpointKey, decoded);
      }
      base = decoded;
      baseSeq = checkpoint.seq;
    }
    // A point reached recently between the checkpoint and seq makes the tail shorter (scrubbing).
    for (const [cachedKey, state] of this.states.entries()) {
      const [cachedMap, cachedSeq] = splitKey(cachedKey);
      if (cachedMap === mapId && cachedSeq > baseSeq && cachedSeq <= seq) {
        base = state;
        baseSeq = cachedSeq;
      }
    }
    if (baseSeq === seq) return base;
    const state = cloneMapState(base);
    for (const { patch } of await this.store.history.listPatches(mapId, baseSeq, seq)) applyMapPatch(state, patch);
    this.states.set(key, state);
    return state;
  }

  /**
   * Forgets every decoded checkpoint and reached point, so the next stateAt pays what a point far
   * from any recent one pays (the history benchmark measures cold points this way).
   */
  forgetCachedStates(): void {
    this.states.clear();
  }

  async mapAt(mapId: string, seq: number): Promise<MapJSON> {
    return mapStateToJSON(await this.stateAt(mapId, seq));
  }

  /**
   * A point as the API writes it (`now`, a seq, a time, a snapshot id) resolved against the
   * log, or a 4xx that says what is wrong.
   */
  async resolvePoint(mapId: string, raw: string): Promise<ResolvedPoint> {
    const point = parsePoint(raw);
    // Every snapshot id has the prefix: "yesterday" is a malformed point, not an unknown snapshot.
    if (!point || (point.kind === 'snapshot' && !point.id.startsWith(SNAPSHOT_ID_PREFIX))) {
      throw new ApiError(
        400,
        'bad_request',
        `"${raw.slice(0, 64)}" is not a point of the history: use now, a seq, a time (ISO 8601) or a snapshot id`,
      );
    }
    const last = await this.liveRooms.settledSeq(mapId);
    const history = this.store.history;
    switch (point.kind) {
      case 'now':
        return { seq: last, at: await history.timeOf(mapId, last) };
      case 'seq':
        if (point.seq > last) {
          throw new ApiError(400, 'bad_request', `seq ${point.seq} is past the end of this map's history (${last})`);
        }
        return { seq: point.seq, at: point.seq === 0 ? null : await history.timeOf(mapId, point.seq) };
      case 'time': {
        const seq = await history.seqAt(mapId, point.at);
        if (seq === 0) {
          throw new ApiError(400, 'bad_request', `${raw} is before this map was created`);
        }
        return { seq, at: await history.timeOf(mapId, seq) };
      }
      case 'snapshot': {
        const snapshot = await history.getSnapshot(mapId, point.id);
        if (!snapshot) throw new ApiError(404, 'not_found', 'snapshot not found');
        return { seq: snapshot.seq, at: snapshot.takenAt, snapshot };
      }
    }
  }

  // ── Snapshots and restore ─────────────────────────────────────────────────────────────────

  async takeSnapshot(input: {
    mapId: string;
    seq: number;
    name: string;
    note?: string;
    reason: SnapshotReason | null;
    by: string | null;
  }): Promise<SnapshotRecord> {
    return this.store.history.insertSnapshot({
      id: newSnapshotId(),
      mapId: input.mapId,
      seq: input.seq,
      name: input.name,
      note: input.note ?? '',
      reason: input.reason,
      // A review's closing snapshot carries the review's name and is where the next review starts:
      // it is kept like one taken by hand.
      named: input.reason === null || input.reason === 'review',
      createdBy: input.by,
      createdAt: this.clock.now(),
    });
  }

  /**
   * Makes the live map what the snapshot holds, as one new change on top of the history (never
   * a rewrite of the log), seen live by every peer. The automatic snapshot taken just before
   * is the way back: restoring it undoes the restore.
   */
  async restoreInPlace(
    mapId: string,
    snapshot: SnapshotRecord,
    userId: string,
  ): Promise<{ undo: SnapshotRecord; seq: number }> {
    return this.liveRooms.withRoom(mapId, async (room) => {
      await room.flushNow();
      const undo = await this.takeSnapshot({
        mapId,
        seq: room.lastSeq,
        name: `Before restoring “${snapshot.name}”`,
        reason: 'restore',
        by: userId,
      });
      const target = await this.mapAt(mapId, snapshot.seq);
      await room.change((doc) => restoreMapContent(doc, target, createOrigin('server', userId)));
      return { undo, seq: room.lastSeq };
    });
  }

  /**
   * Selective restore: undoes the changes of one person, of a range of the log (after fromSeq,
   * through toSeq), or of one person within a range, leaving everyone else's work in place
   * (see revertChanges). Nothing is written, and no snapshot taken, when there is nothing to undo.
   */
  async revert(
    mapId: string,
    input: { author?: string; fromSeq: number; toSeq?: number },
    userId: string,
  ): Promise<{ undo: SnapshotRecord | null; seq: number; reverted: { cards: number; links: number } }> {
    return this.liveRooms.withRoom(mapId, async (room) => {
      await room.flushNow();
      const toSeq = Math.min(input.toSeq ?? room.lastSeq, room.lastSeq);
      // The map's creation (seq 1) is where every version starts, not a change to undo: undoing
      // it would leave the map with the empty state's meta (an untitled theory-of-change map).
      const fromSeq = Math.max(1, input.fromSeq);
      const steps = await this.revertSteps(mapId, fromSeq, toSeq, input.author);
      const current = mapStateToJSON(room.recorder.current);
      const target = revertChanges(current, steps);
      const diff = diffMaps(current, target);
      if (isEmptyDiff(diff)) return { undo: null, seq: room.lastSeq, reverted: { cards: 0, links: 0 } };
      const undo = await this.takeSnapshot({
        mapId,
        seq: room.lastSeq,
        name: 'Before a selective restore',
        reason: 'restore',
        by: userId,
      });
      await room.change((doc) => restoreMapContent(doc, target, createOrigin('server', userId)));
      return { undo, seq: room.lastSeq, reverted: { cards: diff.cards.length, links: diff.links.length } };
    });
  }

  /**
   * The steps to undo, oldest first: for a whole range, its two ends; for one person, each of
   * their updates as the records it touched before and after (the rest of the map is left out,
   * which revertChanges reads as untouched).
   */
  private async revertSteps(mapId: string, fromSeq: number, toSeq: number, author?: string): Promise<RevertStep[]> {
    if (toSeq <= fromSeq) return [];
    if (author === undefined) {
      const [before, after] = await Promise.all([this.mapAt(mapId, fromSeq), this.mapAt(mapId, toSeq)]);
      return [{ before, after }];
    }
    const authors = new Map(
      (await this.store.listUpdateRange(mapId, fromSeq, toSeq)).map((entry) => [entry.seq, entry.author]),
    );
    const state = cloneMapState(await this.stateAt(mapId, fromSeq));
    const steps: RevertStep[] = [];
    for (const { seq, patch } of await this.store.history.listPatches(mapId, fromSeq, toSeq)) {
      if (authors.get(seq) !== author) {
        applyMapPatch(state, patch);
        continue;
      }
      const side = (): RevertStep['before'] => ({
        ...(patch.m ? { meta: state.meta } : {}),
        nodes: Object.keys(patch.n ?? {}).flatMap((id) => state.nodes.get(id) ?? []),
        edges: Object.keys(patch.e ?? {}).flatMap((id) => state.edges.get(id) ?? []),
      });
      const before = side();
      applyMapPatch(state, patch);
      steps.push({ before, after: side() });
    }
    return steps;
  }

  // ── Automatic snapshots ───────────────────────────────────────────────────────────────────

  /**
   * At most once a day while a map is edited: the state just before the day's first change, so
   * "what did it look like before today?" always has an answer.
   */
  async maybeDailySnapshot(mapId: string, firstSeq: number, at: number): Promise<void> {
    if (firstSeq <= 1) return;
    let last = this.lastDaily.get(mapId);
    if (last === undefined) {
      last = (await this.store.history.latestSnapshot(mapId, 'daily'))?.createdAt ?? 0;
      this.lastDaily.set(mapId, last);
    }
    if (at - last < DAY_MS) return;
    this.lastDaily.set(mapId, at);
    await this.takeSnapshot({
      mapId,
      seq: firstSeq - 1,
      name: `Before editing on ${snapshotDate(at)}`,
      reason: 'daily',
      by: null,
    });
  }

  /** Deletes unnamed automatic snapshots older than AUTO_SNAPSHOT_TTL_DAYS. */
  purgeExpiredSnapshots(): Promise<number> {
    return this.store.history.purgeAutomaticSnapshots(this.clock.now() - AUTO_SNAPSHOT_TTL_DAYS * DAY_MS);
  }
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
