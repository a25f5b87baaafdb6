import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { LESSON_LOOPS, type DigestResponse } from '@loopmap/shared';
import { lessonLoopLabel } from '../i18n/domainText.ts';
import { getMap } from '../api/mapsApi.ts';
import { getDigest } from '../api/reviewsApi.ts';
import { useSearchParam } from '../app/history.ts';
import { Link } from '../app/Link.tsx';
import { mapPath } from '../app/routes.ts';
import { peopleList } from '../panels/history/historyText.ts';
import { DECISION_STATUS_LABELS, ownerName, parseReviewIds } from '../panels/history/reviewModel.ts';
import { useLoaded } from '../panels/history/useLoaded.ts';
import { DownloadMenu } from '../panels/export/DownloadMenu.tsx';
import { reviewDownloadChoices } from '../panels/export/reviewDownloads.ts';
import { AppHeader } from './AppHeader.tsx';
import './digest.css';
import { dayText } from '../app/dates.ts';

type Organisation = DigestResponse['organisations'][number];

/**
 * `/maps/:id/digest?reviews=a,b`: the shared-forward digest. What the chosen reviews decided and
 * learned, grouped by each participant's home organisation, so every peer carries their part
 * back; made to be printed (or saved as PDF) and taken into planning documents.
 */
export function DigestPage({ mapId }: { mapId: string }) {
  const reviewIds = parseReviewIds(useSearchParam('reviews'));
  const key = `${mapId}:${reviewIds.join(',')}`;
  const digest = useLoaded(key, () => getDigest(mapId, reviewIds));
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getMap(mapId).then(
      (map) => live && setTitle(map.title),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [mapId]);
  useEffect(() => {
    document.title = `Shared forward${title ? `: ${title}` : ''} · Loopmap`;
  }, [title]);

  const reviewTitle = (id: string): string => digest.data?.reviews.find((r) => r.id === id)?.title ?? 'a review';

  return (
    <>
      <AppHeader />
      <main className="digest-page">
        <div className="digest-page__actions">
          <Link to={mapPath(mapId)} className="button button--quiet">
            ← Back to the map
          </Link>
          <div className="digest-page__buttons">
            {digest.data && digest.data.reviews.length > 0 && (
              <DownloadMenu
                label="Download"
                align="end"
                choices={digest.data.reviews.flatMap((review) =>
                  reviewDownloadChoices(mapId, review, digest.data!.reviews.length > 1),
                )}
              />
            )}
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              Print
            </button>
          </div>
        </div>
        <header className="digest-page__intro">
          <p className="digest-page__kicker">Shared forward</p>
          <h1>{title ?? 'Decisions and lessons'}</h1>
          {digest.data && digest.data.reviews.length > 0 && (
            <p className="digest-page__reviews">
              From{' '}
              {digest.data.reviews.map((review, i) => (
                <span key={review.id}>
                  {i > 0 && (i === digest.data!.reviews.length - 1 ? ' and ' : ', ')}“{review.title}” (
                  {dayText(review.createdAt)})
                </span>
              ))}
              .
            </p>
          )}
        </header>
        {reviewIds.length === 0 && (
          <p className="auth-error">No reviews chosen. Tick reviews in the map’s Reviews panel first.</p>
        )}
        {digest.error && (
          <p className="auth-error" role="alert">
            {digest.error}
          </p>
        )}
        {digest.loading && !digest.data && <p className="muted">Loading the digest…</p>}
        {digest.data && digest.data.organisations.length === 0 && (
          <p className="muted">These reviews recorded no decisions or lessons.</p>
        )}
        {digest.data?.organisations.map((organisation) => (
          <OrganisationSection
            key={organisation.organisation ?? ''}
            organisation={organisation}
            reviewTitle={reviewTitle}
            showReview={digest.data!.reviews.length > 1}
          />
        ))}
      </main>
    </>
  );
}

function OrganisationSection({
  organisation,
  reviewTitle,
  showReview,
}: {
  organisation: Organisation;
  reviewTitle: (id: string) => string;
  showReview: boolean;
}) {
  const { t } = useTranslation();
  const name = organisation.organisation ?? 'No organisation given';
  return (
    <section className="digest-org" aria-label={name}>
      <h2>{name}</h2>
      {organisation.people.length > 0 && (
        <p className="digest-org__people">
          {peopleList(
            organisation.people.map((p) => p.name),
            12,
          )}
        </p>
      )}
      <h3>Decisions</h3>
      {organisation.decisions.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="digest-table">
          <thead>
            <tr>
              <th scope="col">Decision</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              {showReview && <th scope="col">Review</th>}
            </tr>
          </thead>
          <tbody>
            {organisation.decisions.map((decision) => (
              <tr key={decision.id}>
                <td>{decision.text}</td>
                <td>{ownerName(decision)}</td>
                <td>{decision.due ?? '–'}</td>
                <td>{DECISION_STATUS_LABELS[decision.status]}</td>
                {showReview && <td>{reviewTitle(decision.reviewId)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Lessons</h3>
      {organisation.lessons.length === 0 && <p className="muted">None.</p>}
      {LESSON_LOOPS.map((loop) => {
        const lessons = organisation.lessons.filter((lesson) => lesson.loop === loop);
        if (lessons.length === 0) return null;
        return (
          <div key={loop} className="digest-loop">
            <h4>{lessonLoopLabel(loop, t)}</h4>
            <ul>
              {lessons.map((lesson) => (
                <li key={lesson.id}>
                  {lesson.text}{' '}
                  <span className="muted">
                    ({lesson.createdBy.name}
                    {showReview ? `, ${reviewTitle(lesson.reviewId)}` : ''})
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
