import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './listPage.css';
import type { MapSummary } from '@loopmap/shared';
import { listMaps } from '../api/mapsApi.ts';
import { errorText } from '../api/errorText.ts';
import { navigate } from '../app/history.ts';
import { UploadIcon } from '../app/icons.tsx';
import { mapPath } from '../app/routes.ts';
import { AppHeader } from './AppHeader.tsx';
import { CreateMapForm } from './CreateMapForm.tsx';
import { ImportMapDialog } from './import/ImportMapDialog.tsx';
import { MapListItem } from './MapListItem.tsx';

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; maps: MapSummary[] };

const byUpdated = (a: MapSummary, b: MapSummary): number => b.updatedAt.localeCompare(a.updatedAt);

/** `/`: the maps the signed-in user is a member of, newest first; create, rename, delete, open. */
export function MapListPage() {
  const { t } = useTranslation('maps');
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [importing, setImporting] = useState(false);
  const importButton = useRef<HTMLButtonElement>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', maps: (await listMaps()).sort(byUpdated) });
    } catch (err) {
      setState({ status: 'error', message: errorText(err, t, t('list.loadFailed')) });
    }
  }, [t]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    document.title = t('common:documentTitle', { page: t('list.title') });
  }, [t]);

  const update = (change: (maps: MapSummary[]) => MapSummary[]): void =>
    setState((current) => (current.status === 'ready' ? { status: 'ready', maps: change(current.maps) } : current));

  return (
    <div className="page">
      <AppHeader />
      <main className="list-page">
        <div className="list-page__intro">
          <div>
            <h1 className="page-title">{t('list.title')}</h1>
            <p className="page-lede">{t('list.lede')}</p>
          </div>
          <button
            ref={importButton}
            type="button"
            className="button"
            aria-haspopup="dialog"
            title={t('import.buttonTitle')}
            onClick={() => setImporting(true)}
          >
            <UploadIcon size={16} />
            {t('import.button')}
          </button>
        </div>
        <CreateMapForm onCreated={(map) => navigate(mapPath(map.id))} />
        <ImportMapDialog
          open={importing}
          onClose={() => {
            setImporting(false);
            requestAnimationFrame(() => importButton.current?.focus());
          }}
          onImported={(id) => navigate(mapPath(id))}
        />
        <section aria-labelledby="maps-title" className="card-panel">
          <h2 id="maps-title" className="section-title">
            {t('list.yours')}
            {state.status === 'ready' && <span className="section-title__count">{state.maps.length}</span>}
          </h2>
          {state.status === 'loading' && (
            <p className="muted" role="status">
              {t('list.loading')}
            </p>
          )}
          {state.status === 'error' && (
            <div className="error-box" role="alert">
              <p>{state.message}</p>
              <button type="button" className="button" onClick={() => void load()}>
                {t('common:action.tryAgain')}
              </button>
            </div>
          )}
          {state.status === 'ready' && state.maps.length === 0 && <p className="empty-note">{t('list.empty')}</p>}
          {state.status === 'ready' && (
            <ul className="map-list" data-testid="map-list">
              {state.maps.map((map) => (
                <MapListItem
                  key={map.id}
                  map={map}
                  onChanged={(changed) =>
                    update((maps) => maps.map((m) => (m.id === changed.id ? changed : m)).sort(byUpdated))
                  }
                  onDeleted={(id) => update((maps) => maps.filter((m) => m.id !== id))}
                />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
