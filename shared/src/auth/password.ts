import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../api/auth.ts';

/**
 * The quick rules a password must pass, or null: a length (NIST SP 800-63B: length and a
 * block-list, not composition rules), enough different characters, and not the person's own email
 * or name. The block-list and the guess estimate are passwordStrength's
 * (`@loopmap/shared/password-strength`), which applies these rules first.
 */
/** Why a password fails the quick rules: a key for the interface's words (auth:password.problem.*). */
export type PasswordProblemCode = 'tooShort' | 'tooLong' | 'tooFewCharacters' | 'hasEmail' | 'hasName';

/** passwordProblem's reason as a code, or null (the interface words it in the reader's language). */
export function passwordProblemCode(
  password: string,
  context: { email?: string; name?: string } = {},
): PasswordProblemCode | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'tooFewCharacters';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'hasEmail';
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return 'hasName';
  return null;
}

const PROBLEM_TEXT: Record<PasswordProblemCode, string> = {
  tooShort: `use at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `use at most ${MAX_PASSWORD_LENGTH} characters`,
  tooFewCharacters: 'use more different characters',
  hasEmail: 'do not use your email address in your password',
  hasName: 'do not use your name in your password',
};

export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  const code = passwordProblemCode(password, context);
  return code ? PROBLEM_TEXT[code] : null;
}
