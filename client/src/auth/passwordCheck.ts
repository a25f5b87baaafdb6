import { useEffect, useState } from 'react';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem, passwordProblemCode } from '@loopmap/shared';
import type { PasswordStrength } from '@loopmap/shared/password-strength';
import type { TFunction } from 'i18next';

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
  const none = { suggestion: null, suggestionCode: null };
  if (password.length === 0)
    return { verdict: 'empty', score: 0, problem: 'enter a password', problemCode: 'empty', ...none };
  const problem = passwordProblem(password, context);
  return problem
    ? { verdict: 'too-weak', score: 0, problem, problemCode: passwordProblemCode(password, context), ...none }
    : { verdict: 'good', score: 3, problem: null, problemCode: null, ...none };
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

/**
 * Why a password is refused, in the reader's language: "use at least 10 characters" (lowercase,
 * no full stop, for sentences like "Choose another password: …").
 */
export function passwordProblemText(strength: PasswordStrength, t: TFunction): string | null {
  if (!strength.problemCode) return strength.problem;
  return t(`auth:password.problem.${strength.problemCode}`, {
    min: MIN_PASSWORD_LENGTH,
    max: MAX_PASSWORD_LENGTH,
    defaultValue: strength.problem ?? '',
  });
}

/** A hint to do better ("Avoid repeats."), in the reader's language, or null. */
export function passwordSuggestionText(strength: PasswordStrength, t: TFunction): string | null {
  if (!strength.suggestionCode) return strength.suggestion;
  return t(`auth:password.suggestion.${strength.suggestionCode}`, { defaultValue: strength.suggestion ?? '' });
}
