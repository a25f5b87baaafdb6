import { useTranslation } from 'react-i18next';
import { byDate, type AssumptionReview, type HealthRating, type IndicatorReading } from '@loopmap/shared';
import { displayLocale, healthTrend, withUnit } from './entryHistory.ts';
import { ASSUMPTION_STATE_TONES, RagMark } from './RagMark.tsx';
import { sparklineGeometry } from './sparkline.ts';
import './fields.css';
import { dayText } from '../../app/dates.ts';
import { assumptionStateLabel, healthDimensionLabel, ragLabel } from '../../i18n/domainText.ts';

const SIZE = { width: 260, height: 56, padding: 6 };

export interface ReadingSparklineProps {
  /** Oldest first, as readers give them. */
  readings: readonly IndicatorReading[];
  baseline: string | null;
  target: string | null;
  unit: string | null;
}

/**
 * An indicator's readings as a line over time, with its baseline (grey) and target (blue) as
 * dashed lines. Named for screen readers by a sentence saying the same; nothing when no reading
 * is a number.
 */
export function ReadingSparkline({ readings, baseline, target, unit }: ReadingSparklineProps) {
  const { t } = useTranslation('panels');
  const geometry = sparklineGeometry(readings, baseline, target, SIZE);
  if (!geometry) return null;
  const locale = displayLocale();
  const value = (text: string): string => withUnit(text, unit, locale);
  const day = (date: string): string => dayText(date, locale);
  const numeric = geometry.points;
  const first = numeric[0]!;
  const last = numeric[numeric.length - 1]!;
  const summary = [
    numeric.length === 1
      ? t('trends.oneReading', { value: value(String(first.value)), date: day(first.date) })
      : t('trends.readings', {
          count: numeric.length,
          first: value(String(first.value)),
          firstDate: day(first.date),
          last: value(String(last.value)),
          lastDate: day(last.date),
        }),
    baseline ? t('trends.baselineSentence', { value: value(baseline) }) : '',
    target ? t('trends.targetSentence', { value: value(target) }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <figure className="trend">
      <svg
        className="sparkline"
        role="img"
        aria-label={summary}
        width={SIZE.width}
        height={SIZE.height}
        viewBox={`0 0 ${SIZE.width} ${SIZE.height}`}
      >
        {geometry.baselineY !== null && (
          <line
            className="sparkline__baseline"
            x1={0}
            x2={SIZE.width}
            y1={geometry.baselineY}
            y2={geometry.baselineY}
          />
        )}
        {geometry.targetY !== null && (
          <line className="sparkline__target" x1={0} x2={SIZE.width} y1={geometry.targetY} y2={geometry.targetY} />
        )}
        <path className="sparkline__line" d={geometry.path} />
        {numeric.map((point, index) => (
          <circle key={index} className="sparkline__dot" cx={point.x} cy={point.y} r={2.5}>
            <title>{`${value(String(point.value))} · ${day(point.date)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="trend__legend" aria-hidden="true">
        {baseline && (
          <span className="trend__key trend__key--baseline">{t('trends.baseline', { value: value(baseline) })}</span>
        )}
        {target && (
          <span className="trend__key trend__key--target">{t('trends.target', { value: value(target) })}</span>
        )}
      </figcaption>
    </figure>
  );
}

/** A partner's health per dimension: one row of dots per dimension, oldest on the left. */
export function HealthTrend({ ratings }: { ratings: readonly HealthRating[] }) {
  const { t } = useTranslation('panels');
  const rows = healthTrend(ratings);
  if (rows.length === 0) return null;
  const locale = displayLocale();
  return (
    <ul className="trend trend--health" aria-label={t('trends.health')}>
      {rows.map(({ dimension, ratings: dots }) => {
        const said = dots.map((dot) => `${ragLabel(dot.rating, t)} (${dayText(dot.date, locale)})`).join(', ');
        return (
          <li key={dimension} className="trend__row">
            <span className="trend__name">{healthDimensionLabel(dimension, t)}</span>
            <span className="trend__dots" role="img" aria-label={`${healthDimensionLabel(dimension, t)}: ${said}`}>
              {dots.map((dot) => (
                <span
                  key={dot.id}
                  className="trend__dot"
                  title={`${ragLabel(dot.rating, t)} · ${dayText(dot.date, locale)}`}
                >
                  <RagMark status={dot.rating} size={11} />
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** An assumption's reviews as a timeline of states, oldest on the left. */
export function ReviewTimeline({ reviews }: { reviews: readonly AssumptionReview[] }) {
  const { t } = useTranslation('panels');
  const sorted = byDate(reviews);
  if (sorted.length === 0) return null;
  const locale = displayLocale();
  const said = sorted
    .map((review) => `${assumptionStateLabel(review.status, t)} (${dayText(review.date, locale)})`)
    .join(', ');
  return (
    <ol className="trend trend--timeline" role="img" aria-label={t('trends.reviews', { said })}>
      {sorted.map((review) => (
        <li
          key={review.id}
          className="trend__step"
          title={`${assumptionStateLabel(review.status, t)} · ${dayText(review.date, locale)}`}
        >
          <RagMark status={ASSUMPTION_STATE_TONES[review.status]} size={11} />
        </li>
      ))}
    </ol>
  );
}
