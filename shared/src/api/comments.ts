import type { CommentTarget } from './commentsSchemas.ts';

export type {
  CommentTarget,
  CreateThreadBody,
  ReplyBody,
  EditCommentBody,
  UpdateThreadBody,
} from './commentsSchemas.ts';

/**
 * Comments on a map: threads anchored to a card (node) or a link, stored by the server beside the
 * map, never in its Y.Doc, so that writing a comment needs no right to change the map.
 */
export const COMMENTS_API = {
  /** GET: every thread of the map (`?target=<id>` for one card or link); POST: a new thread. */
  threads: (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/threads`,
  threadsOn: (mapId: string, targetId: string) =>
    `/api/maps/${encodeURIComponent(mapId)}/threads?target=${encodeURIComponent(targetId)}`,
  /** PATCH: resolve or reopen (`{ resolved }`). */
  thread: (mapId: string, threadId: string) =>
    `/api/maps/${encodeURIComponent(mapId)}/threads/${encodeURIComponent(threadId)}`,
  /** POST: a reply. */
  replies: (mapId: string, threadId: string) =>
    `/api/maps/${encodeURIComponent(mapId)}/threads/${encodeURIComponent(threadId)}/comments`,
  /** PATCH: edit one's own comment; DELETE: delete it (moderators: anyone's). */
  comment: (mapId: string, commentId: string) =>
    `/api/maps/${encodeURIComponent(mapId)}/comments/${encodeURIComponent(commentId)}`,
} as const;

export const COMMENT_TARGET_KINDS = ['node', 'link'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];

export const MAX_COMMENT_LENGTH = 5000;
/** More mentions than this in one comment is not a conversation but a broadcast. */
export const MAX_MENTIONS = 50;
/** Shown as the author of comments (and the resolver of threads) whose account was deleted. */
export const DELETED_USER_NAME = 'Deleted user';

/** A person as comments show them: authors, mentions, resolvers. */
export interface CommentUserView {
  id: string;
  /** DELETED_USER_NAME once the account is gone. */
  name: string;
}

export interface CommentView {
  id: string;
  author: CommentUserView;
  /** As written, "@Name" mentions included; the ids are in `mentions`. */
  body: string;
  mentions: CommentUserView[];
  createdAt: string;
  editedAt: string | null;
}

export interface CommentThreadView {
  id: string;
  target: CommentTarget;
  createdAt: string;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: CommentUserView | null;
  /** Oldest first. Deleted comments are left out; a thread with none left is not listed. */
  comments: CommentView[];
  /** Whether a comment of this thread mentions the caller. */
  mentionsMe: boolean;
}

/** GET threads. */
export interface ThreadListResponse {
  threads: CommentThreadView[];
}

/** POST thread, PATCH thread. */
export interface ThreadResponse {
  thread: CommentThreadView;
}

/** POST reply, PATCH comment: the comment and its whole thread as it now stands. */
export interface CommentResponse {
  comment: CommentView;
  thread: CommentThreadView;
}
