import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import {
  ASSUMPTION_STATES,
  currentAssumptionState,
  type AssumptionReview,
  type AssumptionState,
} from '@loopmap/shared';
import { DatedEntryForm } from './DatedEntryForm.tsx';
import { describeReview, displayLocale } from './entryHistory.ts';
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
  const current = currentAssumptionState(reviews);
  const [status, setStatus] = useState<AssumptionState | null>(current?.status ?? null);
  const { t } = useTranslation('panels');
  const locale = displayLocale();
  return (
    <section className="history-section" aria-label={t('assumptionReviews.heading')}>
      <h3 className="panel-heading">{t('assumptionReviews.heading')}</h3>
      <p className="history__current">
        {current ? (
          <>
            <RagMark status={ASSUMPTION_STATE_TONES[current.status]} />{' '}
            <Trans
              t={t}
              i18nKey="assumptionReviews.current"
              values={{ state: assumptionStateLabel(current.status, t), date: dayText(current.date, locale) }}
              components={{ strong: <strong /> }}
            />
          </>
        ) : (
          t('assumptionReviews.none')
        )}
      </p>
      <ReviewTimeline reviews={reviews} />
      {onAdd && (
        <DatedEntryForm
          title={t('assumptionReviews.add')}
          ready={status !== null}
          today={today}
          onSubmit={({ date, note }) => status !== null && onAdd({ date, status, note })}
        >
          <SegmentedControl
            label={t('assumptionReviews.finding')}
            options={ASSUMPTION_STATES}
            labels={labelsOf(ASSUMPTION_STATES, assumptionStateLabel, t)}
            value={status}
            onChange={setStatus}
            decorate={(option) => (option === null ? null : <RagMark status={ASSUMPTION_STATE_TONES[option]} />)}
          />
        </DatedEntryForm>
      )}
      <HistoryList
        label={t('assumptionReviews.list')}
        entries={reviews}
        render={(review) => (
          <>
            <RagMark status={ASSUMPTION_STATE_TONES[review.status]} /> {assumptionStateLabel(review.status, t)}
          </>
        )}
        removeLabel={(review) => t('assumptionReviews.remove', { review: describeReview(review, locale) })}
        onRemove={onRemove && ((review) => onRemove(review.id))}
      />
    </section>
  );
}
