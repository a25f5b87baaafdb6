import { useTranslation } from 'react-i18next';
import type { SaveSnapshot, SyncStatus } from '../collab/SaveTracker.ts';

/** The catalogue's key of each status (common:sync.<key>.text and .title). */
const KEY: Record<SyncStatus, string> = {
  connecting: 'connecting',
  saving: 'saving',
  saved: 'saved',
  live: 'live',
  reconnecting: 'reconnecting',
  offline: 'offline',
  'signed-out': 'signedOut',
};

/** Read-only users have no changes to keep: only whether they are following live. */
const READ_ONLY: ReadonlySet<SyncStatus> = new Set(['reconnecting', 'offline', 'signed-out']);

export interface SyncStatusPillProps {
  status: SyncStatus;
  readOnly?: boolean;
  /** A large upload in slices (work made offline): how far the server has stored it. */
  upload?: SaveSnapshot['upload'];
}

/** Where the user's edits are: saved on the server, on their way, or kept on this device. */
export function SyncStatusPill({ status, readOnly = false, upload = null }: SyncStatusPillProps) {
  const { t } = useTranslation('common');
  if (upload && !readOnly) {
    const percent = Math.floor((100 * upload.done) / upload.total);
    return (
      <div
        className="sync-pill sync-pill--upload"
        role="status"
        data-testid="sync-status"
        data-status="uploading"
        title={t('sync.upload.title', { count: upload.total, done: upload.done })}
      >
        <span className="sync-pill__text">{t('sync.upload.text', { percent })}</span>
        <progress
          className="sync-pill__progress"
          max={upload.total}
          value={upload.done}
          aria-label={t('sync.upload.progress')}
        />
      </div>
    );
  }
  const key = readOnly && READ_ONLY.has(status) ? `readOnly.${KEY[status]}` : KEY[status];
  return (
    <div
      className="sync-pill"
      role="status"
      data-testid="sync-status"
      data-status={status}
      title={t(`sync.${key}.title`)}
    >
      <span className="sync-pill__dot" aria-hidden="true" />
      <span className="sync-pill__text">{t(`sync.${key}.text`)}</span>
    </div>
  );
}
