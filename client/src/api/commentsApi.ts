import {
  COMMENTS_API,
  type CommentResponse,
  type CommentTarget,
  type CommentThreadView,
  type ThreadListResponse,
  type ThreadResponse,
} from '@loopmap/shared';
import { request } from './request.ts';

/** Comment threads on a map's cards and links (see server/src/routes/comments.ts). */
export async function listThreads(mapId: string): Promise<CommentThreadView[]> {
  const { threads } = await request<ThreadListResponse>('GET', COMMENTS_API.threads(mapId));
  return threads;
}

export async function createThread(
  mapId: string,
  target: CommentTarget,
  body: string,
  mentions: readonly string[],
): Promise<CommentThreadView> {
  const { thread } = await request<ThreadResponse>('POST', COMMENTS_API.threads(mapId), { target, body, mentions });
  return thread;
}

/** Answers with the whole thread as it now stands (other people's replies included). */
export async function replyToThread(
  mapId: string,
  threadId: string,
  body: string,
  mentions: readonly string[],
): Promise<CommentResponse> {
  return request<CommentResponse>('POST', COMMENTS_API.replies(mapId, threadId), { body, mentions });
}

export async function editComment(
  mapId: string,
  commentId: string,
  body: string,
  mentions: readonly string[],
): Promise<CommentResponse> {
  return request<CommentResponse>('PATCH', COMMENTS_API.comment(mapId, commentId), { body, mentions });
}

export async function deleteComment(mapId: string, commentId: string): Promise<void> {
  await request<void>('DELETE', COMMENTS_API.comment(mapId, commentId));
}

export async function setThreadResolved(
  mapId: string,
  threadId: string,
  resolved: boolean,
): Promise<CommentThreadView> {
  const { thread } = await request<ThreadResponse>('PATCH', COMMENTS_API.thread(mapId, threadId), { resolved });
  return thread;
}

/** The functions above as one object, so the comments store can be given a fake in tests. */
export interface CommentsApi {
  listThreads: typeof listThreads;
  createThread: typeof createThread;
  replyToThread: typeof replyToThread;
  editComment: typeof editComment;
  deleteComment: typeof deleteComment;
  setThreadResolved: typeof setThreadResolved;
}

export const commentsApi: CommentsApi = {
  listThreads,
  createThread,
  replyToThread,
  editComment,
  deleteComment,
  setThreadResolved,
};
