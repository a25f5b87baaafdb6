import { useState, type FormEvent } from 'react';
import { messageOf } from '../../api/ApiError.ts';
import { deleteAccount } from '../../api/authApi.ts';
import { authStore } from '../../auth/useSession.ts';
import { PasswordField } from '../../panels/PasswordField.tsx';

/**
 * Deletes the account after the password is confirmed. The server refuses (409, with the map's
 * title) while the account is the only owner of a map that others use.
 */
export function DeleteAccountSection() {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!password) {
      setError('Enter your password to confirm.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await deleteAccount({ password });
      authStore.forget();
    } catch (err) {
      setError(messageOf(err, 'Could not delete the account.'));
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section settings-section--danger" aria-labelledby="delete-title">
      <div className="settings-section__head">
        <h2 id="delete-title" className="section-title">
          Delete account
        </h2>
        <p className="settings-section__lede">
          Removes your account, your tokens, and the maps only you use. Maps you share stay with their other members; if
          you are the only owner of one, make someone else its owner first.
        </p>
      </div>
      {open ? (
        <form className="settings-form" onSubmit={submit} noValidate aria-label="Delete account">
          <PasswordField
            label="Your password, to confirm"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            autoFocus
          />
          {error && (
            <p className="auth-error" role="alert">
              {error}
            </p>
          )}
          <div className="settings-form__actions">
            <button type="submit" className="button button--danger" disabled={busy}>
              {busy ? 'Deleting…' : 'Delete my account'}
            </button>
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => {
                setOpen(false);
                setPassword('');
                setError(null);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button type="button" className="button button--danger-text" onClick={() => setOpen(true)}>
            Delete account…
          </button>
        </div>
      )}
    </section>
  );
}
