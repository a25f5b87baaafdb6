import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../../api/errorText.ts';
import { downloadFile, isAbort, type DownloadProgress } from '../../api/exportsApi.ts';
import { i18next } from '../../i18n/i18n.ts';

/** Where a download started from a menu is, for its progress bar and messages. */
export type DownloadState =
  | { status: 'idle' }
  | ({ status: 'busy' } & DownloadProgress)
  | { status: 'saved'; fileName: string }
  | { status: 'failed'; message: string };

const IDLE: DownloadState = { status: 'idle' };

/** How long a saved file's blob URL lives: the browser has long started saving it by then. */
const BLOB_URL_LIFETIME_MS = 60_000;

/** Hands a downloaded file to the browser's own download (the name as the server gave it). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), BLOB_URL_LIFETIME_MS);
}

export interface Download {
  state: DownloadState;
  /** Fetches `url` with progress and saves it; a download already running is cancelled first. */
  start(url: string, fallbackName: string): void;
  cancel(): void;
  /** Forgets a finished or failed download's message. */
  reset(): void;
}

/**
 * One download at a time, with progress ("Preparing on the server…", then the bytes as they
 * arrive), a cancel, and the server's error in words. Unmounting cancels it.
 */
export function useDownload(): Download {
  const [state, setState] = useState<DownloadState>(IDLE);
  const running = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    running.current?.abort();
    running.current = null;
    setState(IDLE);
  }, []);

  const start = useCallback((url: string, fallbackName: string) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    const current = (): boolean => running.current === controller;
    downloadFile(url, {
      signal: controller.signal,
      fallbackName,
      onProgress: (progress) => current() && setState({ status: 'busy', ...progress }),
    }).then(
      ({ blob, fileName }) => {
        if (!current()) return;
        running.current = null;
        saveFile(blob, fileName);
        setState({ status: 'saved', fileName });
      },
      (error: unknown) => {
        if (!current() || isAbort(error)) return;
        running.current = null;
        setState({ status: 'failed', message: messageOf(error, i18next.t('exports:download.failed')) });
      },
    );
  }, []);

  const reset = useCallback(() => setState((now) => (now.status === 'busy' ? now : IDLE)), []);

  useEffect(() => () => running.current?.abort(), []);
  return { state, start, cancel, reset };
}
