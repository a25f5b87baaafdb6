import type { SyncStatus } from '../collab/SaveTracker.ts';

const TEXT: Record<SyncStatus, string> = {
  connecting: 'Connecting…',
  saving: 'Saving…',
  saved: 'Saved',
  reconnecting: 'Reconnecting — changes kept on this device',
  offline: 'Offline — changes kept on this device',
};

const TITLE: Record<SyncStatus, string> = {
  connecting: 'Connecting to the server',
  saving: 'Sending your latest changes to the server',
  saved: 'Every change you made is stored on the server',
  reconnecting: 'The connection dropped; your changes are safe on this device and will be sent when it is back',
  offline: 'No connection; your changes are safe on this device and will be sent when you are back online',
};

/** Where the user's edits are: saved on the server, on their way, or kept on this device. */
export function SyncStatusPill({ status }: { status: SyncStatus }) {
  return (
    <div className="sync-pill" role="status" data-testid="sync-status" data-status={status} title={TITLE[status]}>
      <span className="sync-pill__dot" aria-hidden="true" />
      <span className="sync-pill__text">{TEXT[status]}</span>
    </div>
  );
}
