import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link.tsx';
import { authPath } from '../app/routes.ts';
import { useAuthAttempt } from '../auth/useAuthAttempt.ts';
import { authStore, useSession } from '../auth/useSession.ts';
import { PasswordField } from '../panels/PasswordField.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { AuthFormFooter } from './AuthFormFooter.tsx';

/** Why the visitor is asked to sign in, from where they were going. */
export function authNotice(next: string | null, expired: boolean, t: TFunction) {
  if (expired) return t('auth:notice.expired');
  if (next?.startsWith('/invite/')) return t('auth:notice.invited');
  return null;
}

/** `/signin?next=…`: email and password; the app then goes to `next` (see App). */
export function SignInPage({ next }: { next: string | null }) {
  const { t } = useTranslation('auth');
  const session = useSession();
  const expired = session.status === 'expired';
  const [email, setEmail] = useState(expired ? session.user.email : '');
  const [password, setPassword] = useState('');
  const attempt = useAuthAttempt();
  const { run, setError } = attempt;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(!email.trim() ? t('signIn.enterEmail') : t('signIn.enterPassword'));
      return;
    }
    await run(() => authStore.signIn(email.trim(), password), t('signIn.failed'));
  };

  const notice = authNotice(next, expired, t);
  return (
    <AuthLayout
      title={t('signIn.title')}
      lede={t('signIn.lede')}
      notice={notice}
      footer={
        <>
          {t('signIn.newHere')} <Link to={authPath('signup', next)}>{t('signIn.toSignUp')}</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate aria-label={t('signIn.form')}>
        <label className="field">
          <span className="field__label">{t('email')}</span>
          <input
            className="input"
            type="email"
            name="email"
            autoComplete="username"
            inputMode="email"
            autoFocus={!email}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <PasswordField
          label={t('password.label')}
          name="password"
          autoComplete="current-password"
          autoFocus={Boolean(email)}
          value={password}
          onChange={setPassword}
        />
        <AuthFormFooter attempt={attempt} label={t('signIn.submit')} busyLabel={t('signIn.busy')} />
      </form>
    </AuthLayout>
  );
}
