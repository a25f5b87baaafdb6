import { useId, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { UserView } from '@loopmap/shared';
import { ApiError } from '../api/ApiError.ts';
import { errorText } from '../api/errorText.ts';
import { LockIcon } from '../app/icons.tsx';
import { authPath } from '../app/routes.ts';
import { currentPath, navigate } from '../app/history.ts';
import { useCooldown } from '../app/useCooldown.ts';
import { authStore } from '../auth/useSession.ts';
import { PasswordField } from './PasswordField.tsx';

export interface SessionEndedDialogProps {
  user: UserView;
  /** Signed in again: reconnect, so the edits kept on the device are sent. */
  onSignedIn: () => void;
  /** Whether this user may edit (the message talks about their changes, or about following). */
  canEdit: boolean;
}

/**
 * The session ended while the map was open (signed out elsewhere, password changed, expired).
 * Not modal: the map stays usable and every edit is kept in the document and on the device;
 * signing in again here (as the same account) reconnects and sends them.
 */
export function SessionEndedDialog({ user, onSignedIn, canEdit }: SessionEndedDialogProps) {
  const { t } = useTranslation('auth');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cooldown, startCooldown] = useCooldown();
  const titleId = useId();
  const textId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!password) {
      setError(t('signIn.enterPassword'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await authStore.signIn(user.email, password);
      onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds) startCooldown(err.retryAfterSeconds);
      setError(errorText(err, t, t('signIn.failed')));
      setBusy(false);
    }
  };

  return (
    <section className="session-ended" role="dialog" aria-labelledby={titleId} aria-describedby={textId}>
      <div className="session-ended__icon" aria-hidden="true">
        <LockIcon size={20} />
      </div>
      <form onSubmit={submit} noValidate className="session-ended__form" aria-label={t('sessionEnded.form')}>
        <h2 id={titleId} className="session-ended__title">
          {t('sessionEnded.title')}
        </h2>
        {/* Announced when it appears, without taking focus from whatever the user is typing in. */}
        <p id={textId} className="session-ended__text" role="alert">
          {canEdit ? t('sessionEnded.editing') : t('sessionEnded.following')}
        </p>
        <input type="email" autoComplete="username" value={user.email} readOnly hidden />
        <p className="session-ended__who">
          <Trans t={t} i18nKey="sessionEnded.who" values={{ email: user.email }} components={{ strong: <strong /> }} />
        </p>
        <PasswordField
          label={t('password.label')}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {error && (
          <p className="auth-error" role="alert">
            {error}
          </p>
        )}
        <div className="session-ended__actions">
          <button type="submit" className="button button--primary" disabled={busy || cooldown > 0}>
            {cooldown > 0 ? t('tryAgainIn', { count: cooldown }) : busy ? t('signIn.busy') : t('sessionEnded.submit')}
          </button>
          <button
            type="button"
            className="link-button session-ended__switch"
            onClick={() => {
              authStore.forget();
              navigate(authPath('signin', currentPath()));
            }}
          >
            {t('sessionEnded.another')}
          </button>
        </div>
      </form>
    </section>
  );
}
