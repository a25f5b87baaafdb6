import { useId } from 'react';
import { listSessions } from '../../api/historyApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { durationText, peopleList } from './historyText.ts';
import { useLoaded } from './useLoaded.ts';
import { momentIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/**
 * The live sessions recorded on this map (when two or more people worked on it together): when,
 * how long, who, how many changes, the summary written when it ended, and a compare of the map
 * before and after it.
 */
export function LiveSessions({ refresh }: { refresh: number }) {
  const { mapId, showVersion } = useMapPage();
  const sessions = useLoaded(mapId, () => listSessions(mapId), refresh);
  const headingId = useId();
  const t = useHistoryTranslate();
  const list = sessions.data ?? [];
  return (
    <section className="history-section" aria-labelledby={headingId}>
      <h3 className="panel-heading" id={headingId}>
        {t('sessions.title')} {sessions.data && <span className="panel-heading__count">{list.length}</span>}
      </h3>
      {sessions.error && (
        <p className="history-error" role="alert">
          {sessions.error}
        </p>
      )}
      {sessions.loading && !sessions.data && <p className="panel-empty">{t('sessions.loading')}</p>}
      {sessions.data && list.length === 0 && <p className="panel-empty">{t('sessions.empty')}</p>}
      <ul className="history-list">
        {list.map((session) => {
          const when = momentIn(session.startedAt);
          return (
            <li key={session.id} className="history-item">
              <p className="history-item__title">
                <time dateTime={session.startedAt}>{when}</time>
                {session.endedAt === null && (
                  <span className="history-badge history-badge--live">{t('sessions.liveNow')}</span>
                )}
              </p>
              <p className="history-item__meta">
                {session.endedAt ? durationText(t, session.startedAt, session.endedAt) : t('sessions.goingOn')} ·{' '}
                {t('sessions.changes', { count: session.changes })} ·{' '}
                {peopleList(
                  t,
                  session.participants.map((p) => p.name),
                )}
              </p>
              {session.summary && <p className="history-item__note">{session.summary}</p>}
              <div className="history-item__actions">
                <button
                  type="button"
                  className="button button--small"
                  disabled={session.toSeq <= session.fromSeq}
                  onClick={() =>
                    showVersion({
                      mode: 'compare',
                      from: String(session.fromSeq),
                      to: session.endedAt === null ? 'now' : String(session.toSeq),
                      label: t('sessions.compareLabel', { when }),
                    })
                  }
                >
                  <span>
                    {t('sessions.compare')}
                    <span className="visually-hidden"> ({when})</span>
                  </span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
