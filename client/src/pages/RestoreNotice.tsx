import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotView } from '@loopmap/shared';
import { messageOf } from '../api/errorText.ts';
import { restoreInPlace } from '../api/historyApi.ts';
import { useMapPage } from './MapPageContext.ts';

/** A restore that just happened, and the snapshot that undoes it. */
export interface Restored {
  message: string;
  undo: SnapshotView;
}

/**
 * Says that the map was restored and offers to undo it (restoring the snapshot the server took
 * just before). Stays until dismissed: a restore changes everyone's map, so its undo should not
 * vanish after a few seconds like an ordinary notice.
 */
export function RestoreNotice({ restored, onDone }: { restored: Restored; onDone: () => void }) {
  const { mapId, notice } = useMapPage();
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation('map');
  const undo = async (): Promise<void> => {
    setBusy(true);
    try {
      await restoreInPlace(mapId, restored.undo.id);
      notice(t('restore.undone'));
      onDone();
    } catch (error) {
      notice(messageOf(error, t('restore.failed')));
      setBusy(false);
    }
  };
  return (
    <div className="restore-notice" role="status">
      <span>{restored.message}</span>
      <button type="button" className="button" disabled={busy} onClick={() => void undo()}>
        {busy ? t('restore.undoing') : t('restore.undo')}
      </button>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t('restore.dismiss')}
      </button>
    </div>
  );
}
