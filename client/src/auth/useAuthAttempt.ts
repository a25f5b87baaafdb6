import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';
import { errorText } from '../api/errorText.ts';
import { useCooldown } from '../app/useCooldown.ts';

export interface AuthAttempt {
  /** The message to show (the server's, or a local check's), or null. */
  error: string | null;
  setError(message: string | null): void;
  busy: boolean;
  /** Seconds until the server accepts another attempt (after a 429), or 0. */
  cooldown: number;
  /** Runs a sign-in or sign-up call, with its busy state, errors and 429 countdown. */
  run(call: () => Promise<unknown>, fallbackMessage: string): Promise<void>;
}

/** The state a sign-in or sign-up form shares: busy, the error shown, the throttling countdown. */
export function useAuthAttempt(): AuthAttempt {
  const { t } = useTranslation('auth');
  const [error, setShownError] = useState<string | null>(null);
  /** The error shown is the server's "too many attempts": it goes when the countdown ends. */
  const [throttled, setThrottled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [cooldown, startCooldown] = useCooldown();

  const setError = (message: string | null): void => {
    setShownError(message);
    setThrottled(false);
  };

  useEffect(() => {
    if (cooldown === 0 && throttled) {
      setShownError(null);
      setThrottled(false);
    }
  }, [cooldown, throttled]);

  const run = async (call: () => Promise<unknown>, fallbackMessage: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call();
      // Signed in: the router takes the visitor on (see App); this form is about to go.
    } catch (err) {
      const limited = err instanceof ApiError && err.status === 429 && Boolean(err.retryAfterSeconds);
      if (limited) startCooldown(err.retryAfterSeconds!);
      setShownError(errorText(err, t, fallbackMessage));
      setThrottled(limited);
      setBusy(false);
    }
  };

  return { error, setError, busy, cooldown, run };
}
