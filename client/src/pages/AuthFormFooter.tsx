import { useTranslation } from 'react-i18next';
import type { AuthAttempt } from '../auth/useAuthAttempt.ts';

/** The end of a sign-in or sign-up form: the error (announced) and the submit button with its countdown. */
export function AuthFormFooter({
  attempt,
  label,
  busyLabel,
}: {
  attempt: AuthAttempt;
  label: string;
  busyLabel: string;
}) {
  const { t } = useTranslation('auth');
  const { error, busy, cooldown } = attempt;
  return (
    <>
      {error && (
        <p className="auth-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary button--large" disabled={busy || cooldown > 0}>
        {cooldown > 0 ? t('tryAgainIn', { count: cooldown }) : busy ? busyLabel : label}
      </button>
    </>
  );
}
