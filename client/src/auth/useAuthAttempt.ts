import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../api/ApiError.ts';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cooldown, startCooldown] = useCooldown();

  useEffect(() => {
    if (cooldown === 0) setError((current) => (current?.startsWith('Too many attempts') ? null : current));
  }, [cooldown]);

  const run = async (call: () => Promise<unknown>, fallbackMessage: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call();
      // Signed in: the router takes the visitor on (see App); this form is about to go.
    } catch (err) {
      if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds) startCooldown(err.retryAfterSeconds);
      setError(messageOf(err, fallbackMessage));
      setBusy(false);
    }
  };

  return { error, setError, busy, cooldown, run };
}
