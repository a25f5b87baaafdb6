import { useId, useState, type FormEvent } from 'react';
import type { UserView } from '@loopmap/shared';
import { ApiError, messageOf } from '../api/ApiError.ts';
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
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cooldown, startCooldown] = useCooldown();
  const titleId = useId();
  const textId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!password) {
      setError('Enter your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await authStore.signIn(user.email, password);
      onSignedIn();
    } catch (err) {
      if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds) startCooldown(err.retryAfterSeconds);
      setError(messageOf(err, 'Could not sign in.'));
      setBusy(false);
    }
  };

  return (
    <section className="session-ended" role="dialog" aria-labelledby={titleId} aria-describedby={textId}>
      <div className="session-ended__icon" aria-hidden="true">
        <LockIcon size={20} />
      </div>
      <form onSubmit={submit} noValidate className="session-ended__form" aria-label="Sign in again">
        <h2 id={titleId} className="session-ended__title">
          Your session has ended
        </h2>
        {/* Announced when it appears, without taking focus from whatever the user is typing in. */}
        <p id={textId} className="session-ended__text" role="alert">
          {canEdit
            ? 'Sign in again to keep editing — your changes are kept on this device.'
            : 'Sign in again to keep following this map live.'}
        </p>
        <input type="email" autoComplete="username" value={user.email} readOnly hidden />
        <p className="session-ended__who">
          Signed in as <strong>{user.email}</strong>
        </p>
        <PasswordField label="Password" autoComplete="current-password" value={password} onChange={setPassword} />
        {error && (
          <p className="auth-error" role="alert">
            {error}
          </p>
        )}
        <div className="session-ended__actions">
          <button type="submit" className="button button--primary" disabled={busy || cooldown > 0}>
            {cooldown > 0 ? `Try again in ${cooldown} s` : busy ? 'Signing in…' : 'Sign in again'}
          </button>
          <button
            type="button"
            className="link-button session-ended__switch"
            onClick={() => {
              authStore.forget();
              navigate(authPath('signin', currentPath()));
            }}
          >
            Use another account
          </button>
        </div>
      </form>
    </section>
  );
}
