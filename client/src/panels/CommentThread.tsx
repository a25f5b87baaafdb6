import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThreadView, CommentUserView, CommentView } from '@loopmap/shared';
import { messageOf } from '../api/errorText.ts';
import type { CommentsController } from '../collab/useComments.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { exactMoment, relativeWhen } from './commentTime.ts';
import { splitMentions, type Member } from './mentions.ts';
import { UserAvatar } from './UserAvatar.tsx';

/** "5 minutes ago" in the interface's language, with the exact date and time on hover and for machines. */
export function When({ iso, now }: { iso: string; now: number }) {
  const { t } = useTranslation('collab');
  const language = currentLanguage();
  return (
    <time className="comment__time" dateTime={iso} title={exactMoment(iso, language)}>
      {relativeWhen(iso, now, language, (key) => t(key))}
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
  const { t } = useTranslation('collab');
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
      announce(t('comment.deleted'));
    } catch (err) {
      setError(messageOf(err, t('comment.deleteFailed')));
    }
  };

  return (
    <li className="comment" data-testid="comment">
      <UserAvatar user={comment.author} size={26} />
      <div className="comment__main">
        <div className="comment__meta">
          <span className="comment__author">
            {comment.author.name}
            {own && <span className="comment__you"> {t('comment.you')}</span>}
          </span>
          <When iso={comment.createdAt} now={now} />
          {comment.editedAt && (
            <span
              className="comment__edited"
              title={t('comment.editedAt', { when: exactMoment(comment.editedAt, currentLanguage()) })}
            >
              {t('comment.edited')}
            </span>
          )}
        </div>
        {editing ? (
          <CommentComposer
            label={t('comment.editLabel')}
            labelHidden
            placeholder={t('comment.editPlaceholder')}
            submitLabel={t('comment.save')}
            busyLabel={t('comment.saving')}
            members={mentionable}
            initialText={comment.body}
            initialMentions={comment.mentions}
            autoFocus
            onSubmit={async (body, mentions) => {
              await comments.edit(comment.id, body, mentions);
              announce(t('comment.saved'));
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
            aria-label={t('comment.confirmDeletion')}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setConfirming(false);
              }
            }}
          >
            <span>
              {own ? t('comment.deleteOwnQuestion') : t('comment.deleteQuestion', { name: comment.author.name })}
            </span>
            <button type="button" className="button button--danger" onClick={() => void remove()} autoFocus>
              {t('comment.delete')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
              {t('common:action.cancel')}
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
                  aria-label={t('comment.editOwn')}
                  onClick={() => setEditing(true)}
                >
                  {t('comment.edit')}
                </button>
              )}
              {mayDelete && (
                <button
                  type="button"
                  className="link-button comment__delete"
                  aria-label={own ? t('comment.deleteOwn') : t('comment.deleteOf', { name: comment.author.name })}
                  onClick={() => setConfirming(true)}
                >
                  {t('comment.delete')}
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
  const { t } = useTranslation('collab');
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
      announce(resolving ? t('thread.resolvedNotice') : t('thread.reopenedNotice'));
    } catch (err) {
      setError(messageOf(err, resolving ? t('thread.resolveFailed') : t('thread.reopenFailed')));
    }
  };

  return (
    <article
      className={thread.resolved ? 'comment-thread comment-thread--resolved' : 'comment-thread'}
      data-testid="comment-thread"
      data-resolved={thread.resolved ? 'true' : undefined}
      aria-label={
        thread.resolved
          ? t('thread.labelResolved', { name: starter?.author.name ?? t('thread.someone') })
          : t('thread.label', { name: starter?.author.name ?? t('thread.someone') })
      }
    >
      {heading}
      {thread.resolved && (
        <p className="comment-thread__resolution">
          {thread.resolvedBy ? t('thread.resolvedBy', { name: thread.resolvedBy.name }) : t('thread.resolved')}
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
            label={t('thread.reply')}
            labelHidden
            placeholder={t('thread.replyPlaceholder')}
            submitLabel={t('thread.reply')}
            busyLabel={t('thread.sending')}
            members={mentionable}
            autoFocus
            onSubmit={async (body, mentions) => {
              await comments.reply(thread.id, body, mentions);
              announce(t('thread.replySent'));
              closeReply();
            }}
            onCancel={closeReply}
          />
        ) : (
          <div className="comment-thread__actions">
            <button ref={replyButton} type="button" className="button" onClick={() => setReplying(true)}>
              {t('thread.reply')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => void toggleResolved()}>
              {thread.resolved ? t('thread.reopen') : t('thread.resolve')}
            </button>
          </div>
        ))}
    </article>
  );
}
