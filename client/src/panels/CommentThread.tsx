import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { CommentThreadView, CommentUserView, CommentView } from '@loopmap/shared';
import { messageOf } from '../api/ApiError.ts';
import type { CommentsController } from '../collab/useComments.ts';
import { relativeTime } from '../pages/relativeTime.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { splitMentions, type Member } from './mentions.ts';
import { UserAvatar } from './UserAvatar.tsx';
import { momentText } from '../app/dates.ts';

/** "5 minutes ago", with the exact date and time on hover and for machines. */
export function When({ iso, now, prefix = '' }: { iso: string; now: number; prefix?: string }) {
  return (
    <time className="comment__time" dateTime={iso} title={momentText(iso)}>
      {prefix}
      {relativeTime(iso, now)}
    </time>
  );
}

/** What a thread and its comments need to know about the reader and the map. */
export interface CommentContext {
  comments: CommentsController;
  /** Who may be mentioned (members, oneself left out). */
  mentionable: readonly Member[];
  me: CommentUserView;
  canWrite: boolean;
  canModerate: boolean;
  now: number;
  /**
   * Somewhere to put the focus when what had it disappears or moves: a deleted comment, a
   * thread resolved into the collapsed list.
   */
  onFocusLost: () => void;
  /** Says something to screen readers (a polite live region). */
  announce: (message: string) => void;
}

/**
 * Puts the focus back on a button once the form that replaced it has closed (after React has
 * rendered the button again). Returns the function that closes the form.
 */
function useFocusAfterClose(
  open: boolean,
  setOpen: (open: boolean) => void,
  button: RefObject<HTMLButtonElement | null>,
) {
  const pending = useRef(false);
  useEffect(() => {
    if (open || !pending.current) return;
    pending.current = false;
    button.current?.focus();
  }, [open, button]);
  return () => {
    pending.current = true;
    setOpen(false);
  };
}

function CommentBody({ comment, me }: { comment: CommentView; me: CommentUserView }) {
  return (
    <p className="comment__body">
      {splitMentions(comment.body, comment.mentions).map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <span
            key={i}
            className={part.member.id === me.id ? 'comment__mention comment__mention--me' : 'comment__mention'}
          >
            {part.text}
          </span>
        ),
      )}
    </p>
  );
}

function CommentItem({ comment, context }: { comment: CommentView; context: CommentContext }) {
  const { comments, mentionable, me, canWrite, canModerate, now, onFocusLost, announce } = context;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const closeEditor = useFocusAfterClose(editing, setEditing, editButton);
  const own = comment.author.id === me.id;
  const mayEdit = canWrite && own;
  const mayDelete = canWrite && (own || canModerate);

  const remove = async (): Promise<void> => {
    setConfirming(false);
    setError(null);
    // The comment disappears at once (it comes back if the server refuses).
    onFocusLost();
    try {
      await comments.remove(comment.id);
      announce('Comment deleted.');
    } catch (err) {
      setError(messageOf(err, 'Could not delete the comment.'));
    }
  };

  return (
    <li className="comment" data-testid="comment">
      <UserAvatar user={comment.author} size={26} />
      <div className="comment__main">
        <div className="comment__meta">
          <span className="comment__author">
            {comment.author.name}
            {own && <span className="comment__you"> (you)</span>}
          </span>
          <When iso={comment.createdAt} now={now} />
          {comment.editedAt && (
            <span className="comment__edited" title={`Edited ${momentText(comment.editedAt)}`}>
              (edited)
            </span>
          )}
        </div>
        {editing ? (
          <CommentComposer
            label="Edit comment"
            labelHidden
            placeholder="Your comment"
            submitLabel="Save"
            busyLabel="Saving…"
            members={mentionable}
            initialText={comment.body}
            initialMentions={comment.mentions}
            autoFocus
            onSubmit={async (body, mentions) => {
              await comments.edit(comment.id, body, mentions);
              announce('Comment saved.');
              closeEditor();
            }}
            onCancel={closeEditor}
          />
        ) : (
          <CommentBody comment={comment} me={me} />
        )}
        {confirming ? (
          <div
            className="comment__confirm"
            role="group"
            aria-label="Confirm deletion"
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setConfirming(false);
              }
            }}
          >
            <span>{own ? 'Delete your comment?' : `Delete ${comment.author.name}’s comment?`}</span>
            <button type="button" className="button button--danger" onClick={() => void remove()} autoFocus>
              Delete
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          !editing &&
          (mayEdit || mayDelete) && (
            <div className="comment__actions">
              {mayEdit && (
                <button
                  ref={editButton}
                  type="button"
                  className="link-button"
                  aria-label="Edit your comment"
                  onClick={() => setEditing(true)}
                >
                  Edit
                </button>
              )}
              {mayDelete && (
                <button
                  type="button"
                  className="link-button comment__delete"
                  aria-label={own ? 'Delete your comment' : `Delete ${comment.author.name}’s comment`}
                  onClick={() => setConfirming(true)}
                >
                  Delete
                </button>
              )}
            </div>
          )
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </li>
  );
}

export interface CommentThreadProps {
  thread: CommentThreadView;
  context: CommentContext;
  /** Shown above the comments, e.g. what the thread is on. */
  heading?: ReactNode;
}

/** One thread: its comments, oldest first, then Reply and Resolve (or Reopen). */
export function CommentThread({ thread, context, heading }: CommentThreadProps) {
  const { comments, mentionable, canWrite, now, onFocusLost, announce } = context;
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  const closeReply = useFocusAfterClose(replying, setReplying, replyButton);
  const starter = thread.comments[0];

  const toggleResolved = async (): Promise<void> => {
    setError(null);
    const resolving = !thread.resolved;
    // The thread moves (to the resolved ones, or back) at once: the focus must not be lost with it.
    onFocusLost();
    try {
      await comments.setResolved(thread.id, resolving);
      announce(resolving ? 'Thread resolved.' : 'Thread reopened.');
    } catch (err) {
      setError(messageOf(err, resolving ? 'Could not resolve the thread.' : 'Could not reopen the thread.'));
    }
  };

  return (
    <article
      className={thread.resolved ? 'comment-thread comment-thread--resolved' : 'comment-thread'}
      data-testid="comment-thread"
      data-resolved={thread.resolved ? 'true' : undefined}
      aria-label={`${thread.resolved ? 'Resolved thread' : 'Thread'} started by ${starter?.author.name ?? 'someone'}`}
    >
      {heading}
      {thread.resolved && (
        <p className="comment-thread__resolution">
          Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ''}
          {thread.resolvedAt && (
            <>
              {' '}
              <When iso={thread.resolvedAt} now={now} />
            </>
          )}
        </p>
      )}
      <ol className="comment-thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} context={context} />
        ))}
      </ol>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {canWrite &&
        (replying ? (
          <CommentComposer
            label="Reply"
            labelHidden
            placeholder="Reply…"
            submitLabel="Reply"
            busyLabel="Sending…"
            members={mentionable}
            autoFocus
            onSubmit={async (body, mentions) => {
              await comments.reply(thread.id, body, mentions);
              announce('Reply sent.');
              closeReply();
            }}
            onCancel={closeReply}
          />
        ) : (
          <div className="comment-thread__actions">
            <button ref={replyButton} type="button" className="button" onClick={() => setReplying(true)}>
              Reply
            </button>
            <button type="button" className="button button--quiet" onClick={() => void toggleResolved()}>
              {thread.resolved ? 'Reopen' : 'Resolve'}
            </button>
          </div>
        ))}
    </article>
  );
}
