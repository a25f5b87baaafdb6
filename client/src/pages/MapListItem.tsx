import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { can, type MapSummary } from '@loopmap/shared';
import { mapKindLabel } from '../i18n/domainText.ts';
import { deleteMap, updateMap } from '../api/mapsApi.ts';
import { errorText } from '../api/errorText.ts';
import { roleLabel } from '../auth/roleText.ts';
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
  const { t } = useTranslation('maps');
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
      setError(errorText(err, t, t('item.deleteFailed')));
      setBusy(false);
    }
  };

  return (
    <li className="map-item" data-testid="map-item" data-map-id={map.id}>
      <div className="map-item__main">
        {mode === 'rename' ? (
          <EditableTitle
            startEditing
            label={t('item.newTitle')}
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
          <span className={`role-tag role-tag--${map.role}`} title={t('item.yourRole')}>
            {roleLabel(map.role, t)}
          </span>
          <span>
            <Trans
              t={t}
              i18nKey="item.updated"
              values={{ when: relativeTime(map.updatedAt) }}
              components={{ time: <time dateTime={map.updatedAt} /> }}
            />
          </span>
        </div>
      </div>
      {mode === 'rename' ? (
        <p className="map-item__hint" aria-hidden="true">
          {t('item.renameHint')}
        </p>
      ) : mode === 'confirm-delete' ? (
        <div className="map-item__confirm" role="group" aria-label={t('item.confirmDeleteLabel', { title: map.title })}>
          <span>{t('item.confirmDelete')}</span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void remove()}
            autoFocus
          >
            {busy ? t('item.deleting') : t('item.deleteMap')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setMode('view')}>
            {t('common:action.cancel')}
          </button>
        </div>
      ) : (
        <div className="map-item__actions">
          <Link to={mapPath(map.id)} className="button" aria-label={t('item.openLabel', { title: map.title })}>
            {t('item.open')}
          </Link>
          {can(map.role, 'map.edit') && (
            <button
              type="button"
              className="button button--quiet"
              aria-label={t('item.renameLabel', { title: map.title })}
              onClick={() => setMode('rename')}
            >
              {t('item.rename')}
            </button>
          )}
          {can(map.role, 'map.delete') && (
            <button
              type="button"
              className="button button--quiet button--danger-text"
              aria-label={t('item.deleteLabel', { title: map.title })}
              onClick={() => setMode('confirm-delete')}
            >
              {t('item.delete')}
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
