import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../api/auth.ts';

/** A few of the most common passwords of at least the minimum length (lowercased). */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '1111111111',
  'qwertyuiop',
  'password123',
  'password1234',
  'iloveyou123',
  'qwerty12345',
  'qwerty123456',
  'abcdefghij',
  'letmein123',
  'welcome123',
  'administrator',
  'passw0rd123',
  'changeme123',
  'loopmap123',
]);

/**
 * Why a password is too weak, or null when it is acceptable. Follows NIST SP 800-63B: a minimum
 * length and a block-list rather than composition rules.
 */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `use at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'that password is too common';
  if (new Set(lower).size < 4) return 'use more different characters';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'do not use your email address in your password';
  const name = context.name?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return 'do not use your name in your password';
  return null;
}
