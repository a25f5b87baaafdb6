import { useState, type FormEvent } from 'react';
import type { UserView } from '@loopmap/shared';
import { usePasswordCheck } from '../../auth/passwordCheck.ts';
import { messageOf } from '../../api/ApiError.ts';
import { changePassword } from '../../api/authApi.ts';
import { PasswordField } from '../../panels/PasswordField.tsx';

/** Changing the password ends every other session (other devices must sign in again). */
export function ChangePasswordSection({ user }: { user: UserView }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const passwordCheck = usePasswordCheck();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(false);
    setError(null);
    const weak = passwordCheck(next, user).problem;
    setProblem(weak ? `Choose another password: ${weak}.` : null);
    if (!current) {
      setError('Enter your current password.');
      return;
    }
    if (weak) return;
    setBusy(true);
    try {
      await changePassword({ currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      setError(messageOf(err, 'Could not change the password.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section" aria-labelledby="password-title">
      <div className="settings-section__head">
        <h2 id="password-title" className="section-title">
          Password
        </h2>
        <p className="settings-section__lede">
          Changing it signs you out everywhere else: your other devices and browsers must sign in again.
        </p>
      </div>
      <form className="settings-form" onSubmit={submit} noValidate aria-label="Change password">
        {/* For password managers: which account this password belongs to. */}
        <input type="email" autoComplete="username" value={user.email} readOnly hidden />
        <PasswordField label="Current password" autoComplete="current-password" value={current} onChange={setCurrent} />
        <PasswordField
          label="New password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          strength={user}
          error={problem}
        />
        {error && (
          <p className="auth-error" role="alert">
            {error}
          </p>
        )}
        {done && (
          <p className="success-note" role="status">
            Password changed. Your other sessions have ended.
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
