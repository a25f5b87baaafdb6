import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { describeChange, type HistoryEntryView, type Translate } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { getHistory } from '../../api/historyApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';

import { collapseEdits } from './historyEntries.ts';
import { EntryMeta } from './When.tsx';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

const PAGE = 30;

/** An entry's sentences; an update the server could not summarise is said so, never guessed. */
export function entrySentences(entry: HistoryEntryView, t: Translate): string[] {
  const author = entry.author.name;
  if (!entry.summary) return [t('history:recent.undescribed', { author })];
  const lines = describeChange(entry.summary, author, t);
  return lines.length > 0 ? lines : [t('history:recent.aChange', { author })];
}

export interface HistoryPages {
  entries: HistoryEntryView[];
  error: string | null;
  loading: boolean;
  /** Null: nothing older. */
  more: boolean;
  loadOlder: () => void;
  loadNewer: () => void;
  refresh: () => void;
}

/** The attributed history, newest first, one page at a time ("Load older"). */
export function useHistoryPages(mapId: string, node: string | undefined, refresh: number): HistoryPages {
  const t = useHistoryTranslate();
  const [entries, setEntries] = useState<HistoryEntryView[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    getHistory(mapId, { limit: PAGE, node }).then(
      (page) => {
        if (!live) return;
        setEntries(page.entries);
        setNextBefore(page.nextBefore);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!live) return;
        setError(messageOf(caught, t('recent.loadFailed')));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [mapId, node, refresh, round, t]);

  const loadOlder = useCallback(() => {
    if (nextBefore === null) return;
    setLoading(true);
    setError(null);
    getHistory(mapId, { before: nextBefore, limit: PAGE, node }).then(
      (page) => {
        setEntries((current) => [...current, ...page.entries.filter((e) => !current.some((c) => c.seq === e.seq))]);
        setNextBefore(page.nextBefore);
        setLoading(false);
      },
      (caught: unknown) => {
        setError(messageOf(caught, t('recent.olderFailed')));
        setLoading(false);
      },
    );
  }, [mapId, node, nextBefore, t]);

  /** Puts entries logged since the newest shown on top, keeping the older pages loaded. */
  const loadNewer = useCallback(() => {
    getHistory(mapId, { limit: PAGE, node }).then(
      (page) =>
        setEntries((current) => {
          const top = current[0]?.seq ?? 0;
          const newer = page.entries.filter((e) => e.seq > top);
          return newer.length === 0 ? current : [...newer, ...current];
        }),
      () => undefined,
    );
  }, [mapId, node]);

  return {
    entries,
    error,
    loading,
    more: nextBefore !== null,
    loadOlder,
    loadNewer,
    refresh: () => setRound((n) => n + 1),
  };
}

/**
 * Calls `onPause` once the document has had no update for `ms` (local or remote edits), so a
 * list of recent changes follows the map while it is open, one request per pause.
 */
function useDocPause(doc: Y.Doc, ms: number, onPause: () => void): void {
  const latest = useRef(onPause);
  latest.current = onPause;
  useEffect(() => {
    let timer: number | undefined;
    const onUpdate = (): void => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => latest.current(), ms);
    };
    doc.on('update', onUpdate);
    return () => {
      window.clearTimeout(timer);
      doc.off('update', onUpdate);
    };
  }, [doc, ms]);
}

/** Recent changes in sentences: who did what, when; select what an entry touched, or open that point. */
export function RecentChanges({ refresh }: { refresh: number }) {
  const { mapId, session, reveal, showVersion } = useMapPage();
  const t = useHistoryTranslate();
  const history = useHistoryPages(mapId, undefined, refresh);
  // The server logs an update a moment after it arrives: ask once edits pause.
  useDocPause(session.doc, 2500, history.loadNewer);
  const runs = useMemo(() => collapseEdits(history.entries), [history.entries]);
  const headingId = useId();
  return (
    <section className="history-section" aria-labelledby={headingId}>
      <div className="history-section__bar">
        <h3 className="panel-heading" id={headingId}>
          {t('recent.title')}
        </h3>
        <button type="button" className="button button--small button--quiet" onClick={history.refresh}>
          {t('recent.refresh')}
        </button>
      </div>
      {history.entries.length === 0 && !history.loading && !history.error && (
        <p className="panel-empty">{t('recent.empty')}</p>
      )}
      <ol className="history-list">
        {runs.map(({ entry, edits }) => {
          const lines = entrySentences(entry, t);
          const first = entry.ids[0];
          return (
            <li key={entry.seq} className="history-item change-item">
              {first ? (
                <button
                  type="button"
                  className="change-item__text"
                  title={t('recent.showOnMap')}
                  onClick={() => reveal(first)}
                >
                  {lines.map((line, i) => (
                    <span key={i}>{line}</span>
                  ))}
                </button>
              ) : (
                <p className="change-item__text">
                  {lines.map((line, i) => (
                    <span key={i}>{line}</span>
                  ))}
                </p>
              )}
              <EntryMeta seq={entry.seq} at={entry.at} edits={edits} onShowPoint={showVersion} />
            </li>
          );
        })}
      </ol>
      {history.error && (
        <p className="history-error" role="alert">
          {history.error}
        </p>
      )}
      {history.loading && <p className="panel-empty">{t('recent.loading')}</p>}
      {history.more && !history.loading && (
        <button type="button" className="button button--small history-more" onClick={history.loadOlder}>
          {t('recent.loadOlder')}
        </button>
      )}
    </section>
  );
}
