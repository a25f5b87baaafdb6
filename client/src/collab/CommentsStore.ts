import type { CommentTarget, CommentThreadView, CommentUserView } from '@loopmap/shared';
import { messageOf } from '../api/errorText.ts';
import type { CommentsApi } from '../api/commentsApi.ts';
import { i18next } from '../i18n/i18n.ts';

export interface CommentsSnapshot {
  /** `loading` until the first answer; `error` when the last fetch failed (threads: the last known). */
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** Every thread of the map, oldest first. */
  threads: readonly CommentThreadView[];
  /** Threads per target (card or link) id, oldest first. */
  byTarget: ReadonlyMap<string, readonly CommentThreadView[]>;
  /** Unresolved threads per target id; targets with none are absent. For badges on the canvas. */
  openCounts: ReadonlyMap<string, number>;
  /** Unresolved threads that mention the signed-in user. */
  openMentionsOfMe: number;
}

type Overlay = (threads: CommentThreadView[]) => CommentThreadView[];

const NONE: readonly CommentThreadView[] = Object.freeze([]);

function snapshotOf(
  threads: CommentThreadView[],
  status: CommentsSnapshot['status'],
  loadError: string | null,
): CommentsSnapshot {
  const byTarget = new Map<string, CommentThreadView[]>();
  const openCounts = new Map<string, number>();
  let openMentionsOfMe = 0;
  for (const thread of threads) {
    const id = thread.target.id;
    let list = byTarget.get(id);
    if (!list) byTarget.set(id, (list = []));
    list.push(thread);
    if (!thread.resolved) {
      openCounts.set(id, (openCounts.get(id) ?? 0) + 1);
      if (thread.mentionsMe) openMentionsOfMe++;
    }
  }
  return { status, loadError, threads, byTarget, openCounts, openMentionsOfMe };
}

const replaceThread = (threads: CommentThreadView[], next: CommentThreadView): CommentThreadView[] => {
  const at = threads.findIndex((t) => t.id === next.id);
  if (at === -1) return [...threads, next];
  const copy = [...threads];
  copy[at] = next;
  return copy;
};

/** The threads without one comment; a thread left with none is gone, as the server has it. */
const withoutComment = (threads: CommentThreadView[], commentId: string): CommentThreadView[] =>
  threads.flatMap((t) => {
    if (!t.comments.some((c) => c.id === commentId)) return [t];
    const comments = t.comments.filter((c) => c.id !== commentId);
    return comments.length > 0 ? [{ ...t, comments }] : [];
  });

/**
 * The comments of one open map, framework-free (useComments binds it to React and the socket).
 *
 * What the server last said is the truth. Changes that cannot fail in a way the user must act on
 * (resolve, reopen, delete) show at once and are rolled back if the server refuses; posting and
 * editing wait for the server, so a comment never appears that was not stored, and the caller
 * keeps the typed text when the promise rejects (with a readable message).
 *
 * `refresh()` is what the socket's notices call: fetches are coalesced (one in flight, at most
 * one more queued), and an answer that a local change may have overtaken is dropped for a fresh one.
 */
export class CommentsStore {
  private server: CommentThreadView[] = [];
  private status: CommentsSnapshot['status'] = 'loading';
  private loadError: string | null = null;
  private readonly overlays = new Map<number, Overlay>();
  private nextOverlay = 1;
  /** Bumped by every local change to `server`, so a fetch started before it is not trusted. */
  private localVersion = 0;
  private fetching = false;
  private fetchAgain = false;
  private snapshot: CommentsSnapshot | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly mapId: string,
    readonly me: CommentUserView,
    private readonly api: CommentsApi,
    private readonly now: () => number = Date.now,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CommentsSnapshot => {
    if (!this.snapshot) {
      let threads = this.server;
      for (const overlay of this.overlays.values()) threads = overlay(threads);
      this.snapshot = snapshotOf(threads, this.status, this.loadError);
    }
    return this.snapshot;
  };

  /** The threads on one card or link (a stable empty list when there are none). */
  threadsOn = (targetId: string): readonly CommentThreadView[] => this.getSnapshot().byTarget.get(targetId) ?? NONE;

  /** Fetches the threads again (coalesced). */
  refresh = (): void => {
    if (this.fetching) {
      this.fetchAgain = true;
      return;
    }
    void this.fetch();
  };

  private async fetch(): Promise<void> {
    this.fetching = true;
    this.fetchAgain = false;
    const version = this.localVersion;
    try {
      const threads = await this.api.listThreads(this.mapId);
      if (version !== this.localVersion) {
        // A change of ours landed meanwhile, perhaps after this answer was computed.
        this.fetchAgain = true;
      } else {
        this.server = threads;
        this.status = 'ready';
        this.loadError = null;
        this.changed();
      }
    } catch (error) {
      // Keep showing what we had: a failed refresh does not make comments disappear.
      this.status = 'error';
      this.loadError = messageOf(error, i18next.t('collab:store.loadFailed'));
      this.changed();
    } finally {
      this.fetching = false;
      if (this.fetchAgain) void this.fetch();
    }
  }

  /** Starts a thread on a card or link; resolves with it once stored. */
  startThread = async (
    target: CommentTarget,
    body: string,
    mentions: readonly string[],
  ): Promise<CommentThreadView> => {
    const thread = await this.api.createThread(this.mapId, target, body, mentions);
    this.applyServer((threads) => replaceThread(threads, thread));
    return thread;
  };

  reply = async (threadId: string, body: string, mentions: readonly string[]): Promise<void> => {
    const { thread } = await this.api.replyToThread(this.mapId, threadId, body, mentions);
    this.applyServer((threads) => replaceThread(threads, thread));
  };

  edit = async (commentId: string, body: string, mentions: readonly string[]): Promise<void> => {
    const { thread } = await this.api.editComment(this.mapId, commentId, body, mentions);
    this.applyServer((threads) => replaceThread(threads, thread));
  };

  /** Deletes a comment (one's own, or anyone's as a moderator); hidden at once, back if refused. */
  remove = async (commentId: string): Promise<void> => {
    await this.optimistic(
      (threads) => withoutComment(threads, commentId),
      () => this.api.deleteComment(this.mapId, commentId),
      () => this.applyServer((threads) => withoutComment(threads, commentId)),
    );
  };

  /** Resolves or reopens a thread; shown at once, undone if refused. */
  setResolved = async (threadId: string, resolved: boolean): Promise<void> => {
    const at = new Date(this.now()).toISOString();
    await this.optimistic(
      (threads) =>
        threads.map((t) =>
          t.id !== threadId
            ? t
            : resolved
              ? { ...t, resolved: true, resolvedAt: t.resolvedAt ?? at, resolvedBy: t.resolvedBy ?? this.me }
              : { ...t, resolved: false, resolvedAt: null, resolvedBy: null },
        ),
      () => this.api.setThreadResolved(this.mapId, threadId, resolved),
      (thread) => this.applyServer((threads) => replaceThread(threads, thread)),
    );
  };

  /** Shows `overlay` until `request` settles; on success `settle` records the server's answer. */
  private async optimistic<T>(overlay: Overlay, request: () => Promise<T>, settle: (result: T) => void): Promise<void> {
    const id = this.nextOverlay++;
    this.overlays.set(id, overlay);
    this.changed();
    try {
      const result = await request();
      this.overlays.delete(id);
      settle(result);
    } catch (error) {
      this.overlays.delete(id);
      this.changed();
      throw error;
    }
  }

  private applyServer(change: (threads: CommentThreadView[]) => CommentThreadView[]): void {
    this.server = change(this.server);
    this.localVersion++;
    this.changed();
  }

  private changed(): void {
    this.snapshot = null;
    for (const listener of this.listeners) listener();
  }
}
