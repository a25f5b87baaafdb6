import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadIcon } from '../../app/icons.tsx';
import { lazyView } from '../../app/lazyView.tsx';
import type { ExportVersion } from './ExportDialog.tsx';

/** The Export menu, its previews and renderers: loaded when it is first opened. */
const ExportDialog = lazyView(() => import('./ExportDialog.tsx').then((m) => m.ExportDialog), {
  label: 'export',
  namespaces: ['exports'],
  placement: 'dialog',
});

export interface ExportButtonProps {
  mapId: string;
  mapTitle: string;
  version?: ExportVersion | null;
}

/** "Export": opens the Export menu, and takes the focus back when it closes. */
export function ExportButton({ mapId, mapTitle, version = null }: ExportButtonProps) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  // Mounted from the first opening on, so closing it is the dialog's own business.
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (): void => {
    setOpen(false);
    requestAnimationFrame(() => button.current?.focus());
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button--quiet"
        aria-haspopup="dialog"
        title={version ? t('exportButton.versionHint') : t('exportButton.mapHint')}
        onPointerEnter={ExportDialog.preload}
        onFocus={ExportDialog.preload}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <DownloadIcon size={16} />
        {version ? t('exportButton.version') : t('exportButton.map')}
      </button>
      {opened && <ExportDialog open={open} onClose={close} mapId={mapId} mapTitle={mapTitle} version={version} />}
    </>
  );
}
