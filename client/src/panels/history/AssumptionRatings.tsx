import { useId, useMemo, useState, type FormEvent } from 'react';
import {
  ASSUMPTION_STATES,
  MAX_NOTE_LENGTH,
  cardTitle,
  currentAssumptionState,
  type AssumptionState,
  type NodeView,
  type RatingView,
} from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { assumptionStateLabel } from '../../i18n/domainText.ts';
import { addRating } from '../../api/reviewsApi.ts';
import { useMapGraph } from '../../collab/useMapGraph.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { ASSUMPTION_STATE_TONES, RagMark } from '../fields/RagMark.tsx';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

export interface AssumptionRatingsProps {
  reviewId: string;
  ratings: RatingView[];
  canContribute: boolean;
  onRating: (rating: RatingView) => void;
}

function StateWords({ state }: { state: AssumptionState | null }) {
  const t = useHistoryTranslate();
  if (!state) return <span className="muted">{t('ratings.notReviewed')}</span>;
  return (
    <span className="assumption-state">
      <RagMark status={ASSUMPTION_STATE_TONES[state]} /> {assumptionStateLabel(state, t)}
    </span>
  );
}

/**
 * Re-rating the assumptions: every assumption card of the live map with its current state, a way
 * to record whether it still holds (with a note), and what this review recorded about it.
 */
export function AssumptionRatings({ reviewId, ratings, canContribute, onRating }: AssumptionRatingsProps) {
  const { session, reveal } = useMapPage();
  const graph = useMapGraph(session.doc);
  const headingId = useId();
  const t = useHistoryTranslate();
  const assumptions = useMemo(() => graph.nodes.filter((node) => node.kind === 'assumption'), [graph]);
  // Ratings of assumptions since deleted from the map are still part of the review's record.
  const orphans = ratings.filter((rating) => !graph.nodeById.has(rating.assumptionId));

  return (
    <section className="history-section" aria-labelledby={headingId}>
      <h4 className="review-subheading" id={headingId}>
        {t('ratings.title')}
      </h4>
      {assumptions.length === 0 && orphans.length === 0 && <p className="panel-empty">{t('ratings.none')}</p>}
      <ul className="history-list">
        {assumptions.map((node) => (
          <AssumptionRow
            key={node.id}
            node={node}
            reviewId={reviewId}
            ratings={ratings.filter((rating) => rating.assumptionId === node.id)}
            canContribute={canContribute}
            onRating={onRating}
            onShow={() => reveal(node.id)}
          />
        ))}
        {orphans.map((rating) => (
          <li key={rating.id} className="history-item">
            <p className="history-item__title">{t('ratings.deleted', { title: rating.assumptionLabel })}</p>
            <RatingLine rating={rating} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RatingLine({ rating }: { rating: RatingView }) {
  return (
    <p className="history-item__meta">
      <StateWords state={rating.status} />
      <span>
        {rating.createdBy.name}
        {rating.note ? `: ${rating.note}` : ''}
      </span>
    </p>
  );
}

interface AssumptionRowProps {
  node: NodeView;
  reviewId: string;
  ratings: RatingView[];
  canContribute: boolean;
  onRating: (rating: RatingView) => void;
  onShow: () => void;
}

function AssumptionRow({ node, reviewId, ratings, canContribute, onRating, onShow }: AssumptionRowProps) {
  const { mapId } = useMapPage();
  const t = useHistoryTranslate();
  const id = useId();
  const [status, setStatus] = useState<AssumptionState | ''>('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = currentAssumptionState(node.reviews)?.status ?? null;
  const title = cardTitle(node);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!status) return setError(t('ratings.chooseFirst'));
    setBusy(true);
    setError(null);
    try {
      onRating(await addRating(mapId, reviewId, { assumption: node.id, status, note }));
      setStatus('');
      setNote('');
    } catch (caught) {
      setError(messageOf(caught, t('ratings.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="history-item">
      <p className="history-item__title">
        <button type="button" className="link-button" onClick={onShow} title={t('recent.showOnMap')}>
          {title}
        </button>
      </p>
      <p className="history-item__meta">
        {t('ratings.now')} <StateWords state={current} />
      </p>
      {ratings.map((rating) => (
        <RatingLine key={rating.id} rating={rating} />
      ))}
      {canContribute && (
        <form className="review-rating-form" onSubmit={(event) => void submit(event)}>
          <select
            className="input"
            aria-label={t('ratings.holds', { title })}
            value={status}
            onChange={(event) => setStatus(event.target.value as AssumptionState | '')}
          >
            <option value="">{t('ratings.stillHolds')}</option>
            {ASSUMPTION_STATES.map((state) => (
              <option key={state} value={state}>
                {assumptionStateLabel(state, t)}
              </option>
            ))}
          </select>
          <input
            id={`${id}-note`}
            className="input"
            aria-label={t('ratings.noteOn', { title })}
            placeholder={t('ratings.why')}
            maxLength={MAX_NOTE_LENGTH}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <button type="submit" className="button button--small" disabled={busy}>
            {t('ratings.record')}
          </button>
          {error && (
            <p className="history-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </li>
  );
}
