import { useId, useState } from 'react';
import type { IndicatorReading } from '@loopmap/shared';
import { DatedEntryForm } from './DatedEntryForm.tsx';
import { describeReading, withUnit } from './entryHistory.ts';
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
  const id = useId();
  const [value, setValue] = useState('');
  const latest = readings[readings.length - 1];
  return (
    <section className="history-section" aria-label="Readings">
      <h3 className="panel-heading">Readings</h3>
      <p className="history__current">
        {latest ? (
          <>
            Latest: <strong>{withUnit(latest.value, unit)}</strong> on {dayText(latest.date)}
          </>
        ) : (
          'No readings yet.'
        )}
      </p>
      <ReadingSparkline readings={readings} baseline={baseline} target={target} unit={unit} />
      {onAdd && (
        <DatedEntryForm
          title="Add a reading"
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
              Value{unit ? ` (${unit})` : ''}
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
        label="Readings, newest first"
        entries={readings}
        render={(reading) => withUnit(reading.value, unit)}
        removeLabel={(reading) => `Remove reading: ${describeReading(reading, unit)}`}
        onRemove={onRemove && ((reading) => onRemove(reading.id))}
      />
    </section>
  );
}
