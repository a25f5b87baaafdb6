import type { ChangeSummary, MapPatch, SnapshotReason } from '@loopmap/shared';

/**
 * A map's memory, beside its update log: the index of what each update did, checkpoints of the
 * map's JSON records, snapshots, live sessions and members' visits. Everything here can be
 * rebuilt from the log except snapshots' names and notes, sessions and visits.
 */

/** What one update did, as the history index stores it beside the log entry. */
export interface ChangeRecord {
  patch: MapPatch;
  summary: ChangeSummary;
  ids: readonly string[];
}

export interface HistoryEntryRecord {
  seq: number;
  at: number;
  /** The log's author: a user id, or 'system'. */
  author: string;
  /** The author's name now; null when the author is not an account (any more). */
  authorName: string | null;
  summary: ChangeSummary | null;
  ids: string[];
}

export interface SnapshotRecord {
  id: string;
  mapId: string;
  seq: number;
  name: string;
  note: string;
  reason: SnapshotReason | null;
  /** Automatic snapshots become named (and kept for good) when someone names them. */
  named: boolean;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: number;
  /** When the log reached seq (the time of that update; the map's creation for seq 0). */
  takenAt: number;
}

export interface LiveSessionRecord {
  id: string;
  mapId: string;
  startedAt: number;
  endedAt: number | null;
  fromSeq: number;
  toSeq: number;
  changes: number;
  /** User ids, in the order they joined. */
  participants: string[];
  snapshotId: string | null;
  summary: string | null;
}

export interface HistoryStore {
  /** The highest seq up to which every update has its change recorded (0: none). */
  indexedThrough(mapId: string): Promise<number>;
  /** Records changes of updates already in the log (indexing a map logged before history existed). */
  saveChanges(mapId: string, changes: readonly ({ seq: number } & ChangeRecord)[]): Promise<void>;
  /** Patches of updates with afterSeq < seq <= throughSeq, in order. */
  listPatches(mapId: string, afterSeq: number, throughSeq: number): Promise<{ seq: number; patch: MapPatch }[]>;
  /** Entries newest first, before `before` (exclusive); only those touching `target` when given. */
  listHistory(mapId: string, opts: { before: number; limit: number; target?: string }): Promise<HistoryEntryRecord[]>;
  /** Every entry's seq, time and author, oldest first (the timeline). */
  listEntryTimes(mapId: string): Promise<{ seq: number; at: number; author: string }[]>;
  /** The highest seq of the log. */
  lastSeq(mapId: string): Promise<number>;
  /** The last seq logged at or before `at` (0 when none was). */
  seqAt(mapId: string, at: number): Promise<number>;
  /** When update seq was logged, or null when there is no such update. */
  timeOf(mapId: string, seq: number): Promise<number | null>;
  /** Names of the given user ids that are accounts. */
  userNames(ids: readonly string[]): Promise<Map<string, string>>;

  saveCheckpoint(mapId: string, seq: number, state: Uint8Array, at: number): Promise<void>;
  /** The latest checkpoint at or before seq. */
  checkpointAtOrBefore(mapId: string, seq: number): Promise<{ seq: number; state: Uint8Array } | null>;
  /** Updates after seq and the bytes of their patches (what reaching now from there costs). */
  tailSince(mapId: string, seq: number): Promise<{ updates: number; patchBytes: number }>;
  checkpointStats(mapId: string): Promise<{ count: number; bytes: number; lastSeq: number; lastBytes: number }>;

  insertSnapshot(snapshot: Omit<SnapshotRecord, 'createdByName' | 'takenAt'>): Promise<SnapshotRecord>;
  listSnapshots(mapId: string): Promise<SnapshotRecord[]>;
  getSnapshot(mapId: string, id: string): Promise<SnapshotRecord | null>;
  /** Renaming marks a snapshot named. */
  updateSnapshot(mapId: string, id: string, patch: { name?: string; note?: string }): Promise<SnapshotRecord | null>;
  deleteSnapshot(mapId: string, id: string): Promise<boolean>;
  /** The latest automatic snapshot of that reason, for "at most once a day". */
  latestSnapshot(mapId: string, reason: SnapshotReason): Promise<SnapshotRecord | null>;
  /** Deletes unnamed automatic snapshots created before `before`; returns how many. */
  purgeAutomaticSnapshots(before: number): Promise<number>;

  saveSession(session: LiveSessionRecord): Promise<void>;
  deleteSession(mapId: string, id: string): Promise<void>;
  listSessions(mapId: string): Promise<LiveSessionRecord[]>;

  /** Where the user last left the map. */
  getVisit(mapId: string, userId: string): Promise<{ seq: number; at: number } | null>;
  /** Records a visit; with onlyIfAbsent, keeps an existing one (a first visit sets the baseline). */
  setVisit(mapId: string, userId: string, seq: number, at: number, onlyIfAbsent?: boolean): Promise<void>;
  /**
   * What others changed after seq: how many cards and links their updates touched (the map's own
   * settings count as one), and who they are, in the order they first changed something.
   */
  changesSince(mapId: string, seq: number, userId: string): Promise<{ changes: number; authors: string[] }>;
}
