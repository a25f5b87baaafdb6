import { z } from 'zod';
import { isValidId } from '../model/ids.ts';
import { COMMENT_TARGET_KINDS, MAX_COMMENT_LENGTH, MAX_MENTIONS } from './comments.ts';

const id = z.string().refine(isValidId, 'ids are 1-64 URL-safe characters');

export const commentTargetSchema = z.object({ kind: z.enum(COMMENT_TARGET_KINDS), id });
export type CommentTarget = z.infer<typeof commentTargetSchema>;

const body = z
  .string()
  .trim()
  .min(1, 'write something first')
  .max(MAX_COMMENT_LENGTH, `comments are at most ${MAX_COMMENT_LENGTH} characters`);
/** User ids the author mentions; the server keeps those who are members of the map. */
const mentions = z.array(id).max(MAX_MENTIONS, `at most ${MAX_MENTIONS} mentions per comment`);

export const createThreadBodySchema = z.object({ target: commentTargetSchema, body, mentions: mentions.default([]) });
export const replyBodySchema = z.object({ body, mentions: mentions.default([]) });
/** Without `mentions`, an edit keeps the comment's mentions; with it, they are replaced. */
export const editCommentBodySchema = z.object({ body, mentions: mentions.optional() });
export const updateThreadBodySchema = z.object({ resolved: z.boolean() });
/** The `target` query parameter of the thread list. */
export const threadTargetQuerySchema = id;

export type CreateThreadBody = z.input<typeof createThreadBodySchema>;
export type ReplyBody = z.input<typeof replyBodySchema>;
export type EditCommentBody = z.input<typeof editCommentBodySchema>;
export type UpdateThreadBody = z.infer<typeof updateThreadBodySchema>;
