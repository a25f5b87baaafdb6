import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SHOW_MS = 4000;

/** A short message shown for a few seconds; `show` replaces any message on screen. */
export function useNotice(): [string | null, (message: string) => void, () => void] {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const clear = useCallback(() => {
    window.clearTimeout(timer.current);
    setMessage(null);
  }, []);
  const show = useCallback((next: string) => {
    window.clearTimeout(timer.current);
    setMessage(next);
    timer.current = window.setTimeout(() => setMessage(null), SHOW_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [message, show, clear];
}

/** Always in the DOM, so screen readers hear the messages (aria-live needs a live region). */
export function Toast({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  const { t } = useTranslation('common');
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && (
        <div className="toast">
          <span>{message}</span>
          <button
            type="button"
            className="icon-button icon-button--light"
            aria-label={t('toast.dismiss')}
            onClick={onDismiss}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
