import { useTranslation } from 'react-i18next';
import { useId, useMemo } from 'react';
import { type RagStatus } from '@loopmap/shared';
import { getHealthTrend } from '../../api/reviewsApi.ts';
import { ragLabel } from '../../i18n/domainText.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { RagMark } from '../fields/RagMark.tsx';
import { healthTrendRows } from './historyText.ts';
import { useLoaded } from './useLoaded.ts';
import { dayText } from '../../app/dates.ts';

const LETTERS: Record<RagStatus, string> = { red: 'R', amber: 'A', green: 'G' };

/** One rating: a shaped mark and its letter, so it reads without colour. */
function HealthDot({ status }: { status: RagStatus | null }) {
  const { t } = useTranslation();
  if (!status) {
    return (
      <span className="health-dot health-dot--none">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">not rated</span>
      </span>
    );
  }
  return (
    <span className={`health-dot health-dot--${status}`}>
      <RagMark status={status} />
      <span aria-hidden="true">{LETTERS[status]}</span>
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
  const partners = useMemo(() => (trend.data ? healthTrendRows(trend.data) : []), [trend.data]);
  const points = trend.data?.points ?? [];

  return (
    <section className="history-section health-trend" aria-labelledby={headingId}>
      <h3 className="panel-heading" id={headingId}>
        Partnership health over time
      </h3>
      {trend.error && (
        <p className="history-error" role="alert">
          {trend.error}
        </p>
      )}
      {trend.loading && !trend.data && <p className="panel-empty">Loading the health trend…</p>}
      {trend.data && partners.every((p) => p.rows.length === 0) && (
        <p className="panel-empty">No partner has been rated yet. Rate partners in an actor card’s Health section.</p>
      )}
      {partners
        .filter((partner) => partner.rows.length > 0)
        .map((partner) => (
          <div key={partner.id} className="health-trend__scroll">
            <table className="health-trend__table">
              <caption>{partner.label}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Dimension</span>
                  </th>
                  {points.map((point, i) => (
                    <th key={i} scope="col" title={`${point.label}, ${dayText(point.at)}`}>
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
