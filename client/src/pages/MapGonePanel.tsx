import { getNodes } from '@loopmap/shared';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link.tsx';

async function downloadCopy(doc: Y.Doc, title: string): Promise<void> {
  // The validated JSON form brings zod, kept out of the map page's first load (docs/benchmarks.md).
  const { toMapJSON } = await import('@loopmap/shared/map-json');
  const json = JSON.stringify(toMapJSON(doc), null, 2);
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `${title.replace(/[^\w -]+/g, '').trim() || 'map'}.json`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Why the map cannot be opened: deleted or unknown, never shared with us, or access removed. */
export type MapGoneReason = 'gone' | 'no-access' | 'removed';

/** The catalogue's key under `gone.` for each reason (map namespace). */
const TEXT: Record<MapGoneReason, string> = { gone: 'gone', 'no-access': 'noAccess', removed: 'removed' };

/**
 * The map cannot be opened (any more). If this device still holds a copy, offer it as JSON: the
 * user's work should not vanish with the server's copy or with their access.
 */
export function MapGonePanel({
  doc,
  title,
  reason = 'gone',
}: {
  doc: Y.Doc | null;
  title: string;
  reason?: MapGoneReason;
}) {
  const { t } = useTranslation('map');
  const cards = doc ? getNodes(doc).size : 0;
  const text = TEXT[reason];
  return (
    <main className="page page--centered">
      <div className="empty-state" role="alert" data-reason={reason}>
        <h1>{t(`gone.${text}.heading`)}</h1>
        <p>{t(`gone.${text}.body`)}</p>
        {doc && cards > 0 && (
          <p>
            {t('gone.copy', { count: cards })}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                downloadCopy(doc, title).catch((error: unknown) => {
                  console.warn('Loopmap could not prepare the copy', error);
                });
              }}
            >
              {t('gone.download')}
            </button>
          </p>
        )}
        <Link to="/" className="button button--primary">
          {t('common:notFound.toMaps')}
        </Link>
      </div>
    </main>
  );
}
