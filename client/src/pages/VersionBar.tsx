import { useEffect, type ReactNode } from 'react';
import type { MapGraph, MapJSON } from '@loopmap/shared';
import type { VersionMeta } from '../canvas/VersionCanvas.tsx';
import { CloseIcon } from '../app/icons.tsx';
import { useMapPage } from './MapPageContext.ts';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches('input[type="text"], textarea'));

/** The bar above a version: what it is, that it is read-only, and the way back (also Escape). */
export function VersionBar({ title, children }: { title: ReactNode; children?: ReactNode }) {
  const { showVersion } = useMapPage();
  const t = useHistoryTranslate();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || isTyping(event.target)) return;
      // A dialog (share, confirm) closes first.
      if (document.querySelector('dialog[open], [role="dialog"]')) return;
      showVersion({ mode: 'live' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [showVersion]);
  return (
    <div className="version-bar" role="region" aria-label={t('version.region')}>
      <p className="version-bar__title">{title}</p>
      {children}
      <button
        type="button"
        className="button button--primary version-bar__back"
        aria-keyshortcuts="Escape"
        title={t('version.backTitle')}
        onClick={() => showVersion({ mode: 'live' })}
      >
        <CloseIcon size={16} />
        {t('version.back')}
      </button>
    </div>
  );
}

/** What a version canvas draws of a map's settings, from its JSON or its graph. */
export const metaOf = (meta: MapJSON['meta'] | MapGraph['meta']): VersionMeta => ({
  kind: meta.kind,
  lanes: meta.lanes ?? null,
  ceilingY: meta.ceilingY ?? null,
});
