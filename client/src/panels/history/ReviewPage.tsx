import { useId, useState } from 'react';
import { LESSON_LOOPS, can, type LessonLoop, type ReviewView } from '@loopmap/shared';
import { reviewDownloadChoices } from '../export/reviewDownloads.ts';
import { DownloadMenu } from '../export/DownloadMenu.tsx';
import { messageOf } from '../../api/errorText.ts';
import { getReview, updateReview } from '../../api/reviewsApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { AssumptionRatings } from './AssumptionRatings.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { DecisionsSection } from './DecisionsSection.tsx';

import { LoopSection } from './LoopSection.tsx';
import { NOTES_CAPABILITY } from './reviewModel.ts';
import { pointWords, reviewCompare } from './reviewPoints.ts';
import { useLoaded } from './useLoaded.ts';
import { dayIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

export interface ReviewPageProps {
  reviewId: string;
  onBack: () => void;
  /** The review changed (for the list behind). */
  onChanged: (review: ReviewView) => void;
}

/**
 * One course-correction review inside the reviews panel: what it compares, who took part, the
 * three learning loops (notes and lessons), the assumptions re-rated, the decisions, and closing
 * it. Contributors (editors and up) add; a closed review is a read-only record.
 */
export function ReviewPage({ reviewId, onBack, onChanged }: ReviewPageProps) {
  const { mapId, role, showVersion } = useMapPage();
  const t = useHistoryTranslate();
  const loaded = useLoaded(`${mapId}:${reviewId}`, () => getReview(mapId, reviewId));
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const titleId = useId();

  const review = loaded.data;
  if (!review) {
    return (
      <div className="review-page">
        <button type="button" className="link-button review-page__back" onClick={onBack}>
          {t('reviews.back')}
        </button>
        {loaded.error ? (
          <p className="history-error" role="alert">
            {loaded.error}{' '}
            <button type="button" className="link-button" onClick={loaded.reload}>
              {t('snapshots.tryAgain')}
            </button>
          </p>
        ) : (
          <p className="panel-empty">{t('reviews.loadingOne')}</p>
        )}
      </div>
    );
  }

  const open = review.status === 'open';
  const canRun = open && can(role, 'reviews.run');
  const canContribute = open && can(role, 'reviews.contribute');
  const canNote = open && can(role, NOTES_CAPABILITY);
  const update = (next: (current: ReviewView) => ReviewView): void => {
    const changed = next(review);
    loaded.setData(() => changed);
    onChanged(changed);
  };
  const saveNotes = (loop: LessonLoop) => async (value: string) => {
    // Only this loop's notes are sent, so two people writing in two loops never overwrite each other.
    const saved = await updateReview(mapId, reviewId, { notes: { [loop]: value } });
    onChanged(saved);
  };
  const close = async (): Promise<void> => {
    setBusy(true);
    setCloseError(null);
    try {
      const closed = await updateReview(mapId, reviewId, { status: 'closed' });
      loaded.setData(() => closed);
      onChanged(closed);
      setClosing(false);
    } catch (caught) {
      setCloseError(messageOf(caught, t('reviews.closeFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="review-page" aria-labelledby={titleId}>
      <div className="history-section review-page__head">
        <button type="button" className="link-button review-page__back" onClick={onBack}>
          {t('reviews.back')}
        </button>
        <h3 className="review-page__title" id={titleId}>
          {review.title}{' '}
          <span className={`history-badge history-badge--${review.status}`}>
            {t(`reviews.status.${review.status}`)}
          </span>
        </h3>
        <p className="history-item__meta">
          {review.closedAt
            ? t('reviews.startedClosed', {
                name: review.createdBy.name,
                day: dayIn(review.createdAt),
                closed: dayIn(review.closedAt),
              })
            : t('reviews.started', { name: review.createdBy.name, day: dayIn(review.createdAt) })}
        </p>
        <p className="review-page__range">
          {t('reviews.compares', { from: pointWords(t, review.from), to: pointWords(t, review.to) })}
        </p>
        <div className="history-item__actions">
          <button type="button" className="button button--small" onClick={() => showVersion(reviewCompare(review, t))}>
            {t('reviews.compareFromTo')}
          </button>
          <DownloadMenu
            label={t('reviews.download')}
            choices={reviewDownloadChoices(mapId, review)}
            align="end"
            small
          />
          {canRun && (
            <button type="button" className="button button--small" onClick={() => setClosing(true)}>
              {t('reviews.closeReview')}…
            </button>
          )}
        </div>
        <p className="field__label">{t('reviews.participants')}</p>
        {review.participants.length === 0 ? (
          <p className="panel-empty">{t('reviews.nobody')}</p>
        ) : (
          <ul className="review-participants">
            {review.participants.map((person) => (
              <li key={person.id}>
                {person.name}
                {person.organisation && <span className="muted"> ({person.organisation})</span>}
              </li>
            ))}
          </ul>
        )}
        {!open && <p className="panel-empty">{t('reviews.closedNote')}</p>}
        {open && !canContribute && <p className="panel-empty">{t('reviews.readOnly')}</p>}
      </div>
      {LESSON_LOOPS.map((loop) => (
        <LoopSection
          key={loop}
          reviewId={review.id}
          loop={loop}
          notes={review.notes[loop]}
          lessons={review.lessons.filter((lesson) => lesson.loop === loop)}
          onSaveNotes={canNote ? saveNotes(loop) : undefined}
          canContribute={canContribute}
          onLesson={(lesson) => update((r) => ({ ...r, lessons: [...r.lessons, lesson] }))}
        />
      ))}
      <AssumptionRatings
        reviewId={review.id}
        ratings={review.ratings}
        canContribute={canContribute}
        onRating={(rating) => update((r) => ({ ...r, ratings: [...r.ratings, rating] }))}
      />
      <DecisionsSection
        reviewId={review.id}
        decisions={review.decisions}
        canContribute={canContribute}
        onChange={(id, decision) =>
          update((r) => ({
            ...r,
            decisions: decision
              ? r.decisions.some((d) => d.id === id)
                ? r.decisions.map((d) => (d.id === id ? decision : d))
                : [...r.decisions, decision]
              : r.decisions.filter((d) => d.id !== id),
          }))
        }
      />
      <ConfirmDialog
        open={closing}
        title={t('reviews.closeTitle')}
        confirmLabel={t('reviews.closeReview')}
        busy={busy}
        error={closeError}
        onCancel={() => setClosing(false)}
        onConfirm={() => void close()}
      >
        <p>{t('reviews.closeBody')}</p>
      </ConfirmDialog>
    </article>
  );
}
