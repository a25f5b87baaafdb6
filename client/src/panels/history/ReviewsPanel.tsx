import { useId, useMemo, useState, type FormEvent } from 'react';
import { MAX_SNAPSHOT_NAME, can, type ReviewView } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { listSnapshots } from '../../api/historyApi.ts';
import { listReviews, startReview } from '../../api/reviewsApi.ts';
import { useMapMeta } from '../../collab/useMapMeta.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { HealthTrend } from './HealthTrend.tsx';

import { MyOrganisationField } from './MyOrganisationField.tsx';
import { ReviewPage } from './ReviewPage.tsx';
import { defaultReviewStart, digestPath, sortReviews } from './reviewModel.ts';
import { snapshotName } from './SnapshotsSection.tsx';
import { useLoaded } from './useLoaded.ts';
import './history.css';
import { dayIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/**
 * Course-correction reviews beside the canvas (dock panel 'reviews'): the list (open first),
 * starting one, one review's page, the shared-forward digest of chosen reviews, the user's home
 * organisation, and for partnership maps the health trend.
 */
export function ReviewsPanel({ onClose }: { onClose: () => void }) {
  const { mapId, user, session } = useMapPage();
  const meta = useMapMeta(session.doc);
  const titleId = useId();
  const t = useHistoryTranslate();
  const reviews = useLoaded(mapId, () => listReviews(mapId));
  const [openId, setOpenId] = useState<string | null>(null);

  const replace = (review: ReviewView): void =>
    reviews.setData((current) =>
      current?.some((r) => r.id === review.id)
        ? current.map((r) => (r.id === review.id ? review : r))
        : [review, ...(current ?? [])],
    );
  const myOrganisation = useMemo(() => {
    for (const review of reviews.data ?? []) {
      const me = review.participants.find((person) => person.id === user.id);
      if (me?.organisation) return me.organisation;
    }
    return null;
  }, [reviews.data, user.id]);

  return (
    <aside className="side-panel history-panel reviews-panel" aria-labelledby={titleId}>
      <header className="side-panel__header">
        <h2 id={titleId} className="side-panel__title">
          {t('reviews.title')}
        </h2>
        <button type="button" className="icon-button" aria-label={t('reviews.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="history-panel__scroll">
        {openId ? (
          <ReviewPage reviewId={openId} onBack={() => setOpenId(null)} onChanged={replace} />
        ) : (
          <>
            <ReviewList
              reviews={reviews.data}
              error={reviews.error}
              onRetry={reviews.reload}
              onOpen={setOpenId}
              onStarted={(review) => {
                replace(review);
                setOpenId(review.id);
              }}
            />
            {reviews.data && <MyOrganisationField key={myOrganisation ?? ''} known={myOrganisation} />}
            {meta.kind === 'partnership' && <HealthTrend />}
          </>
        )}
      </div>
    </aside>
  );
}

interface ReviewListProps {
  reviews: ReviewView[] | null;
  error: string | null;
  onRetry: () => void;
  onOpen: (id: string) => void;
  onStarted: (review: ReviewView) => void;
}

function ReviewList({ reviews, error, onRetry, onOpen, onStarted }: ReviewListProps) {
  const { mapId, role } = useMapPage();
  const headingId = useId();
  const t = useHistoryTranslate();
  const [starting, setStarting] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const sorted = useMemo(() => sortReviews(reviews ?? []), [reviews]);
  const toggle = (id: string): void =>
    setChosen((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  const digestIds = sorted.filter((review) => chosen.includes(review.id)).map((review) => review.id);

  return (
    <section className="history-section" aria-labelledby={headingId}>
      <div className="history-section__bar">
        <h3 className="panel-heading" id={headingId}>
          {t('reviews.listTitle')} {reviews && <span className="panel-heading__count">{sorted.length}</span>}
        </h3>
        {can(role, 'reviews.run') && !starting && (
          <button type="button" className="button button--small" onClick={() => setStarting(true)}>
            {t('reviews.start')}
          </button>
        )}
      </div>
      {starting && (
        <StartReviewForm
          reviews={reviews ?? []}
          onCancel={() => setStarting(false)}
          onStarted={(review) => {
            setStarting(false);
            onStarted(review);
          }}
        />
      )}
      {error && (
        <p className="history-error" role="alert">
          {error}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            {t('snapshots.tryAgain')}
          </button>
        </p>
      )}
      {!reviews && !error && <p className="panel-empty">{t('reviews.loading')}</p>}
      {reviews && sorted.length === 0 && <p className="panel-empty">{t('reviews.empty')}</p>}
      <ul className="history-list">
        {sorted.map((review) => (
          <li key={review.id} className="history-item">
            <p className="history-item__title">
              <button type="button" className="link-button" onClick={() => onOpen(review.id)}>
                {review.title}
              </button>
              <span className={`history-badge history-badge--${review.status}`}>
                {t(`reviews.status.${review.status}`)}
              </span>
            </p>
            <p className="history-item__meta">
              <span>
                {dayIn(review.createdAt)}
                {review.closedAt && ` – ${dayIn(review.closedAt)}`}
              </span>
              <span>
                {t('reviews.decisions', { count: review.decisions.length })} ·{' '}
                {t('reviews.lessons', { count: review.lessons.length })}
              </span>
            </p>
            <label className="history-check">
              <input type="checkbox" checked={chosen.includes(review.id)} onChange={() => toggle(review.id)} />
              <span>
                {t('reviews.inDigest')}
                <span className="visually-hidden">: {review.title}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {sorted.length > 0 && (
        <p className="review-digest-link">
          {digestIds.length > 0 ? (
            <a href={digestPath(mapId, digestIds)} target="_blank" rel="noopener">
              {t('reviews.digestLink', { count: digestIds.length })}
            </a>
          ) : (
            <span className="muted">{t('reviews.digestHint')}</span>
          )}
        </p>
      )}
    </section>
  );
}

function StartReviewForm({
  reviews,
  onCancel,
  onStarted,
}: {
  reviews: ReviewView[];
  onCancel: () => void;
  onStarted: (review: ReviewView) => void;
}) {
  const { mapId } = useMapPage();
  const id = useId();
  const t = useHistoryTranslate();
  const snapshots = useLoaded(mapId, () => listSnapshots(mapId));
  const fallback = defaultReviewStart(reviews, t);
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!title.trim()) return setError(t('reviews.titleFirst'));
    setBusy(true);
    setError(null);
    try {
      const point = from || fallback?.point;
      onStarted(await startReview(mapId, point ? { title: title.trim(), from: point } : { title: title.trim() }));
    } catch (caught) {
      setError(messageOf(caught, t('reviews.startFailed')));
      setBusy(false);
    }
  };

  return (
    <form
      className="history-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-title`}>
          {t('reviews.titleLabel')}
        </label>
        <input
          id={`${id}-title`}
          className="input"
          autoFocus
          maxLength={MAX_SNAPSHOT_NAME}
          placeholder={t('reviews.titlePlaceholder')}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-from`}>
          {t('reviews.compareWith')}
        </label>
        <select id={`${id}-from`} className="input" value={from} onChange={(event) => setFrom(event.target.value)}>
          <option value="">
            {fallback ? t('reviews.lastReview', { label: fallback.label }) : t('reviews.firstVersion')}
          </option>
          {(snapshots.data ?? []).map((snapshot) => (
            <option key={snapshot.id} value={snapshot.id}>
              {t('reviews.snapshotOption', { name: snapshotName(t, snapshot), day: dayIn(snapshot.takenAt) })}
            </option>
          ))}
        </select>
        {snapshots.error && (
          <span className="field__hint">{t('reviews.snapshotsFailed', { reason: snapshots.error })}</span>
        )}
      </div>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      <div className="history-form__actions">
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          {t('common:action.cancel')}
        </button>
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          {t('reviews.start')}
        </button>
      </div>
    </form>
  );
}
