import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../api/auth.ts';

/**
 * The quick rules a password must pass, or null: a length (NIST SP 800-63B: length and a
 * block-list, not composition rules), enough different characters, and not the person's own email
 * or name. The block-list and the guess estimate are passwordStrength's
 * (`@loopmap/shared/password-strength`), which applies these rules first.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `use at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (new Set(lower).size < 4) return 'use more different characters';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'do not use your email address in your password';
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return 'do not use your name in your password';
  return null;
}
