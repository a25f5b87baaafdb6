import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { IndicatorReading } from '@loopmap/shared';
import { DatedEntryForm } from './DatedEntryForm.tsx';
import { describeReading, displayLocale, withUnit } from './entryHistory.ts';
import { HistoryList } from './HistoryList.tsx';
import { ReadingSparkline } from './HistoryTrends.tsx';
import { dayText } from '../../app/dates.ts';

export interface IndicatorReadingsProps {
  /** Oldest first, as readers give them. */
  readings: readonly IndicatorReading[];
  unit: string | null;
  baseline: string | null;
  target: string | null;
  onAdd?: (reading: { date: string; value: string; note: string }) => boolean;
  onRemove?: (id: string) => void;
  today?: () => string;
}

/** What an indicator measured over time: the trend against baseline and target, the readings, a form for the next. */
export function IndicatorReadings({
  readings,
  unit,
  baseline,
  target,
  onAdd,
  onRemove,
  today,
}: IndicatorReadingsProps) {
  const { t } = useTranslation('panels');
  const id = useId();
  const [value, setValue] = useState('');
  const latest = readings[readings.length - 1];
  const locale = displayLocale();
  return (
    <section className="history-section" aria-label={t('readings.heading')}>
      <h3 className="panel-heading">{t('readings.heading')}</h3>
      <p className="history__current">
        {latest ? (
          <Trans
            t={t}
            i18nKey="readings.latest"
            values={{ value: withUnit(latest.value, unit, locale), date: dayText(latest.date, locale) }}
            components={{ strong: <strong /> }}
          />
        ) : (
          t('readings.none')
        )}
      </p>
      <ReadingSparkline readings={readings} baseline={baseline} target={target} unit={unit} />
      {onAdd && (
        <DatedEntryForm
          title={t('readings.add')}
          ready={value.trim() !== ''}
          today={today}
          onSubmit={({ date, note }) => {
            const ok = onAdd({ date, value: value.trim(), note });
            if (ok) setValue('');
            return ok;
          }}
        >
          <div className="field field-row">
            <label className="field__label" htmlFor={`${id}-value`}>
              {unit ? t('readings.valueIn', { unit }) : t('readings.value')}
            </label>
            <input
              id={`${id}-value`}
              className="input"
              maxLength={60}
              value={value}
              required
              onChange={(event) => setValue(event.target.value)}
            />
          </div>
        </DatedEntryForm>
      )}
      <HistoryList
        label={t('readings.list')}
        entries={readings}
        render={(reading) => withUnit(reading.value, unit, locale)}
        removeLabel={(reading) => t('readings.remove', { reading: describeReading(reading, unit, locale) })}
        onRemove={onRemove && ((reading) => onRemove(reading.id))}
      />
    </section>
  );
}
