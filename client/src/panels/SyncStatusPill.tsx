import type { SaveSnapshot, SyncStatus } from '../collab/SaveTracker.ts';

const TEXT: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'Saved',
  live: 'Live',
  reconnecting: 'Reconnecting — changes kept on this device',
  offline: 'Offline — changes kept on this device',
  'signed-out': 'Signed out — changes kept on this device',
};

const TITLE: Record<SyncStatus, string> = {
  connecting: 'Connecting to the server',
  saving: 'Sending your latest changes to the server',
  saved: 'Every change you made is stored on the server',
  live: 'Connected: you see every change as it happens',
  reconnecting: 'The connection dropped; your changes are safe on this device and will be sent when it is back',
  offline: 'No connection; your changes are safe on this device and will be sent when you are back online',
  'signed-out': 'Your session ended; your changes are safe on this device and will be sent once you sign in again',
};

/** Read-only users have no changes to keep: only whether they are following live. */
const READ_ONLY_TEXT: Partial<Record<SyncStatus, string>> = {
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  'signed-out': 'Signed out',
};

const READ_ONLY_TITLE: Partial<Record<SyncStatus, string>> = {
  reconnecting: 'The connection dropped; the map will catch up when it is back',
  offline: 'No connection; the map will catch up when you are back online',
  'signed-out': 'Your session ended; sign in again to follow the map live',
};

export interface SyncStatusPillProps {
  status: SyncStatus;
  readOnly?: boolean;
  /** A large upload in slices (work made offline): how far the server has stored it. */
  upload?: SaveSnapshot['upload'];
}

/** Where the user's edits are: saved on the server, on their way, or kept on this device. */
export function SyncStatusPill({ status, readOnly = false, upload = null }: SyncStatusPillProps) {
  if (upload && !readOnly) {
    const percent = Math.floor((100 * upload.done) / upload.total);
    return (
      <div
        className="sync-pill sync-pill--upload"
        role="status"
        data-testid="sync-status"
        data-status="uploading"
        title={`Your offline work is large, so it goes to the server in ${upload.total} parts; ${upload.done} are stored. Keep this page open until it says Saved.`}
      >
        <span className="sync-pill__text">Sending offline work {percent}%</span>
        <progress
          className="sync-pill__progress"
          max={upload.total}
          value={upload.done}
          aria-label="Offline work stored on the server"
        />
      </div>
    );
  }
  const text = (readOnly ? READ_ONLY_TEXT[status] : undefined) ?? TEXT[status];
  const title = (readOnly ? READ_ONLY_TITLE[status] : undefined) ?? TITLE[status];
  return (
    <div className="sync-pill" role="status" data-testid="sync-status" data-status={status} title={title}>
      <span className="sync-pill__dot" aria-hidden="true" />
      <span className="sync-pill__text">{text}</span>
    </div>
  );
}
