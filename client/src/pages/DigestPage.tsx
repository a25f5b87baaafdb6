import { useEffect, useState } from 'react';
import { LESSON_LOOPS, type DigestResponse } from '@loopmap/shared';
import { getMap } from '../api/mapsApi.ts';
import { getDigest } from '../api/reviewsApi.ts';
import { useSearchParam } from '../app/history.ts';
import { Link } from '../app/Link.tsx';
import { mapPath } from '../app/routes.ts';
import { joinList, peopleList } from '../panels/history/historyText.ts';
import { decisionStatusKey, ownerName, parseReviewIds } from '../panels/history/reviewModel.ts';
import { useLoaded } from '../panels/history/useLoaded.ts';
import { DownloadMenu } from '../panels/export/DownloadMenu.tsx';
import { reviewDownloadChoices } from '../panels/export/reviewDownloads.ts';
import { AppHeader } from './AppHeader.tsx';
import './digest.css';
import { dayIn } from '../panels/history/localDates.ts';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

type Organisation = DigestResponse['organisations'][number];

/**
 * `/maps/:id/digest?reviews=a,b`: the shared-forward digest. What the chosen reviews decided and
 * learned, grouped by each participant's home organisation, so every peer carries their part
 * back; made to be printed (or saved as PDF) and taken into planning documents.
 */
export function DigestPage({ mapId }: { mapId: string }) {
  const t = useHistoryTranslate();
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
    document.title = title ? t('digest.documentTitleOf', { title }) : t('digest.documentTitle');
  }, [title, t]);

  const reviewTitle = (id: string): string =>
    digest.data?.reviews.find((r) => r.id === id)?.title ?? t('digest.aReview');

  return (
    <>
      <AppHeader />
      <main className="digest-page">
        <div className="digest-page__actions">
          <Link to={mapPath(mapId)} className="button button--quiet">
            {t('digest.back')}
          </Link>
          <div className="digest-page__buttons">
            {digest.data && digest.data.reviews.length > 0 && (
              <DownloadMenu
                label={t('reviews.download')}
                align="end"
                choices={digest.data.reviews.flatMap((review) =>
                  reviewDownloadChoices(mapId, review, digest.data!.reviews.length > 1),
                )}
              />
            )}
            <button type="button" className="button button--primary" onClick={() => window.print()}>
              {t('digest.print')}
            </button>
          </div>
        </div>
        <header className="digest-page__intro">
          <p className="digest-page__kicker">{t('digest.kicker')}</p>
          <h1>{title ?? t('digest.defaultTitle')}</h1>
          {digest.data && digest.data.reviews.length > 0 && (
            <p className="digest-page__reviews">
              {t('digest.from', {
                reviews: joinList(
                  t,
                  digest.data.reviews.map((review) =>
                    t('digest.reviewOn', { title: review.title, day: dayIn(review.createdAt) }),
                  ),
                ),
              })}
            </p>
          )}
        </header>
        {reviewIds.length === 0 && <p className="auth-error">{t('digest.noneChosen')}</p>}
        {digest.error && (
          <p className="auth-error" role="alert">
            {digest.error}
          </p>
        )}
        {digest.loading && !digest.data && <p className="muted">{t('digest.loading')}</p>}
        {digest.data && digest.data.organisations.length === 0 && <p className="muted">{t('digest.empty')}</p>}
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
  const t = useHistoryTranslate();
  const name = organisation.organisation ?? t('digest.noOrganisation');
  return (
    <section className="digest-org" aria-label={name}>
      <h2>{name}</h2>
      {organisation.people.length > 0 && (
        <p className="digest-org__people">
          {peopleList(
            t,
            organisation.people.map((p) => p.name),
            12,
          )}
        </p>
      )}
      <h3>{t('decisions.title')}</h3>
      {organisation.decisions.length === 0 ? (
        <p className="muted">{t('digest.none')}</p>
      ) : (
        <table className="digest-table">
          <thead>
            <tr>
              <th scope="col">{t('decisions.decision')}</th>
              <th scope="col">{t('decisions.owner')}</th>
              <th scope="col">{t('decisions.due')}</th>
              <th scope="col">{t('decisions.statusLabel')}</th>
              {showReview && <th scope="col">{t('digest.review')}</th>}
            </tr>
          </thead>
          <tbody>
            {organisation.decisions.map((decision) => (
              <tr key={decision.id}>
                <td>{decision.text}</td>
                <td>{ownerName(decision, t)}</td>
                <td>{decision.due ? dayIn(decision.due) : '–'}</td>
                <td>{t(decisionStatusKey(decision.status))}</td>
                {showReview && <td>{reviewTitle(decision.reviewId)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('loop.lessons')}</h3>
      {organisation.lessons.length === 0 && <p className="muted">{t('digest.none')}</p>}
      {LESSON_LOOPS.map((loop) => {
        const lessons = organisation.lessons.filter((lesson) => lesson.loop === loop);
        if (lessons.length === 0) return null;
        return (
          <div key={loop} className="digest-loop">
            <h4>{t(`loop.${loop}.heading`)}</h4>
            <ul>
              {lessons.map((lesson) => (
                <li key={lesson.id}>
                  {lesson.text}{' '}
                  <span className="muted">
                    {showReview
                      ? t('digest.byIn', { name: lesson.createdBy.name, review: reviewTitle(lesson.reviewId) })
                      : t('digest.by', { name: lesson.createdBy.name })}
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
