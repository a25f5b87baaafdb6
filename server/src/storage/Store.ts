import type { MapKind } from '@loopmap/shared';

/**
 * Everything the server persists sits behind this one interface. The SQLite implementation is
 * the embedded default; others must pass the same contract suite (test/integration/store-contract).
 *
 * Durability contract: when appendUpdates resolves, the updates survive a crash of this process.
 * Nothing is ever rewritten: compaction stores a merged state beside the log and keeps the log,
 * because replaying a map's history needs every update with its author and time.
 */
export interface MapRecord {
  id: string;
  title: string;
  kind: MapKind;
  createdAt: number;
  updatedAt: number;
}

export interface UpdateEntry {
  update: Uint8Array;
  /** Who sent it: a user id, a display name, or 'system' for server-made changes. */
  author: string;
  /** Milliseconds since the epoch. */
  at: number;
}

export interface StoredUpdate extends UpdateEntry {
  seq: number;
}

export interface StoredDoc {
  /** The compacted state, or null when the map was never compacted. */
  state: Uint8Array | null;
  /** The highest update seq the state includes (0 when there is no state). */
  stateSeq: number;
  /** Updates after stateSeq, in order. */
  tail: StoredUpdate[];
  /** The highest seq of the log. */
  lastSeq: number;
}

export interface CreateMapInput {
  id: string;
  title: string;
  kind: MapKind;
  at: number;
  /** The document's first update (its meta record), logged as seq 1. */
  initialUpdate: Uint8Array;
  author: string;
}

export interface Store {
  createMap(input: CreateMapInput): Promise<MapRecord>;
  /** A live (not deleted) map, or null. */
  getMap(id: string): Promise<MapRecord | null>;
  listMaps(): Promise<MapRecord[]>;
  updateMap(id: string, patch: { title?: string; kind?: MapKind }, at: number): Promise<MapRecord | null>;
  /** Marks the map deleted; it disappears from every read. Returns false when there was no such live map. */
  deleteMap(id: string, at: number): Promise<boolean>;
  /** Appends updates to the map's log, in order, atomically. Resolves with the last seq written. */
  appendUpdates(mapId: string, entries: readonly UpdateEntry[]): Promise<number>;
  loadDoc(mapId: string): Promise<StoredDoc>;
  /** Stores a merged state that includes every update up to throughSeq. Never deletes log entries. */
  saveState(mapId: string, state: Uint8Array, throughSeq: number, at: number): Promise<void>;
  /** The log, for replay and audit: updates with seq > afterSeq, at most limit of them. */
  listUpdates(mapId: string, afterSeq: number, limit: number): Promise<StoredUpdate[]>;
  close(): Promise<void>;
}
