import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/**
 * Secrets as in the Lucia guide: 20 random bytes (160 bits) in lowercase base32. Only their
 * SHA-256 is stored, so a leaked database holds no usable session, token or invite.
 */
export function generateSecret(prefix = ''): string {
  return prefix + encodeBase32LowerCaseNoPadding(randomBytes(20));
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}
