import { useEffect, useState } from 'react';
import { passwordProblem } from '@loopmap/shared';
import type { PasswordStrength } from '@loopmap/shared/password-strength';

type Check = (password: string, context: { email?: string; name?: string }) => PasswordStrength;

/**
 * The server's password check in the browser. Its lists of common and breached passwords weigh
 * about 1 MB, so they load only on the pages that set a password (this hook starts the load);
 * until they arrive, the quick rules (length, variety, own name or email) stand in.
 */
let loaded: Check | null = null;
let loading: Promise<Check> | null = null;

function load(): Promise<Check> {
  loading ??= import('@loopmap/shared/password-strength').then((module) => {
    loaded = module.passwordStrength;
    return loaded;
  });
  return loading;
}

function quickCheck(password: string, context: { email?: string; name?: string }): PasswordStrength {
  if (password.length === 0) return { verdict: 'empty', score: 0, problem: 'enter a password', suggestion: null };
  const problem = passwordProblem(password, context);
  return problem
    ? { verdict: 'too-weak', score: 0, problem, suggestion: null }
    : { verdict: 'good', score: 3, problem: null, suggestion: null };
}

/** The password check to use now: the full one once loaded, the quick rules meanwhile. */
export function usePasswordCheck(): Check {
  const [check, setCheck] = useState<Check>(() => loaded ?? quickCheck);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    load().then(
      (full) => {
        if (live) setCheck(() => full);
      },
      () => undefined, // offline on a page never loaded before: the server still checks
    );
    return () => {
      live = false;
    };
  }, []);
  return check;
}
