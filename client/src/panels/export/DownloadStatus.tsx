import { useId } from 'react';
import { formatBytes } from '../../api/exportsApi.ts';
import type { DownloadState } from './useDownload.ts';

/** "Preparing on the server…", "Downloading 42%" (or the bytes so far when the size is unknown). */
export function progressText(state: DownloadState & { status: 'busy' }): string {
  if (state.phase === 'preparing') return 'Preparing on the server…';
  if (state.total) return `Downloading ${Math.min(100, Math.floor((state.received / state.total) * 100))}%`;
  return `Downloading ${formatBytes(state.received)}`;
}

/** Steps a screen reader hears: the phase, then every quarter, not every chunk. */
function announcement(state: DownloadState & { status: 'busy' }): string {
  if (state.phase === 'preparing' || !state.total)
    return state.phase === 'preparing' ? progressText(state) : 'Downloading';
  return `Downloading ${Math.floor((state.received / state.total) * 4) * 25}%`;
}

export interface DownloadStatusProps {
  state: DownloadState;
  onCancel: () => void;
}

/**
 * A download's progress bar with its words and a Cancel button, then "Saved …" or the error.
 * The progress is a labelled <progress>; a polite live region says the steps.
 */
export function DownloadStatus({ state, onCancel }: DownloadStatusProps) {
  const labelId = useId();
  if (state.status === 'idle') return null;
  if (state.status === 'failed') {
    return (
      <p className="auth-error download-status__error" role="alert">
        {state.message}
      </p>
    );
  }
  if (state.status === 'saved') {
    return (
      <p className="download-status__saved" role="status">
        Saved “{state.fileName}” to your downloads.
      </p>
    );
  }
  const known = state.phase === 'downloading' && state.total !== null;
  return (
    <div className="download-status" data-testid="download-progress">
      <span id={labelId} className="download-status__label">
        {progressText(state)}
      </span>
      <progress
        className="download-status__bar"
        aria-labelledby={labelId}
        max={known ? (state.total ?? 1) : undefined}
        value={known ? state.received : undefined}
      />
      <span className="visually-hidden" role="status">
        {announcement(state)}
      </span>
      <button type="button" className="button button--small button--quiet" onClick={onCancel}>
        Cancel download
      </button>
    </div>
  );
}
