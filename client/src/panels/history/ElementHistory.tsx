import { useContext, useState } from 'react';
import { MapPageContext } from '../../pages/MapPageContext.ts';
import { collapseEdits } from './historyEntries.ts';
import { entrySentences, useHistoryPages } from './RecentChanges.tsx';
import { EntryMeta } from './When.tsx';
import './history.css';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/**
 * "When did this change, and who": the attributed history of one card or link, as a collapsed
 * section at the bottom of the inspectors. It loads only when opened. Outside a map page (no
 * MapPageContext) it renders nothing, so the inspectors work wherever they are used.
 */
export function ElementHistory({ id }: { id: string }) {
  const page = useContext(MapPageContext);
  const t = useHistoryTranslate();
  const [open, setOpen] = useState(false);
  if (!page) return null;
  return (
    <details
      className="inspector-panel__section element-history"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="panel-heading element-history__summary">{t('panel.title')}</summary>
      {open && <ElementHistoryList mapId={page.mapId} id={id} onShowPoint={page.showVersion} />}
    </details>
  );
}

function ElementHistoryList({
  mapId,
  id,
  onShowPoint,
}: {
  mapId: string;
  id: string;
  onShowPoint: (view: { mode: 'version'; point: string; label: string }) => void;
}) {
  const history = useHistoryPages(mapId, id, 0);
  const t = useHistoryTranslate();
  return (
    <div className="element-history__body">
      {history.entries.length === 0 && !history.loading && !history.error && (
        <p className="panel-empty">{t('element.empty')}</p>
      )}
      <ol className="history-list">
        {collapseEdits(history.entries).map(({ entry, edits }) => (
          <li key={entry.seq} className="element-history__entry">
            {entrySentences(entry, t).map((line, i) => (
              <span key={i} className="element-history__line">
                {line}
              </span>
            ))}
            <EntryMeta seq={entry.seq} at={entry.at} edits={edits} onShowPoint={onShowPoint} />
          </li>
        ))}
      </ol>
      {history.error && (
        <p className="history-error" role="alert">
          {history.error}
        </p>
      )}
      {history.loading && <p className="panel-empty">{t('element.loading')}</p>}
      {history.more && !history.loading && (
        <button type="button" className="button button--small history-more" onClick={history.loadOlder}>
          {t('recent.loadOlder')}
        </button>
      )}
    </div>
  );
}
