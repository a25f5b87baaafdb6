import { useId, useMemo } from 'react';
import { type RagStatus } from '@loopmap/shared';
import { getHealthTrend } from '../../api/reviewsApi.ts';
import { ragLabel } from '../../i18n/domainText.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { RagMark } from '../fields/RagMark.tsx';
import { healthTrendRows } from './historyText.ts';
import { useLoaded } from './useLoaded.ts';
import { dayIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/** One rating: a shaped mark and its letter, so it reads without colour. */
function HealthDot({ status }: { status: RagStatus | null }) {
  const t = useHistoryTranslate();
  if (!status) {
    return (
      <span className="health-dot health-dot--none">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('health.notRated')}</span>
      </span>
    );
  }
  return (
    <span className={`health-dot health-dot--${status}`}>
      <RagMark status={status} />
      <span aria-hidden="true">{t(`health.letter.${status}`)}</span>
      <span className="visually-hidden">{ragLabel(status, t)}</span>
    </span>
  );
}

/**
 * Partnership health over time: per partner, a row per dimension with its rating at each
 * point (snapshots, reviews, now), oldest on the left. For partnership maps.
 */
export function HealthTrend({ refresh = 0 }: { refresh?: number }) {
  const { mapId } = useMapPage();
  const trend = useLoaded(mapId, () => getHealthTrend(mapId), refresh);
  const headingId = useId();
  const t = useHistoryTranslate();
  const partners = useMemo(() => (trend.data ? healthTrendRows(trend.data) : []), [trend.data]);
  const points = trend.data?.points ?? [];

  return (
    <section className="history-section health-trend" aria-labelledby={headingId}>
      <h3 className="panel-heading" id={headingId}>
        {t('health.title')}
      </h3>
      {trend.error && (
        <p className="history-error" role="alert">
          {trend.error}
        </p>
      )}
      {trend.loading && !trend.data && <p className="panel-empty">{t('health.loading')}</p>}
      {trend.data && partners.every((p) => p.rows.length === 0) && <p className="panel-empty">{t('health.empty')}</p>}
      {partners
        .filter((partner) => partner.rows.length > 0)
        .map((partner) => (
          <div key={partner.id} className="health-trend__scroll">
            <table className="health-trend__table">
              <caption>{partner.label}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t('health.dimension')}</span>
                  </th>
                  {points.map((point, i) => (
                    <th
                      key={i}
                      scope="col"
                      title={t('health.pointTitle', { label: point.label, day: dayIn(point.at) })}
                    >
                      <span className="health-trend__point">{point.label}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {partner.rows.map((row) => (
                  <tr key={row.dimension}>
                    <th scope="row">{row.label}</th>
                    {row.marks.map((mark, i) => (
                      <td key={i}>
                        <HealthDot status={mark} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
