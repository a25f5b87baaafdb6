import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errorText.ts';
import { deleteAccount } from '../../api/authApi.ts';
import { authStore } from '../../auth/useSession.ts';
import { PasswordField } from '../../panels/PasswordField.tsx';

/**
 * Deletes the account after the password is confirmed. The server refuses (409, with the map's
 * title) while the account is the only owner of a map that others use.
 */
export function DeleteAccountSection() {
  const { t } = useTranslation('account');
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!password) {
      setError(t('delete.enterPassword'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await deleteAccount({ password });
      authStore.forget();
    } catch (err) {
      setError(errorText(err, t, t('delete.failed')));
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section settings-section--danger" aria-labelledby="delete-title">
      <div className="settings-section__head">
        <h2 id="delete-title" className="section-title">
          {t('delete.title')}
        </h2>
        <p className="settings-section__lede">{t('delete.lede')}</p>
      </div>
      {open ? (
        <form className="settings-form" onSubmit={submit} noValidate aria-label={t('delete.form')}>
          <PasswordField
            label={t('delete.password')}
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
              {busy ? t('delete.busy') : t('delete.submit')}
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
              {t('common:action.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div>
          <button type="button" className="button button--danger-text" onClick={() => setOpen(true)}>
            {t('delete.open')}
          </button>
        </div>
      )}
    </section>
  );
}
