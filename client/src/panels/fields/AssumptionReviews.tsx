import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSUMPTION_STATES,
  currentAssumptionState,
  type AssumptionReview,
  type AssumptionState,
} from '@loopmap/shared';
import { DatedEntryForm } from './DatedEntryForm.tsx';
import { describeReview } from './entryHistory.ts';
import { HistoryList } from './HistoryList.tsx';
import { ReviewTimeline } from './HistoryTrends.tsx';
import { ASSUMPTION_STATE_TONES, RagMark } from './RagMark.tsx';
import { SegmentedControl } from './SegmentedControl.tsx';
import { dayText } from '../../app/dates.ts';
import { assumptionStateLabel, labelsOf } from '../../i18n/domainText.ts';

export interface AssumptionReviewsProps {
  /** Oldest first, as readers give them. */
  reviews: readonly AssumptionReview[];
  /** Absent for read-only members. */
  onAdd?: (review: { date: string; status: AssumptionState; note: string }) => boolean;
  onRemove?: (id: string) => void;
  today?: () => string;
}

/** Whether an assumption still holds, as reviewed over time: its timeline, the reviews, and a form for the next. */
export function AssumptionReviews({ reviews, onAdd, onRemove, today }: AssumptionReviewsProps) {
  const { t } = useTranslation();
  const current = currentAssumptionState(reviews);
  const [status, setStatus] = useState<AssumptionState | null>(current?.status ?? null);
  return (
    <section className="history-section" aria-label="Reviews">
      <h3 className="panel-heading">Reviews</h3>
      <p className="history__current">
        {current ? (
          <>
            <RagMark status={ASSUMPTION_STATE_TONES[current.status]} />{' '}
            <strong>{assumptionStateLabel(current.status, t)}</strong> since {dayText(current.date)}
          </>
        ) : (
          'Not reviewed yet.'
        )}
      </p>
      <ReviewTimeline reviews={reviews} />
      {onAdd && (
        <DatedEntryForm
          title="Add a review"
          ready={status !== null}
          today={today}
          onSubmit={({ date, note }) => status !== null && onAdd({ date, status, note })}
        >
          <SegmentedControl
            label="Finding"
            options={ASSUMPTION_STATES}
            labels={labelsOf(ASSUMPTION_STATES, assumptionStateLabel, t)}
            value={status}
            onChange={setStatus}
            decorate={(option) => (option === null ? null : <RagMark status={ASSUMPTION_STATE_TONES[option]} />)}
          />
        </DatedEntryForm>
      )}
      <HistoryList
        label="Reviews, newest first"
        entries={reviews}
        render={(review) => (
          <>
            <RagMark status={ASSUMPTION_STATE_TONES[review.status]} /> {assumptionStateLabel(review.status, t)}
          </>
        )}
        removeLabel={(review) => `Remove review: ${describeReview(review)}`}
        onRemove={onRemove && ((review) => onRemove(review.id))}
      />
    </section>
  );
}
