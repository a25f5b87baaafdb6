import type { Clock } from '../clock.ts';
import { ApiError } from '../http/errors.ts';
import type { ThrottleBucket, ThrottleStore } from '../storage/ThrottleStore.ts';

export interface RateLimit {
  /** Attempts allowed in a burst. */
  capacity: number;
  /** One attempt comes back every this many ms. */
  refillMs: number;
}

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
  succeeded(): Promise<void>;
}

/** How often (at most) an attempt also deletes the buckets that are full again. */
const EXPIRE_EVERY_MS = 10 * MINUTE;

/**
 * Sign-in throttling that keeps guessing expensive without letting a stranger lock anyone out:
 * see SignInLimits for who fills which bucket. The buckets live in the store (ThrottleStore),
 * so every server instance on the same data counts the same attempts.
 */
export class SignInThrottle {
  private readonly limits: SignInLimits;
  private lastExpiry = -Infinity;

  constructor(
    private readonly store: ThrottleStore,
    limits: Partial<SignInLimits>,
    private readonly clock: Clock,
  ) {
    const limit = (name: BucketName): RateLimit => limits[name] ?? DEFAULT_SIGN_IN_LIMITS[name];
    this.limits = {
      perAccountAndAddress: limit('perAccountAndAddress'),
      perAddress: limit('perAddress'),
      perAccount: limit('perAccount'),
      perKnownDevice: limit('perKnownDevice'),
      perSignedIn: limit('perSignedIn'),
    };
    for (const [name, { capacity, refillMs }] of Object.entries(this.limits)) {
      if (!Number.isInteger(capacity) || capacity < 1 || !Number.isInteger(refillMs) || refillMs < 1)
        throw new Error(`sign-in limit ${name} needs a whole capacity and refillMs of at least 1`);
    }
  }

  /**
   * A password sign-in to `account` (the normalised email; an unknown one is limited alike, so
   * refusals tell nothing about which accounts exist). A known device is limited on its own budget
   * only: what strangers do, from its address or anywhere else, never refuses it.
   */
  signIn(input: { account: string; address: string; knownDevice: string | null }): Promise<Attempt> {
    if (input.knownDevice !== null) return this.take([['perKnownDevice', `${input.account}\n${input.knownDevice}`]]);
    return this.take([
      ['perAccountAndAddress', `${input.account}\n${input.address}`],
      ['perAddress', input.address],
      ['perAccount', input.account],
    ]);
  }

  /** A sign-up: limited per address (mass account creation), never given back. */
  async signUp(address: string): Promise<void> {
    await this.take([['perAddress', address]]);
  }

  /** The password typed again by someone signed in, keyed by their session or token. */
  reenter(credential: string): Promise<Attempt> {
    return this.take([['perSignedIn', credential]]);
  }

  /** Takes one attempt from every bucket, or from none and throws 429 with the longest wait. */
  private async take(keys: [BucketName, string][]): Promise<Attempt> {
    const buckets: ThrottleBucket[] = keys.map(([name, key]) => ({ limit: name, key, ...this.limits[name] }));
    const now = this.clock.now();
    if (now - this.lastExpiry >= EXPIRE_EVERY_MS) {
      this.lastExpiry = now;
      await this.store.expireThrottles(now);
    }
    const result = await this.store.takeAttempt(buckets, now);
    if (!result.ok) {
      let refusal: { name: BucketName; retryAfterSeconds: number } | null = null;
      for (const { limit, retryAfterMs } of result.refused) {
        const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
        if (refusal === null || retryAfterSeconds > refusal.retryAfterSeconds)
          refusal = { name: limit as BucketName, retryAfterSeconds };
      }
      throw new ApiError(
        429,
        'rate_limited',
        `${REFUSAL[refusal!.name]}; try again in ${waitInWords(refusal!.retryAfterSeconds)}`,
        { 'Retry-After': String(refusal!.retryAfterSeconds) },
      );
    }
    return { succeeded: () => this.store.refundAttempt(buckets, this.clock.now()) };
  }
}
