import { useRef, useState } from 'react';
import { DownloadIcon } from '../../app/icons.tsx';
import { lazyView } from '../../app/lazyView.tsx';
import type { ExportVersion } from './ExportDialog.tsx';

/** The Export menu, its previews and renderers: loaded when it is first opened. */
const ExportDialog = lazyView(() => import('./ExportDialog.tsx').then((m) => m.ExportDialog), {
  label: 'the export menu',
  placement: 'dialog',
});

export interface ExportButtonProps {
  mapId: string;
  mapTitle: string;
  version?: ExportVersion | null;
}

/** "Export": opens the Export menu, and takes the focus back when it closes. */
export function ExportButton({ mapId, mapTitle, version = null }: ExportButtonProps) {
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
        title={
          version
            ? 'Download this version as a picture, document or data'
            : 'Download the map as a picture, document or data'
        }
        onPointerEnter={ExportDialog.preload}
        onFocus={ExportDialog.preload}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <DownloadIcon size={16} />
        {version ? 'Export this version' : 'Export'}
      </button>
      {opened && <ExportDialog open={open} onClose={close} mapId={mapId} mapTitle={mapTitle} version={version} />}
    </>
  );
}
