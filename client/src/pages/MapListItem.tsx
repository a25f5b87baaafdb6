import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { can, ROLE_LABELS, type MapSummary } from '@loopmap/shared';
import { mapKindLabel } from '../i18n/domainText.ts';
import { deleteMap, updateMap } from '../api/mapsApi.ts';
import { Link } from '../app/Link.tsx';
import { mapPath } from '../app/routes.ts';
import { EditableTitle } from './EditableTitle.tsx';
import { relativeTime } from './relativeTime.ts';

export interface MapListItemProps {
  map: MapSummary;
  onChanged: (map: MapSummary) => void;
  onDeleted: (id: string) => void;
}

/** One map in the list: open, rename in place, delete after an explicit confirmation. */
export function MapListItem({ map, onChanged, onDeleted }: MapListItemProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await deleteMap(map.id);
      onDeleted(map.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not delete the map.');
      setBusy(false);
    }
  };

  return (
    <li className="map-item" data-testid="map-item" data-map-id={map.id}>
      <div className="map-item__main">
        {mode === 'rename' ? (
          <EditableTitle
            startEditing
            label="New title"
            title={map.title}
            className="map-item__title-form"
            onSave={async (title) => onChanged(await updateMap(map.id, { title }))}
            onDone={() => setMode('view')}
          />
        ) : (
          <Link to={mapPath(map.id)} className="map-item__title">
            {map.title}
          </Link>
        )}
        <div className="map-item__meta">
          <span className={`kind-tag kind-tag--${map.kind}`}>{mapKindLabel(map.kind, t)}</span>
          <span className={`role-tag role-tag--${map.role}`} title="Your role on this map">
            {ROLE_LABELS[map.role]}
          </span>
          <span>
            Updated <time dateTime={map.updatedAt}>{relativeTime(map.updatedAt)}</time>
          </span>
        </div>
      </div>
      {mode === 'rename' ? (
        <p className="map-item__hint" aria-hidden="true">
          Enter to save · Esc to cancel
        </p>
      ) : mode === 'confirm-delete' ? (
        <div className="map-item__confirm" role="group" aria-label={`Confirm deleting ${map.title}`}>
          <span>Delete this map for everyone?</span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void remove()}
            autoFocus
          >
            {busy ? 'Deleting…' : 'Delete map'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="map-item__actions">
          <Link to={mapPath(map.id)} className="button" aria-label={`Open ${map.title}`}>
            Open
          </Link>
          {can(map.role, 'map.edit') && (
            <button
              type="button"
              className="button button--quiet"
              aria-label={`Rename ${map.title}`}
              onClick={() => setMode('rename')}
            >
              Rename
            </button>
          )}
          {can(map.role, 'map.delete') && (
            <button
              type="button"
              className="button button--quiet button--danger-text"
              aria-label={`Delete ${map.title}`}
              onClick={() => setMode('confirm-delete')}
            >
              Delete
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error map-item__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
