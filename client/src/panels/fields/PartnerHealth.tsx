import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HEALTH_DIMENSIONS,
  latestHealth,
  type HealthDimension,
  type HealthRating,
  type RagStatus,
} from '@loopmap/shared';
import { healthDimensionLabel, labelsOf, ragLabel } from '../../i18n/domainText.ts';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import { DatedEntryForm } from './DatedEntryForm.tsx';
import { describeRating } from './entryHistory.ts';
import { HistoryList } from './HistoryList.tsx';
import { HealthTrend } from './HistoryTrends.tsx';
import { RagMark } from './RagMark.tsx';
import { RagStatusControl } from './SegmentedControl.tsx';

export interface PartnerHealthProps {
  /** Oldest first, as readers give them. */
  ratings: readonly HealthRating[];
  onAdd?: (rating: { date: string; dimension: HealthDimension; rating: RagStatus; note: string }) => boolean;
  onRemove?: (id: string) => void;
  today?: () => string;
}

/**
 * A partner's health, rated per dimension every few months: the trend per dimension, the ratings,
 * and a form for the next. After a rating is added the form moves on to the next dimension, so a
 * round of six ratings is six quick adds.
 */
export function PartnerHealth({ ratings, onAdd, onRemove, today }: PartnerHealthProps) {
  const [dimension, setDimension] = useState<HealthDimension | null>('trust');
  const [rating, setRating] = useState<RagStatus | null>(null);
  const latest = latestHealth(ratings);
  const rated = HEALTH_DIMENSIONS.filter((d) => latest[d]);
  const { t } = useTranslation('panels');
  return (
    <section className="history-section" aria-label={t('health.heading')}>
      <h3 className="panel-heading">{t('health.heading')}</h3>
      {rated.length === 0 ? (
        <p className="history__current">{t('health.notRated')}</p>
      ) : (
        <HealthTrend ratings={ratings} />
      )}
      {onAdd && (
        <DatedEntryForm
          title={t('health.add')}
          keepOpen
          ready={dimension !== null && rating !== null}
          today={today}
          onSubmit={({ date, note }) => {
            if (dimension === null || rating === null) return false;
            const ok = onAdd({ date, dimension, rating, note });
            if (ok) {
              const next = HEALTH_DIMENSIONS[HEALTH_DIMENSIONS.indexOf(dimension) + 1];
              if (next) setDimension(next);
              setRating(null);
            }
            return ok;
          }}
        >
          <ChoiceSelect
            label={t('health.dimension')}
            value={dimension}
            options={HEALTH_DIMENSIONS}
            labels={labelsOf(HEALTH_DIMENSIONS, healthDimensionLabel, t)}
            unsetLabel={t('health.choose')}
            onChange={setDimension}
          />
          <RagStatusControl label={t('health.rating')} value={rating} onChange={setRating} allowUnset={false} />
        </DatedEntryForm>
      )}
      <HistoryList
        label={t('health.list')}
        entries={ratings}
        render={(entry) => (
          <>
            <RagMark status={entry.rating} /> {healthDimensionLabel(entry.dimension, t)}: {ragLabel(entry.rating, t)}
          </>
        )}
        removeLabel={(entry) => t('health.remove', { rating: describeRating(entry) })}
        onRemove={onRemove && ((entry) => onRemove(entry.id))}
      />
    </section>
  );
}
