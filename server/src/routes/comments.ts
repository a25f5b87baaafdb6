import { Hono } from 'hono';
import {
  can,
  createThreadBodySchema,
  DELETED_USER_NAME,
  editCommentBodySchema,
  randomId,
  replyBodySchema,
  threadTargetQuerySchema,
  updateThreadBodySchema,
  type CommentThreadView,
  type CommentView,
} from '@loopmap/shared';
import type { Clock } from '../clock.ts';
import type { CommentRecord, CommentThreadRecord, Store } from '../storage/Store.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { ApiError, notFound, readJsonBody } from '../http/errors.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { authorizeMap } from '../auth/middleware.ts';

export interface CommentRoutesDeps {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

function commentView(c: CommentRecord): CommentView {
  return {
    id: c.id,
    author: { id: c.authorId, name: c.authorName ?? DELETED_USER_NAME },
    body: c.body,
    mentions: c.mentions.map((m) => ({ id: m.userId, name: m.name })),
    createdAt: iso(c.createdAt),
    editedAt: isoOrNull(c.editedAt),
  };
}

function threadView(t: CommentThreadRecord, viewerId: string): CommentThreadView {
  return {
    id: t.id,
    target: t.target,
    createdAt: iso(t.createdAt),
    resolved: t.resolvedAt !== null,
    resolvedAt: isoOrNull(t.resolvedAt),
    resolvedBy: t.resolvedBy === null ? null : { id: t.resolvedBy, name: t.resolvedByName ?? DELETED_USER_NAME },
    comments: t.comments.map(commentView),
    mentionsMe: t.comments.some((c) => c.mentions.some((m) => m.userId === viewerId)),
  };
}

/** Drops repeated ids; the store drops those who are not members. */
const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * /api/maps/:id/threads and /api/maps/:id/comments: comment threads on a map's cards and links.
 * Everyone who may open the map reads them; `comments.write` (commenters and up) writes. One
 * edits only one's own comments; one deletes one's own, and moderators (`comments.moderate`)
 * anyone's. Mentions of people who are not members are dropped rather than refused: the
 * author's member list may be a moment old, and the comment matters more than the mention.
 * After every change, open sockets that asked for it hear MESSAGE_COMMENTS.
 */
export function commentRoutes({ store, rooms, clock }: CommentRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  const findThread = async (mapId: string, threadId: string): Promise<CommentThreadRecord> => {
    const thread = await store.getCommentThread(mapId, threadId);
    if (!thread) throw notFound('comment thread');
    return thread;
  };

  app.get('/:id/threads', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const rawTarget = c.req.query('target');
    let target: string | undefined;
    if (rawTarget !== undefined) {
      const parsed = threadTargetQuerySchema.safeParse(rawTarget);
      if (!parsed.success) throw new ApiError(400, 'validation_failed', `target: ${parsed.error.issues[0]?.message}`);
      target = parsed.data;
    }
    const threads = await store.listCommentThreads(map.id, target);
    return c.json({ threads: threads.map((t) => threadView(t, auth.user.id)) });
  });

  app.post('/:id/threads', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'comments.write');
    const body = await readJsonBody(c, createThreadBodySchema);
    const thread = await store.createCommentThread({
      id: randomId(),
      mapId: map.id,
      target: body.target,
      comment: {
        id: randomId(),
        authorId: auth.user.id,
        body: body.body,
        mentions: unique(body.mentions),
        at: clock.now(),
      },
    });
    rooms.bus.publish({ type: 'comments-changed', mapId: map.id });
    return c.json({ thread: threadView(thread, auth.user.id) }, 201);
  });

  app.patch('/:id/threads/:threadId', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'comments.write');
    const body = await readJsonBody(c, updateThreadBodySchema);
    const threadId = c.req.param('threadId');
    const thread = body.resolved
      ? await store.resolveCommentThread(map.id, threadId, auth.user.id, clock.now())
      : await store.reopenCommentThread(map.id, threadId);
    if (!thread) throw notFound('comment thread');
    rooms.bus.publish({ type: 'comments-changed', mapId: map.id });
    return c.json({ thread: threadView(thread, auth.user.id) });
  });

  app.post('/:id/threads/:threadId/comments', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'comments.write');
    const body = await readJsonBody(c, replyBodySchema);
    const threadId = c.req.param('threadId');
    const comment = await store.addComment(map.id, threadId, {
      id: randomId(),
      authorId: auth.user.id,
      body: body.body,
      mentions: unique(body.mentions),
      at: clock.now(),
    });
    if (!comment) throw notFound('comment thread');
    rooms.bus.publish({ type: 'comments-changed', mapId: map.id });
    const thread = await findThread(map.id, threadId);
    return c.json({ comment: commentView(comment), thread: threadView(thread, auth.user.id) }, 201);
  });

  app.patch('/:id/comments/:commentId', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'comments.write');
    const body = await readJsonBody(c, editCommentBodySchema);
    const existing = await store.getComment(map.id, c.req.param('commentId'));
    if (!existing) throw notFound('comment');
    // Not even a moderator puts words in someone else's mouth: they may delete, not edit.
    if (existing.authorId !== auth.user.id) throw new ApiError(403, 'forbidden', 'you can only edit your own comments');
    const patch = { body: body.body, ...(body.mentions ? { mentions: unique(body.mentions) } : {}) };
    const comment = await store.editComment(map.id, existing.id, patch, clock.now());
    if (!comment) throw notFound('comment');
    rooms.bus.publish({ type: 'comments-changed', mapId: map.id });
    const thread = await findThread(map.id, comment.threadId);
    return c.json({ comment: commentView(comment), thread: threadView(thread, auth.user.id) });
  });

  app.delete('/:id/comments/:commentId', async (c) => {
    const { map, role, auth } = await authorizeMap(c, store, c.req.param('id'), 'comments.write');
    const existing = await store.getComment(map.id, c.req.param('commentId'));
    if (!existing) throw notFound('comment');
    if (existing.authorId !== auth.user.id && !can(role, 'comments.moderate')) {
      throw new ApiError(403, 'forbidden', `as ${role} you can only delete your own comments`);
    }
    if (!(await store.deleteComment(map.id, existing.id, auth.user.id, clock.now()))) throw notFound('comment');
    rooms.bus.publish({ type: 'comments-changed', mapId: map.id });
    return c.body(null, 204);
  });

  return app;
}
