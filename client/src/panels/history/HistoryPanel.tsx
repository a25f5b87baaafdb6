import { useId, useState } from 'react';
import { can, type SnapshotView } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { restoreInPlace } from '../../api/historyApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { LiveSessions } from './LiveSessions.tsx';
import { RecentChanges } from './RecentChanges.tsx';
import { RevertForm } from './RevertForm.tsx';
import { SnapshotsSection } from './SnapshotsSection.tsx';
import './history.css';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/** What was just restored, with the snapshot that undoes it (taken by the server just before). */
interface Undoable {
  message: string;
  undo: SnapshotView;
  /** "Undo restore" or "Undo" (a selective restore). */
  action: 'undoRestore' | 'undo';
}

/**
 * The map's memory beside the canvas (dock panel 'history'): snapshots, selective restore,
 * recent changes in sentences, and the live sessions. Everything comes from useMapPage(); the
 * canvas shows versions and compares through showVersion().
 */
export function HistoryPanel({ onClose }: { onClose: () => void }) {
  const { mapId, role, notice } = useMapPage();
  const t = useHistoryTranslate();
  const titleId = useId();
  const [refresh, setRefresh] = useState(0);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  const [undoing, setUndoing] = useState(false);
  const [undoError, setUndoError] = useState<string | null>(null);

  const restored =
    (action: Undoable['action']) =>
    (undo: SnapshotView, message: string): void => {
      setUndoable({ undo, message, action });
      setUndoError(null);
      notice(message);
      setRefresh((n) => n + 1);
    };
  const undoRestore = async (): Promise<void> => {
    if (!undoable) return;
    setUndoing(true);
    setUndoError(null);
    try {
      await restoreInPlace(mapId, undoable.undo.id);
      setUndoable(null);
      notice(t('panel.undone'));
      setRefresh((n) => n + 1);
    } catch (error) {
      setUndoError(messageOf(error, t('panel.undoFailed')));
    } finally {
      setUndoing(false);
    }
  };

  return (
    <aside className="side-panel history-panel" aria-labelledby={titleId}>
      <header className="side-panel__header">
        <h2 id={titleId} className="side-panel__title">
          {t('panel.title')}
        </h2>
        <button type="button" className="icon-button" aria-label={t('panel.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div role="status" className="history-undo-region">
        {undoable && (
          <div className="history-undo">
            <span>{undoable.message}</span>
            <button
              type="button"
              className="button button--small"
              disabled={undoing}
              onClick={() => void undoRestore()}
            >
              {t(`panel.${undoable.action}`)}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={t('panel.dismiss')}
              onClick={() => setUndoable(null)}
            >
              ×
            </button>
            {undoError && <p className="history-error">{undoError}</p>}
          </div>
        )}
      </div>
      <div className="history-panel__scroll">
        <SnapshotsSection onRestored={restored('undoRestore')} refresh={refresh} />
        {can(role, 'history.restore') && (
          <details className="history-section history-details">
            <summary className="panel-heading">{t('panel.revertHeading')}</summary>
            <RevertForm onReverted={restored('undo')} />
          </details>
        )}
        <RecentChanges refresh={refresh} />
        <LiveSessions refresh={refresh} />
      </div>
    </aside>
  );
}
