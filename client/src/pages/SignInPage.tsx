import { useState, type FormEvent } from 'react';
import { Link } from '../app/Link.tsx';
import { authPath } from '../app/routes.ts';
import { useAuthAttempt } from '../auth/useAuthAttempt.ts';
import { authStore, useSession } from '../auth/useSession.ts';
import { PasswordField } from '../panels/PasswordField.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { AuthFormFooter } from './AuthFormFooter.tsx';

/** Why the visitor is asked to sign in, from where they were going. */
export function authNotice(next: string | null, expired: boolean) {
  if (expired) return 'Your session has ended. Sign in again to continue.';
  if (next?.startsWith('/invite/')) return 'You have been invited to a map. Sign in or create an account to join it.';
  return null;
}

/** `/signin?next=…`: email and password; the app then goes to `next` (see App). */
export function SignInPage({ next }: { next: string | null }) {
  const session = useSession();
  const expired = session.status === 'expired';
  const [email, setEmail] = useState(expired ? session.user.email : '');
  const [password, setPassword] = useState('');
  const attempt = useAuthAttempt();
  const { run, setError } = attempt;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(!email.trim() ? 'Enter your email address.' : 'Enter your password.');
      return;
    }
    await run(() => authStore.signIn(email.trim(), password), 'Could not sign in.');
  };

  const notice = authNotice(next, expired);
  return (
    <AuthLayout
      title="Sign in to Loopmap"
      lede="Welcome back. Your maps are waiting."
      notice={notice}
      footer={
        <>
          New to Loopmap? <Link to={authPath('signup', next)}>Create an account</Link>
        </>
      }
    >
      <form className="auth-form" onSubmit={submit} noValidate aria-label="Sign in">
        <label className="field">
          <span className="field__label">Email</span>
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
          label="Password"
          name="password"
          autoComplete="current-password"
          autoFocus={Boolean(email)}
          value={password}
          onChange={setPassword}
        />
        <AuthFormFooter attempt={attempt} label="Sign in" busyLabel="Signing in…" />
      </form>
    </AuthLayout>
  );
}
