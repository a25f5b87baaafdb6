import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PasswordStrength } from '@loopmap/shared/password-strength';
import { passwordProblemText, usePasswordCheck } from '../auth/passwordCheck.ts';
import { Link } from '../app/Link.tsx';
import { authPath } from '../app/routes.ts';
import { useAuthAttempt } from '../auth/useAuthAttempt.ts';
import { authStore } from '../auth/useSession.ts';
import { PasswordField } from '../panels/PasswordField.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { AuthFormFooter } from './AuthFormFooter.tsx';
import { authNotice } from './SignInPage.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Problems {
  name?: string;
  email?: string;
  password?: string;
}

type PasswordCheck = (password: string, context: { email?: string; name?: string }) => PasswordStrength;

function check(name: string, email: string, password: string, passwordCheck: PasswordCheck, t: TFunction): Problems {
  const problems: Problems = {};
  if (!name.trim()) problems.name = t('signUp.enterName');
  if (!EMAIL.test(email.trim())) problems.email = t('signUp.enterEmail');
  const weak = passwordProblemText(passwordCheck(password, { email, name }), t);
  if (weak) problems.password = t('password.chooseAnother', { problem: weak });
  return problems;
}

/** `/signup?next=…`: name, email, password (with the server's rules shown as it is typed). */
export function SignUpPage({ next }: { next: string | null }) {
  const { t } = useTranslation('auth');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const passwordCheck = usePasswordCheck();
  const attempt = useAuthAttempt();
  const { run } = attempt;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found = check(name, email, password, passwordCheck, t);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      const first = found.name ? 'name' : found.email ? 'email' : 'password';
      document.querySelector<HTMLInputElement>(`.auth-form [name="${first}"]`)?.focus();
      return;
    }
    await run(() => authStore.signUp(name.trim(), email.trim(), password), t('signUp.failed'));
  };

  const notice = authNotice(next, false, t);
  return (
    <AuthLayout
      title={t('signUp.title')}
      lede={t('signUp.lede')}
      notice={notice}
      footer={
        <>
          {t('signUp.haveAccount')} <Link to={authPath('signin', next)}>{t('signUp.toSignIn')}</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate aria-label={t('signUp.form')}>
        <label className="field">
          <span className="field__label">{t('signUp.name')}</span>
          <input
            className="input"
            name="name"
            autoComplete="name"
            autoFocus
            maxLength={80}
            value={name}
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? 'signup-name-error' : 'signup-name-hint'}
            onChange={(event) => setName(event.target.value)}
          />
          {problems.name ? (
            <span id="signup-name-error" className="field__error" role="alert">
              {problems.name}
            </span>
          ) : (
            <span id="signup-name-hint" className="field__hint">
              {t('signUp.nameHint')}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field__label">{t('email')}</span>
          <input
            className="input"
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            value={email}
            aria-invalid={problems.email ? true : undefined}
            aria-describedby={problems.email ? 'signup-email-error' : undefined}
            onChange={(event) => setEmail(event.target.value)}
          />
          {problems.email && (
            <span id="signup-email-error" className="field__error" role="alert">
              {problems.email}
            </span>
          )}
        </label>
        <PasswordField
          label={t('password.label')}
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          strength={{ email, name }}
          error={problems.password}
        />
        <AuthFormFooter attempt={attempt} label={t('signUp.submit')} busyLabel={t('signUp.busy')} />
      </form>
    </AuthLayout>
  );
}
