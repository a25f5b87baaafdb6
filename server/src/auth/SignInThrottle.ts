import type { Clock } from '../clock.ts';
import { ApiError } from '../http/errors.ts';
import { RateLimiter, type RateLimit } from './RateLimiter.ts';

/**
 * How many password attempts each party gets. Every bucket refills steadily; an attempt with the
 * right password is given back, so the limits count wrong passwords (and attempts still in flight).
 */
export interface SignInLimits {
  /** Wrong passwords for one account from one address: one address guessing one password. */
  perAccountAndAddress: RateLimit;
  /** Sign-in and sign-up attempts from one address, whatever the account (credential stuffing). */
  perAddress: RateLimit;
  /**
   * Wrong passwords for one account from all devices that have never signed in to it (a guessing
   * botnet). Much higher than the per-address limits; known devices do not count towards it.
   */
  perAccount: RateLimit;
  /** Wrong passwords from one known device (one that signed in to the account before). */
  perKnownDevice: RateLimit;
  /** Re-entering one's password while signed in (change password, delete account), per session or token. */
  perSignedIn: RateLimit;
}

const MINUTE = 60_000;

/**
 * One address: 10 wrong passwords for an account, then one a minute (~1,440 a day); 30 attempts
 * over all accounts, then one every 6 s. All strangers together: 100 wrong passwords for an
 * account, then one a minute. A known device: 10, then one a minute, whatever strangers do.
 */
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAccountAndAddress: { capacity: 10, refillMs: MINUTE },
  perAddress: { capacity: 30, refillMs: 6_000 },
  perAccount: { capacity: 100, refillMs: MINUTE },
  perKnownDevice: { capacity: 10, refillMs: MINUTE },
  perSignedIn: { capacity: 10, refillMs: MINUTE },
};

type BucketName = keyof SignInLimits;

/** Why a refusal happened, in words for the person refused. */
const REFUSAL: Record<BucketName, string> = {
  perAccountAndAddress: 'too many wrong passwords for this account from your network',
  perAddress: 'too many sign-in attempts from your network',
  perAccount:
    'too many wrong passwords for this account from elsewhere, so sign-in from devices new to it is slowed; a device you have signed in on before is not affected',
  perKnownDevice: 'too many wrong passwords from this device',
  perSignedIn: 'too many wrong passwords',
};

export function waitInWords(seconds: number): string {
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** An attempt that took its place in some buckets; a right password gives them back. */
export interface Attempt {
  succeeded(): void;
}

/**
 * Sign-in throttling that keeps guessing expensive without letting a stranger lock anyone out:
 * see SignInLimits for who fills which bucket. In memory, for one server process.
 */
export class SignInThrottle {
  private readonly limiters: Record<BucketName, RateLimiter>;

  constructor(limits: Partial<SignInLimits>, clock: Clock) {
    const limiter = (name: BucketName) => new RateLimiter(limits[name] ?? DEFAULT_SIGN_IN_LIMITS[name], clock);
    this.limiters = {
      perAccountAndAddress: limiter('perAccountAndAddress'),
      perAddress: limiter('perAddress'),
      perAccount: limiter('perAccount'),
      perKnownDevice: limiter('perKnownDevice'),
      perSignedIn: limiter('perSignedIn'),
    };
  }

  /**
   * A password sign-in to `account` (the normalised email; an unknown one is limited alike, so
   * refusals tell nothing about which accounts exist). A known device is limited on its own budget
   * only: what strangers do, from its address or anywhere else, never refuses it.
   */
  signIn(input: { account: string; address: string; knownDevice: string | null }): Attempt {
    if (input.knownDevice !== null) return this.take([['perKnownDevice', `${input.account}\n${input.knownDevice}`]]);
    return this.take([
      ['perAccountAndAddress', `${input.account}\n${input.address}`],
      ['perAddress', input.address],
      ['perAccount', input.account],
    ]);
  }

  /** A sign-up: limited per address (mass account creation), never given back. */
  signUp(address: string): void {
    this.take([['perAddress', address]]);
  }

  /** The password typed again by someone signed in, keyed by their session or token. */
  reenter(credential: string): Attempt {
    return this.take([['perSignedIn', credential]]);
  }

  /** Takes one attempt from every bucket, or from none and throws 429 with the longest wait. */
  private take(buckets: [BucketName, string][]): Attempt {
    let refusal: { name: BucketName; retryAfterSeconds: number } | null = null;
    for (const [name, key] of buckets) {
      const result = this.limiters[name].check(key);
      if (!result.ok && (refusal === null || result.retryAfterSeconds > refusal.retryAfterSeconds)) {
        refusal = { name, retryAfterSeconds: result.retryAfterSeconds };
      }
    }
    if (refusal) {
      throw new ApiError(
        429,
        'rate_limited',
        `${REFUSAL[refusal.name]}; try again in ${waitInWords(refusal.retryAfterSeconds)}`,
        { 'Retry-After': String(refusal.retryAfterSeconds) },
      );
    }
    for (const [name, key] of buckets) this.limiters[name].take(key);
    return {
      succeeded: () => {
        for (const [name, key] of buckets) this.limiters[name].refund(key);
      },
    };
  }
}
