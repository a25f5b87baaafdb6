import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomId } from '@loopmap/shared';
import type { Clock } from '../clock.ts';
import { isHttps } from './middleware.ts';

/**
 * "Known device" cookies, after OWASP's device-cookie design: each successful sign-in leaves the
 * browser a cookie, signed with the server's secret, saying "this device has signed in to
 * account U". A later sign-in to U from that device is throttled on its own budget, apart from
 * the limits that strangers guessing U's password fill up, so they cannot lock U out of the
 * devices U already uses. The cookie proves nothing about the password and grants no access.
 */
export const DEVICE_COOKIE = 'loopmap_device';
/** A device stays known for a year after its last sign-in to the account. */
export const DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;
/** Accounts remembered per browser (a shared computer); the oldest is dropped first. */
const MAX_ACCOUNTS = 5;

export interface KnownDevice {
  /** Random, one per browser: the key of its own sign-in budget. */
  deviceId: string;
  userId: string;
  issuedAt: number;
}

/** A random 32-byte secret for a server that was given none (device cookies last until it restarts). */
export const randomServerSecret = (): Uint8Array => new Uint8Array(randomBytes(32));

export class KnownDevices {
  constructor(
    private readonly secret: Uint8Array,
    private readonly clock: Clock,
  ) {}

  private sign(userId: string, deviceId: string, issuedAt: string): string {
    return createHmac('sha256', this.secret).update(`device|${userId}|${deviceId}|${issuedAt}`).digest('base64url');
  }

  private entry(userId: string, deviceId: string, issuedAt: number): string {
    const issued = issuedAt.toString(36);
    return `${userId}.${deviceId}.${issued}.${this.sign(userId, deviceId, issued)}`;
  }

  /** The valid, unexpired entries of the request's device cookie, newest first. */
  private entries(c: Context): KnownDevice[] {
    const raw = getCookie(c, DEVICE_COOKIE);
    if (!raw || raw.length > 2048) return [];
    const now = this.clock.now();
    const found: KnownDevice[] = [];
    for (const entry of raw.split('~').slice(0, MAX_ACCOUNTS)) {
      const [userId, deviceId, issued, signature] = entry.split('.');
      if (!userId || !deviceId || !issued || !signature) continue;
      const expected = Buffer.from(this.sign(userId, deviceId, issued));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) continue;
      const issuedAt = parseInt(issued, 36);
      if (!Number.isFinite(issuedAt) || now - issuedAt > DEVICE_TTL_MS || issuedAt > now + 60_000) continue;
      found.push({ userId, deviceId, issuedAt });
    }
    return found;
  }

  /** This browser as a known device of the account, or null. */
  knownFor(c: Context, userId: string): KnownDevice | null {
    return this.entries(c).find((entry) => entry.userId === userId) ?? null;
  }

  /** After a successful sign-in: remember the account on this device (renewing its year). */
  remember(c: Context, userId: string, trustProxy: boolean): void {
    const known = this.entries(c);
    const deviceId = known[0]?.deviceId ?? randomId();
    const others = known.filter((e) => e.userId !== userId).slice(0, MAX_ACCOUNTS - 1);
    const value = [
      this.entry(userId, deviceId, this.clock.now()),
      ...others.map((e) => this.entry(e.userId, e.deviceId, e.issuedAt)),
    ];
    setCookie(c, DEVICE_COOKIE, value.join('~'), {
      httpOnly: true,
      sameSite: 'Strict',
      // Only sign-in reads it.
      path: '/api/auth',
      secure: isHttps(c, trustProxy),
      maxAge: Math.floor(DEVICE_TTL_MS / 1000),
    });
  }
}
