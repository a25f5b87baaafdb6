import { useId, useMemo, useState, type FormEvent } from 'react';
import { MAX_SNAPSHOT_NAME, can, type ReviewView } from '@loopmap/shared';
import { messageOf } from '../../api/ApiError.ts';
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
import { dayText } from '../../app/dates.ts';

/**
 * Course-correction reviews beside the canvas (dock panel 'reviews'): the list (open first),
 * starting one, one review's page, the shared-forward digest of chosen reviews, the user's home
 * organisation, and for partnership maps the health trend.
 */
export function ReviewsPanel({ onClose }: { onClose: () => void }) {
  const { mapId, user, session } = useMapPage();
  const meta = useMapMeta(session.doc);
  const titleId = useId();
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
          Reviews
        </h2>
        <button type="button" className="icon-button" aria-label="Close reviews" onClick={onClose}>
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

const counted = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

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
          Course-correction reviews {reviews && <span className="panel-heading__count">{sorted.length}</span>}
        </h3>
        {can(role, 'reviews.run') && !starting && (
          <button type="button" className="button button--small" onClick={() => setStarting(true)}>
            Start review
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
            Try again
          </button>
        </p>
      )}
      {!reviews && !error && <p className="panel-empty">Loading reviews…</p>}
      {reviews && sorted.length === 0 && (
        <p className="panel-empty">
          No reviews yet. A review compares the map now with an earlier version, asks the three learning-loop questions,
          re-rates assumptions and records decisions and lessons.
        </p>
      )}
      <ul className="history-list">
        {sorted.map((review) => (
          <li key={review.id} className="history-item">
            <p className="history-item__title">
              <button type="button" className="link-button" onClick={() => onOpen(review.id)}>
                {review.title}
              </button>
              <span className={`history-badge history-badge--${review.status}`}>{review.status}</span>
            </p>
            <p className="history-item__meta">
              <span>
                {dayText(review.createdAt)}
                {review.closedAt && ` – ${dayText(review.closedAt)}`}
              </span>
              <span>
                {counted(review.decisions.length, 'decision')} · {counted(review.lessons.length, 'lesson')}
              </span>
            </p>
            <label className="history-check">
              <input type="checkbox" checked={chosen.includes(review.id)} onChange={() => toggle(review.id)} />
              <span>
                In the digest<span className="visually-hidden">: {review.title}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {sorted.length > 0 && (
        <p className="review-digest-link">
          {digestIds.length > 0 ? (
            <a href={digestPath(mapId, digestIds)} target="_blank" rel="noopener">
              Shared forward digest ({digestIds.length} {digestIds.length === 1 ? 'review' : 'reviews'})
            </a>
          ) : (
            <span className="muted">Tick reviews for the shared forward digest (per organisation, printable).</span>
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
  const snapshots = useLoaded(mapId, () => listSnapshots(mapId));
  const fallback = defaultReviewStart(reviews);
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!title.trim()) return setError('Give the review a title.');
    setBusy(true);
    setError(null);
    try {
      const point = from || fallback?.point;
      onStarted(await startReview(mapId, point ? { title: title.trim(), from: point } : { title: title.trim() }));
    } catch (caught) {
      setError(messageOf(caught, 'Could not start the review.'));
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
          Title
        </label>
        <input
          id={`${id}-title`}
          className="input"
          autoFocus
          maxLength={MAX_SNAPSHOT_NAME}
          placeholder="e.g. Spring review 2026"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-from`}>
          Compare the map now with
        </label>
        <select id={`${id}-from`} className="input" value={from} onChange={(event) => setFrom(event.target.value)}>
          <option value="">{fallback ? `The last review (${fallback.label})` : 'The map’s first version'}</option>
          {(snapshots.data ?? []).map((snapshot) => (
            <option key={snapshot.id} value={snapshot.id}>
              {snapshotName(snapshot)} ({dayText(snapshot.takenAt)})
            </option>
          ))}
        </select>
        {snapshots.error && <span className="field__hint">Snapshots could not be listed: {snapshots.error}</span>}
      </div>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      <div className="history-form__actions">
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          Start review
        </button>
      </div>
    </form>
  );
}
