import { useState, type FormEvent } from 'react';
import type { PasswordStrength } from '@loopmap/shared/password-strength';
import { usePasswordCheck } from '../auth/passwordCheck.ts';
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

function check(name: string, email: string, password: string, passwordCheck: PasswordCheck): Problems {
  const problems: Problems = {};
  if (!name.trim()) problems.name = 'Enter your name: it is what others see next to your cursor.';
  if (!EMAIL.test(email.trim())) problems.email = 'Enter a valid email address.';
  const weak = passwordCheck(password, { email, name }).problem;
  if (weak) problems.password = `Choose another password: ${weak}.`;
  return problems;
}

/** `/signup?next=…`: name, email, password (with the server's rules shown as it is typed). */
export function SignUpPage({ next }: { next: string | null }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const passwordCheck = usePasswordCheck();
  const attempt = useAuthAttempt();
  const { run } = attempt;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const found = check(name, email, password, passwordCheck);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      const first = found.name ? 'name' : found.email ? 'email' : 'password';
      document.querySelector<HTMLInputElement>(`.auth-form [name="${first}"]`)?.focus();
      return;
    }
    await run(() => authStore.signUp(name.trim(), email.trim(), password), 'Could not create the account.');
  };

  const notice = authNotice(next, false);
  return (
    <AuthLayout
      title="Create your account"
      lede="Build theory-of-change and partnership maps with your peers, live."
      notice={notice}
      footer={
        <>
          Already have an account? <Link to={authPath('signin', next)}>Sign in</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate aria-label="Create account">
        <label className="field">
          <span className="field__label">Your name</span>
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
              Shown to the people you map with.
            </span>
          )}
        </label>
        <label className="field">
          <span className="field__label">Email</span>
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
          label="Password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          strength={{ email, name }}
          error={problems.password}
        />
        <AuthFormFooter attempt={attempt} label="Create account" busyLabel="Creating account…" />
      </form>
    </AuthLayout>
  );
}
