import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CommentTarget, CommentTargetKind, CommentThreadView, CommentUserView } from '@loopmap/shared';
import type { CommentsController } from '../collab/useComments.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentThread, When, type CommentContext } from './CommentThread.tsx';
import './commentsPanel.css';

/** How often relative times ("5 minutes ago") are brought up to date. */
const CLOCK_TICK_MS = 30_000;

const KIND_WORD: Record<CommentTargetKind, string> = { node: 'card', link: 'link' };
const KIND_LABEL: Record<CommentTargetKind, string> = { node: 'Card', link: 'Link' };

/** The card or link whose comments the panel shows, with a name to show for it. */
export interface CommentsPanelTarget extends CommentTarget {
  name: string;
}

export interface CommentsPanelProps {
  /** The selected card or link, or null for every open thread of the map. */
  target: CommentsPanelTarget | null;
  /** From useComments(session, me). */
  comments: CommentsController;
  /** The map's members, for @-mentions (the signed-in user is left out of the suggestions). */
  members: readonly CommentUserView[];
  me: CommentUserView;
  /** can(role, 'comments.write'): composer, reply, edit and delete one's own, resolve, reopen. */
  canWrite: boolean;
  /** can(role, 'comments.moderate'): delete anyone's comment. */
  canModerate: boolean;
  onClose: () => void;
  /** Select (and show) a card or link on the map, from the list of every thread. */
  onSelectTarget: (id: string, kind: CommentTargetKind) => void;
  /** Whether a card or link is still on the map; threads on deleted ones are listed apart. */
  targetExists: (id: string) => boolean;
  /** A readable name for a card or link on the map ("Outcome: Peers trust each other"). */
  targetName: (target: CommentTarget) => string;
  /** When given, the target view offers a way back to every thread of the map. */
  onShowAll?: () => void;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

const lastActivity = (thread: CommentThreadView): string => thread.comments[thread.comments.length - 1]!.createdAt;

function excerpt(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Comments on a map: the threads of the selected card or link (open ones first, resolved ones
 * folded away, a composer to start another), or, with nothing selected, every open thread of
 * the map, with a "Mentions of me" filter; choosing one selects its card or link. Threads whose
 * card or link was deleted are listed apart, in full. Viewers read everything and write nothing.
 */
export function CommentsPanel(props: CommentsPanelProps) {
  const { target, comments, members, me, canWrite, canModerate, onClose } = props;
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const now = useNow(CLOCK_TICK_MS);
  const [announcement, setAnnouncement] = useState('');
  const mentionable = useMemo(() => members.filter((m) => m.id !== me.id), [members, me.id]);
  const onFocusLost = useCallback(() => heading.current?.focus(), []);

  const context: CommentContext = {
    comments,
    mentionable,
    me,
    canWrite,
    canModerate,
    now,
    onFocusLost,
    announce: setAnnouncement,
  };

  return (
    <aside className="side-panel comments-panel" aria-labelledby={titleId} data-testid="comments-panel">
      <header className="side-panel__header">
        <h2 id={titleId} ref={heading} tabIndex={-1} className="side-panel__title comments-panel__title">
          Comments
        </h2>
        <button type="button" className="icon-button" aria-label="Close comments" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="comments-panel__scroll">
        {comments.status === 'loading' && (
          <p className="comments-panel__note muted" role="status">
            Loading comments…
          </p>
        )}
        {comments.status === 'error' && (
          <div className="comments-panel__problem" role="alert">
            <span>{comments.loadError}</span>
            <button type="button" className="button" onClick={comments.refresh}>
              Try again
            </button>
          </div>
        )}
        {target ? (
          <TargetComments {...props} target={target} context={context} />
        ) : (
          <MapComments {...props} context={context} />
        )}
      </div>
      {!canWrite && (
        <p className="comments-panel__read-only">
          You can read comments but not write them: as a viewer you see this map without changing it. An owner can make
          you a commenter.
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </aside>
  );
}

interface SectionProps extends CommentsPanelProps {
  context: CommentContext;
}

/** The threads on one card or link, and a composer to start another. */
function TargetComments({
  target,
  comments,
  context,
  canWrite,
  onShowAll,
}: SectionProps & { target: CommentsPanelTarget }) {
  const threads = comments.threadsOn(target.id);
  const open = threads.filter((t) => !t.resolved);
  const resolved = threads.filter((t) => t.resolved);
  const word = KIND_WORD[target.kind];

  return (
    <section className="comments-panel__section" aria-label={`Comments on this ${word}`}>
      <p className="comments-panel__target">
        <span className="comments-panel__kind">{KIND_LABEL[target.kind]}</span>
        <span className="comments-panel__target-name">{target.name}</span>
      </p>
      {onShowAll && (
        <button type="button" className="link-button comments-panel__all" onClick={onShowAll}>
          All comments on this map
        </button>
      )}
      {comments.status !== 'loading' && open.length === 0 && (
        <p className="comments-panel__note muted">
          {resolved.length > 0 ? `No open threads on this ${word}.` : `No comments on this ${word} yet.`}
        </p>
      )}
      {open.length > 0 && (
        <ul className="comments-panel__threads" aria-label="Open threads">
          {open.map((thread) => (
            <li key={thread.id}>
              <CommentThread thread={thread} context={context} />
            </li>
          ))}
        </ul>
      )}
      {resolved.length > 0 && (
        <details className="comments-panel__resolved">
          <summary>Resolved ({resolved.length})</summary>
          <ul className="comments-panel__threads" aria-label="Resolved threads">
            {resolved.map((thread) => (
              <li key={thread.id}>
                <CommentThread thread={thread} context={context} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {canWrite && (
        <CommentComposer
          key={target.id}
          label={`Start a thread on this ${word}`}
          placeholder="Ask a question, suggest a change, note evidence…"
          submitLabel="Comment"
          busyLabel="Posting…"
          members={context.mentionable}
          onSubmit={async (body, mentions) => {
            await comments.startThread({ kind: target.kind, id: target.id }, body, mentions);
            context.announce('Comment posted.');
          }}
        />
      )}
    </section>
  );
}

type Filter = 'open' | 'mine';

/** Every open thread of the map, newest activity first; a thread's button selects its target. */
function MapComments({ comments, context, onSelectTarget, targetExists, targetName }: SectionProps) {
  const [filter, setFilter] = useState<Filter>('open');
  const orphansId = useId();
  const open = useMemo(
    () => comments.threads.filter((t) => !t.resolved).sort((a, b) => lastActivity(b).localeCompare(lastActivity(a))),
    [comments.threads],
  );
  const shown = filter === 'mine' ? open.filter((t) => t.mentionsMe) : open;
  const onMap = shown.filter((t) => targetExists(t.target.id));
  const orphaned = shown.filter((t) => !targetExists(t.target.id));
  const mentionCount = open.filter((t) => t.mentionsMe).length;

  return (
    <section className="comments-panel__section" aria-label="Open threads on this map">
      <div className="comments-panel__filters" role="group" aria-label="Show">
        <button
          type="button"
          className="comments-panel__filter"
          aria-pressed={filter === 'open'}
          onClick={() => setFilter('open')}
        >
          All open <span className="comments-panel__count">{open.length}</span>
        </button>
        <button
          type="button"
          className="comments-panel__filter"
          aria-pressed={filter === 'mine'}
          onClick={() => setFilter('mine')}
        >
          Mentions of me <span className="comments-panel__count">{mentionCount}</span>
        </button>
      </div>
      {comments.status !== 'loading' && shown.length === 0 && (
        <p className="comments-panel__note muted">
          {filter === 'mine'
            ? 'No open thread mentions you.'
            : 'No open threads. Select a card or link to comment on it.'}
        </p>
      )}
      {onMap.length > 0 && (
        <ul className="comment-summaries">
          {onMap.map((thread) => (
            <li key={thread.id}>
              <ThreadSummary
                thread={thread}
                name={targetName(thread.target)}
                now={context.now}
                onSelect={() => onSelectTarget(thread.target.id, thread.target.kind)}
              />
            </li>
          ))}
        </ul>
      )}
      {orphaned.length > 0 && (
        <section className="comments-panel__orphans" aria-labelledby={orphansId}>
          <h3 id={orphansId} className="comments-panel__heading">
            On deleted cards or links
          </h3>
          <p className="comments-panel__note muted">
            Their card or link was deleted. The threads stay, and are back in place if it is restored.
          </p>
          <ul className="comments-panel__threads">
            {orphaned.map((thread) => (
              <li key={thread.id}>
                <CommentThread
                  thread={thread}
                  context={context}
                  heading={<p className="comment-thread__on">On a deleted {KIND_WORD[thread.target.kind]}</p>}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function ThreadSummary({
  thread,
  name,
  now,
  onSelect,
}: {
  thread: CommentThreadView;
  name: string;
  now: number;
  onSelect: () => void;
}) {
  const first = thread.comments[0]!;
  const replies = thread.comments.length - 1;
  return (
    <button type="button" className="comment-summary" data-testid="comment-summary" onClick={onSelect}>
      <span className="comment-summary__target">
        <span className="comments-panel__kind">{KIND_LABEL[thread.target.kind]}</span>
        <span className="comment-summary__name">{name}</span>
      </span>
      <span className="comment-summary__excerpt">
        <strong>{first.author.name}:</strong> {excerpt(first.body)}
      </span>
      <span className="comment-summary__meta">
        {replies > 0 ? `${replies} ${replies === 1 ? 'reply' : 'replies'} · ` : ''}
        <When iso={lastActivity(thread)} now={now} />
        {thread.mentionsMe && <span className="comment-summary__mention"> · mentions you</span>}
      </span>
    </button>
  );
}
