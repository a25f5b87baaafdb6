import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatBytes } from '../../api/exportsApi.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import type { DownloadState } from './useDownload.ts';

/** "42 %" in the interface's language, rounded down (a download is never 100% before it ends). */
const percent = (share: number): string =>
  new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 0 }).format(
    Math.floor(share * 100) / 100,
  );

/** "Preparing on the server…", "Downloading 42%" (or the bytes so far when the size is unknown). */
export function progressText(t: TFunction, state: DownloadState & { status: 'busy' }): string {
  if (state.phase === 'preparing') return t('exports:download.preparing');
  if (state.total) {
    return t('exports:download.progress', { done: percent(Math.min(1, state.received / state.total)) });
  }
  return t('exports:download.progress', { done: formatBytes(state.received) });
}

/** Steps a screen reader hears: the phase, then every quarter, not every chunk. */
function announcement(t: TFunction, state: DownloadState & { status: 'busy' }): string {
  if (state.phase === 'preparing' || !state.total)
    return state.phase === 'preparing' ? progressText(t, state) : t('exports:download.downloading');
  return t('exports:download.progress', { done: percent(Math.floor((state.received / state.total) * 4) / 4) });
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
  const { t } = useTranslation('exports');
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
        {t('download.saved', { fileName: state.fileName })}
      </p>
    );
  }
  const known = state.phase === 'downloading' && state.total !== null;
  return (
    <div className="download-status" data-testid="download-progress">
      <span id={labelId} className="download-status__label">
        {progressText(t, state)}
      </span>
      <progress
        className="download-status__bar"
        aria-labelledby={labelId}
        max={known ? (state.total ?? 1) : undefined}
        value={known ? state.received : undefined}
      />
      <span className="visually-hidden" role="status">
        {announcement(t, state)}
      </span>
      <button type="button" className="button button--small button--quiet" onClick={onCancel}>
        {t('download.cancel')}
      </button>
    </div>
  );
}
