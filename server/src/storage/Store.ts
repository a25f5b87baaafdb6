import type { CommentTarget, Language, MapKind, Role } from '@loopmap/shared';
import type { ChangeRecord, HistoryStore } from './HistoryStore.ts';
import type { ReviewStore } from './ReviewStore.ts';
import type { ThrottleStore } from './ThrottleStore.ts';

/**
 * Everything the server persists sits behind these interfaces, one per concern: DocumentStore
 * (maps and their update logs), AccountStore (users, sessions, API tokens), MemberStore (members
 * and invites) and CommentStore; `Store` is their composition. The SQLite implementation is the
 * embedded default; others must pass the same contract suite (test/integration/storeContract).
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
  /** What it did, for the history index; written in the same transaction as the update. */
  change?: ChangeRecord | null;
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
  /** The user who becomes the map's first owner. */
  ownerId: string;
  title: string;
  kind: MapKind;
  at: number;
  /** The document's first update (its meta record), logged as seq 1. */
  initialUpdate: Uint8Array;
  /** What the first update did, for the history index. */
  initialChange?: ChangeRecord;
  author: string;
}

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  createdAt: number;
  /** The language the account chose for the interface, or null: follow the browser. */
  language: Language | null;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the session token. */
  id: string;
  userId: string;
  expiresAt: number;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface MemberRecord {
  userId: string;
  email: string;
  name: string;
  role: Role;
  addedAt: number;
}

export interface InviteRecord {
  id: string;
  mapId: string;
  role: Role;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export class EmailTakenError extends Error {}

/**
 * Why a membership change or an account deletion was refused: it would leave a map that others
 * use without an owner. The check and the write are one transaction, so two owners demoting each
 * other at once cannot both succeed.
 */
export interface LastOwnerRefusal {
  ok: false;
  reason: 'last-owner';
  /** The map that would have no owner left (for an account deletion, the first such map). */
  map: MapRecord;
}

/** Users, sessions and API tokens. */
export interface AccountStore {
  /** Throws EmailTakenError when the (lowercased) email already has an account. */
  createUser(input: { id: string; email: string; name: string; passwordHash: string; at: number }): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  getUserByEmail(email: string): Promise<(UserRecord & { passwordHash: string }) | null>;
  getPasswordHash(userId: string): Promise<string | null>;
  setPasswordHash(userId: string, passwordHash: string): Promise<void>;
  /** The account's interface language (null: follow the browser). */
  setUserLanguage(userId: string, language: Language | null): Promise<void>;
  /**
   * Deletes the account, its sessions, tokens and memberships, and the maps it alone belonged to.
   * Its comments stay (their author reads as deleted); mentions of it are removed.
   */
  deleteUser(userId: string, at: number): Promise<void>;
  /**
   * deleteUser, unless the user is the only owner of a live map that has other members: then
   * nothing is deleted and the first such map is named. Returns the maps the user was a member
   * of (before the deletion) when it went ahead.
   */
  deleteUserUnlessLastOwner(
    userId: string,
    at: number,
  ): Promise<{ ok: true; maps: (MapRecord & { role: Role })[] } | LastOwnerRefusal>;

  insertSession(session: SessionRecord, at: number): Promise<void>;
  getSessionAndUser(id: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  setSessionExpiry(id: string, expiresAt: number): Promise<void>;
  deleteSession(id: string): Promise<void>;
  /** Deletes every session of the user except `keep`; returns the deleted ids. */
  deleteUserSessions(userId: string, keep?: string): Promise<string[]>;

  insertApiToken(token: ApiTokenRecord & { tokenHash: string }): Promise<void>;
  listApiTokens(userId: string): Promise<ApiTokenRecord[]>;
  getApiTokenByHash(tokenHash: string): Promise<{ token: ApiTokenRecord; user: UserRecord } | null>;
  touchApiToken(id: string, at: number): Promise<void>;
  deleteApiToken(userId: string, id: string): Promise<boolean>;
}

/** Who may use a map (members and their roles) and the invite links to it. */
export interface MemberStore {
  getRole(mapId: string, userId: string): Promise<Role | null>;
  listMembers(mapId: string): Promise<MemberRecord[]>;
  /** Adds a member, or changes the role of an existing one (no owner check: see changeRole). */
  setMember(mapId: string, userId: string, role: Role, at: number): Promise<void>;
  removeMember(mapId: string, userId: string): Promise<boolean>;
  countOwners(mapId: string): Promise<number>;
  /**
   * Changes an existing member's role, unless that would leave the map without an owner.
   * `previous` is the role before the change.
   */
  changeRole(
    mapId: string,
    userId: string,
    role: Role,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal>;
  /** Removes a member, unless they are the map's last owner. */
  removeMemberUnlessLastOwner(
    mapId: string,
    userId: string,
  ): Promise<{ ok: true; previous: Role } | { ok: false; reason: 'not-member' } | LastOwnerRefusal>;

  insertInvite(invite: InviteRecord & { tokenHash: string }): Promise<void>;
  getInviteByHash(tokenHash: string): Promise<InviteRecord | null>;
  listInvites(mapId: string): Promise<InviteRecord[]>;
  revokeInvite(mapId: string, id: string, at: number): Promise<boolean>;
}

export interface CommentRecord {
  id: string;
  threadId: string;
  authorId: string;
  /** Null once the author's account is deleted (the comment stays). */
  authorName: string | null;
  body: string;
  /** The members it mentions, in the order given. */
  mentions: { userId: string; name: string }[];
  createdAt: number;
  editedAt: number | null;
}

export interface CommentThreadRecord {
  id: string;
  mapId: string;
  target: CommentTarget;
  createdAt: number;
  resolvedAt: number | null;
  resolvedBy: string | null;
  /** Null when unresolved, or once the resolver's account is deleted. */
  resolvedByName: string | null;
  /** The comments not deleted, oldest first; never empty. */
  comments: CommentRecord[];
}

export interface NewComment {
  id: string;
  authorId: string;
  body: string;
  /** User ids; those who are not members of the map are dropped, duplicates too. */
  mentions: readonly string[];
  at: number;
}

/**
 * Comment threads on a map's cards and links. Reads only ever see the threads of live maps
 * that still have a comment that is not deleted; every method answers null (or false) for
 * anything else, the same as for an unknown id.
 */
export interface CommentStore {
  /** Creates a thread on a target with its first comment, atomically. */
  createCommentThread(input: {
    id: string;
    mapId: string;
    target: CommentTarget;
    comment: NewComment;
  }): Promise<CommentThreadRecord>;
  /** The map's threads, oldest first; only those on one card or link when targetId is given. */
  listCommentThreads(mapId: string, targetId?: string): Promise<CommentThreadRecord[]>;
  getCommentThread(mapId: string, threadId: string): Promise<CommentThreadRecord | null>;
  /** Adds a reply to a thread. */
  addComment(mapId: string, threadId: string, comment: NewComment): Promise<CommentRecord | null>;
  getComment(mapId: string, commentId: string): Promise<CommentRecord | null>;
  /** Replaces the body, and the mentions when given (otherwise they are kept); sets editedAt. */
  editComment(
    mapId: string,
    commentId: string,
    patch: { body: string; mentions?: readonly string[] },
    at: number,
  ): Promise<CommentRecord | null>;
  /** Erases the body and mentions; keeps a tombstone with who deleted it and when. */
  deleteComment(mapId: string, commentId: string, by: string, at: number): Promise<boolean>;
  /** Marks the thread resolved; an already resolved thread keeps its first resolution. */
  resolveCommentThread(mapId: string, threadId: string, by: string, at: number): Promise<CommentThreadRecord | null>;
  reopenCommentThread(mapId: string, threadId: string): Promise<CommentThreadRecord | null>;
}

/** Maps and their documents: the update log, compacted states. All a live room needs. */
export interface DocumentStore {
  /** Creates the map, logs its first update and makes ownerId its owner, atomically. */
  createMap(input: CreateMapInput): Promise<MapRecord>;
  /** A live (not deleted) map, or null. */
  getMap(id: string): Promise<MapRecord | null>;
  /** The live maps a user is a member of, newest first, with the user's role. */
  listMapsFor(userId: string): Promise<(MapRecord & { role: Role })[]>;
  updateMap(id: string, patch: { title?: string; kind?: MapKind }, at: number): Promise<MapRecord | null>;
  /** Marks the map deleted; it disappears from every read. Returns false when there was no such live map. */
  deleteMap(id: string, at: number): Promise<boolean>;
  /**
   * Appends updates to the map's log, in order, atomically. Resolves with the last seq written.
   * The store numbers them: writers in other processes appending to the same map at the same
   * time get distinct, gapless seqs (the read of the last seq and the inserts are one write
   * transaction), so nothing any process remembers decides a seq.
   */
  appendUpdates(mapId: string, entries: readonly UpdateEntry[]): Promise<number>;
  /** The highest seq of the map's log (0 when it has none). */
  lastSeq(mapId: string): Promise<number>;
  loadDoc(mapId: string): Promise<StoredDoc>;
  /** Stores a merged state that includes every update up to throughSeq. Never deletes log entries. */
  saveState(mapId: string, state: Uint8Array, throughSeq: number, at: number): Promise<void>;
  /** The log, for replay and audit: updates with seq > afterSeq, at most limit of them. */
  listUpdates(mapId: string, afterSeq: number, limit: number): Promise<StoredUpdate[]>;
  /** Updates with afterSeq < seq <= throughSeq (a range of the log, for replaying part of it). */
  listUpdateRange(mapId: string, afterSeq: number, throughSeq: number): Promise<StoredUpdate[]>;
}

export interface Store extends DocumentStore, AccountStore, MemberStore, CommentStore {
  /** A map's memory beside its log: the history index, checkpoints, snapshots, sessions, visits. */
  readonly history: HistoryStore;
  /** Course-correction reviews and members' home organisations. */
  readonly reviews: ReviewStore;
  /** Token buckets for sign-in throttling, shared by every instance on the same data. */
  readonly throttles: ThrottleStore;
  close(): Promise<void>;
}
