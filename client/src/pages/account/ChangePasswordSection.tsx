import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '@loopmap/shared';
import { passwordProblemText, usePasswordCheck } from '../../auth/passwordCheck.ts';
import { errorText } from '../../api/errorText.ts';
import { changePassword } from '../../api/authApi.ts';
import { PasswordField } from '../../panels/PasswordField.tsx';

/** Changing the password ends every other session (other devices must sign in again). */
export function ChangePasswordSection({ user }: { user: UserView }) {
  const { t } = useTranslation('account');
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
    const weak = passwordProblemText(passwordCheck(next, user), t);
    setProblem(weak ? t('auth:password.chooseAnother', { problem: weak }) : null);
    if (!current) {
      setError(t('password.enterCurrent'));
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
      setError(errorText(err, t, t('password.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section" aria-labelledby="password-title">
      <div className="settings-section__head">
        <h2 id="password-title" className="section-title">
          {t('password.title')}
        </h2>
        <p className="settings-section__lede">{t('password.lede')}</p>
      </div>
      <form className="settings-form" onSubmit={submit} noValidate aria-label={t('password.form')}>
        {/* For password managers: which account this password belongs to. */}
        <input type="email" autoComplete="username" value={user.email} readOnly hidden />
        <PasswordField
          label={t('password.current')}
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
        />
        <PasswordField
          label={t('password.new')}
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
            {t('password.done')}
          </p>
        )}
        <div>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('password.busy') : t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
