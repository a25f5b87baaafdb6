import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentTarget, CommentTargetKind, CommentThreadView, CommentUserView } from '@loopmap/shared';
import type { CommentsController } from '../collab/useComments.ts';
import { CommentComposer } from './CommentComposer.tsx';
import { CommentThread, When, type CommentContext } from './CommentThread.tsx';
import './commentsPanel.css';

/** How often relative times ("5 minutes ago") are brought up to date. */
const CLOCK_TICK_MS = 30_000;

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
  const { t } = useTranslation('collab');
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
          {t('panel.title')}
        </h2>
        <button type="button" className="icon-button" aria-label={t('panel.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="comments-panel__scroll">
        {comments.status === 'loading' && (
          <p className="comments-panel__note muted" role="status">
            {t('panel.loading')}
          </p>
        )}
        {comments.status === 'error' && (
          <div className="comments-panel__problem" role="alert">
            <span>{comments.loadError}</span>
            <button type="button" className="button" onClick={comments.refresh}>
              {t('panel.retry')}
            </button>
          </div>
        )}
        {target ? (
          <TargetComments {...props} target={target} context={context} />
        ) : (
          <MapComments {...props} context={context} />
        )}
      </div>
      {!canWrite && <p className="comments-panel__read-only">{t('panel.readOnly')}</p>}
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
  const { t } = useTranslation('collab');
  const threads = comments.threadsOn(target.id);
  const open = threads.filter((thread) => !thread.resolved);
  const resolved = threads.filter((thread) => thread.resolved);
  const kind = target.kind;

  return (
    <section className="comments-panel__section" aria-label={t(`target.${kind}.comments`)}>
      <p className="comments-panel__target">
        <span className="comments-panel__kind">{t(`targetKind.${kind}`)}</span>
        <span className="comments-panel__target-name">{target.name}</span>
      </p>
      {onShowAll && (
        <button type="button" className="link-button comments-panel__all" onClick={onShowAll}>
          {t('panel.showAll')}
        </button>
      )}
      {comments.status !== 'loading' && open.length === 0 && (
        <p className="comments-panel__note muted">
          {resolved.length > 0 ? t(`target.${kind}.noOpen`) : t(`target.${kind}.none`)}
        </p>
      )}
      {open.length > 0 && (
        <ul className="comments-panel__threads" aria-label={t('panel.openThreads')}>
          {open.map((thread) => (
            <li key={thread.id}>
              <CommentThread thread={thread} context={context} />
            </li>
          ))}
        </ul>
      )}
      {resolved.length > 0 && (
        <details className="comments-panel__resolved">
          <summary>{t('panel.resolvedCount', { count: resolved.length })}</summary>
          <ul className="comments-panel__threads" aria-label={t('panel.resolvedThreads')}>
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
          label={t(`target.${kind}.start`)}
          placeholder={t('panel.startPlaceholder')}
          submitLabel={t('panel.comment')}
          busyLabel={t('panel.posting')}
          members={context.mentionable}
          onSubmit={async (body, mentions) => {
            await comments.startThread({ kind: target.kind, id: target.id }, body, mentions);
            context.announce(t('panel.posted'));
          }}
        />
      )}
    </section>
  );
}

type Filter = 'open' | 'mine';

/** Every open thread of the map, newest activity first; a thread's button selects its target. */
function MapComments({ comments, context, onSelectTarget, targetExists, targetName }: SectionProps) {
  const { t } = useTranslation('collab');
  const [filter, setFilter] = useState<Filter>('open');
  const orphansId = useId();
  const open = useMemo(
    () =>
      comments.threads
        .filter((thread) => !thread.resolved)
        .sort((a, b) => lastActivity(b).localeCompare(lastActivity(a))),
    [comments.threads],
  );
  const shown = filter === 'mine' ? open.filter((thread) => thread.mentionsMe) : open;
  const onMap = shown.filter((thread) => targetExists(thread.target.id));
  const orphaned = shown.filter((thread) => !targetExists(thread.target.id));
  const mentionCount = open.filter((thread) => thread.mentionsMe).length;

  return (
    <section className="comments-panel__section" aria-label={t('panel.openOnMap')}>
      <div className="comments-panel__filters" role="group" aria-label={t('panel.show')}>
        <button
          type="button"
          className="comments-panel__filter"
          aria-pressed={filter === 'open'}
          onClick={() => setFilter('open')}
        >
          {t('panel.allOpen')} <span className="comments-panel__count">{open.length}</span>
        </button>
        <button
          type="button"
          className="comments-panel__filter"
          aria-pressed={filter === 'mine'}
          onClick={() => setFilter('mine')}
        >
          {t('panel.mentionsOfMe')} <span className="comments-panel__count">{mentionCount}</span>
        </button>
      </div>
      {comments.status !== 'loading' && shown.length === 0 && (
        <p className="comments-panel__note muted">{filter === 'mine' ? t('panel.noMentions') : t('panel.noOpen')}</p>
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
            {t('panel.orphans')}
          </h3>
          <p className="comments-panel__note muted">{t('panel.orphansNote')}</p>
          <ul className="comments-panel__threads">
            {orphaned.map((thread) => (
              <li key={thread.id}>
                <CommentThread
                  thread={thread}
                  context={context}
                  heading={<p className="comment-thread__on">{t(`target.${thread.target.kind}.deleted`)}</p>}
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
  const { t } = useTranslation('collab');
  const first = thread.comments[0]!;
  const replies = thread.comments.length - 1;
  return (
    <button type="button" className="comment-summary" data-testid="comment-summary" onClick={onSelect}>
      <span className="comment-summary__target">
        <span className="comments-panel__kind">{t(`targetKind.${thread.target.kind}`)}</span>
        <span className="comment-summary__name">{name}</span>
      </span>
      <span className="comment-summary__excerpt">
        <strong>{t('summary.author', { name: first.author.name })}</strong> {excerpt(first.body)}
      </span>
      <span className="comment-summary__meta">
        {replies > 0 ? `${t('summary.replies', { count: replies })} · ` : ''}
        <When iso={lastActivity(thread)} now={now} />
        {thread.mentionsMe && <span className="comment-summary__mention"> · {t('summary.mentionsYou')}</span>}
      </span>
    </button>
  );
}
