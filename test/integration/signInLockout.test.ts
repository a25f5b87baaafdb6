import { beforeEach, describe, expect, it } from 'vitest';
import { AUTH_API } from '@loopmap/shared';
import { useTestServer } from './support/servers.ts';
import { request, signUp, type Actor, type ApiResponse } from './support/accounts.ts';

/**
 * Sign-in throttling against strangers: guessing stays slow, but nobody can lock a person out.
 * Addresses come from X-Forwarded-For (a trusted proxy), time from an injected clock.
 */
const STRANGER = '203.0.113.66';
const HOME = '198.51.100.20';
const CAFE = '192.0.2.44';

function deviceCookieFrom(res: ApiResponse): string {
  for (const cookie of res.headers.getSetCookie()) {
    const match = /^(loopmap_device=[^;]+)/.exec(cookie);
    if (match) return match[1]!;
  }
  throw new Error('no device cookie was set');
}

function signIn(baseUrl: string, email: string, password: string, from: string, cookie?: string) {
  return request(
    baseUrl,
    'POST',
    AUTH_API.login,
    { email, password },
    { 'x-forwarded-for': from, ...(cookie ? { cookie } : {}) },
  );
}

describe('a stranger cannot lock a person out (default limits)', () => {
  let now = Date.parse('2026-06-01T09:00:00Z');
  const clock = { now: () => now };
  const env = useTestServer({ clock, trustProxy: true });
  let owner: Actor;
  let laptop: string;
  beforeEach(async () => {
    now = Date.parse('2026-06-01T09:00:00Z');
    owner = await signUp(env.server.url, 'Owner');
    // The owner signed in on their laptop before: it is a known device of the account.
    const first = await signIn(env.server.url, owner.email, owner.password, HOME);
    expect(first.status).toBe(200);
    laptop = deviceCookieFrom(first);
  });

  it('50 wrong passwords from another address: the stranger is refused, the owner signs in anywhere', async () => {
    const statuses: number[] = [];
    let last: ApiResponse | undefined;
    for (let i = 0; i < 50; i++) {
      last = await signIn(env.server.url, owner.email, `guess number ${i}`, STRANGER);
      statuses.push(last.status);
    }
    // A burst of wrong guesses, then refusals: one address guessing one account is slowed.
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body).toEqual({
      error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ seconds?$/) },
    });
    // Even the right password from the stranger's address is refused for now: it is slowed too.
    expect((await signIn(env.server.url, owner.email, owner.password, STRANGER)).status).toBe(429);

    // The owner: from the known laptop at home, from a fresh device at a café, and from the
    // known laptop behind the stranger's own address (one office network).
    expect((await signIn(env.server.url, owner.email, owner.password, HOME, laptop)).status).toBe(200);
    expect((await signIn(env.server.url, owner.email, owner.password, CAFE)).status).toBe(200);
    expect((await signIn(env.server.url, owner.email, owner.password, STRANGER, laptop)).status).toBe(200);
    // Signed in, the owner can still change the password: strangers' guesses do not count there.
    const changed = await owner.api('POST', AUTH_API.password, {
      currentPassword: owner.password,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(204);
    // And the stranger is still refused, with the new password as with any other.
    expect((await signIn(env.server.url, owner.email, 'a brand new passphrase', STRANGER)).status).toBe(429);
  });

  it('one address guessing one account gets a guess a minute after its burst; its neighbours are not blocked', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await signIn(env.server.url, owner.email, `guess ${i}`, STRANGER)).status).toBe(401);
    }
    const refused = await signIn(env.server.url, owner.email, 'guess 10', STRANGER);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBe(60);
    expect(refused.body.error.message).toMatch(/too many wrong passwords for this account.*try again in 60 seconds/);
    // A colleague behind the same address signs in to their own account meanwhile.
    const colleague = await signUp(env.server.url, 'Colleague');
    expect((await signIn(env.server.url, colleague.email, colleague.password, STRANGER)).status).toBe(200);

    now += wait * 1000;
    expect((await signIn(env.server.url, owner.email, 'guess 11', STRANGER)).status).toBe(401);
    expect((await signIn(env.server.url, owner.email, 'guess 12', STRANGER)).status).toBe(429);
  });
});

describe('an address cannot be changed at will', () => {
  const env = useTestServer({ trustProxy: true });

  it('forged X-Forwarded-For entries, and the addresses of one IPv6 /64, count as one address', async () => {
    const owner = await signUp(env.server.url, 'Owner');
    const guesses = async (from: (i: number) => string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push((await signIn(env.server.url, owner.email, `guess ${i}`, from(i))).status);
      return statuses;
    };
    const slowed = [...Array<number>(10).fill(401), 429, 429];
    // The proxy appends the address it saw; what comes before is the client's to write.
    expect(await guesses((i) => `10.9.8.${i}, ${STRANGER}`)).toEqual(slowed);
    expect(await guesses((i) => `2001:db8:7:7::${i + 1}`)).toEqual(slowed);
    // Another /64 is another network.
    expect((await signIn(env.server.url, owner.email, 'guess', '2001:db8:7:8::1')).status).toBe(401);
  });
});

describe('a guessing botnet slows new devices only (tight limits)', () => {
  let now = Date.parse('2026-06-01T09:00:00Z');
  const clock = { now: () => now };
  const env = useTestServer({
    clock,
    trustProxy: true,
    limits: { perAccount: { capacity: 5, refillMs: 60_000 }, perKnownDevice: { capacity: 3, refillMs: 60_000 } },
  });
  let owner: Actor;
  let laptop: string;
  beforeEach(async () => {
    now = Date.parse('2026-06-01T09:00:00Z');
    owner = await signUp(env.server.url, 'Owner');
    laptop = deviceCookieFrom(await signIn(env.server.url, owner.email, owner.password, HOME));
  });

  it('many addresses fill the account-wide limit: new devices wait, known devices do not', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn(env.server.url, owner.email, 'wrong', `203.0.113.${i}`)).status).toBe(401);
    }
    const fresh = await signIn(env.server.url, owner.email, owner.password, CAFE);
    expect(fresh.status).toBe(429);
    expect(fresh.body.error.message).toMatch(/devices new to it.*a device you have signed in on before/);
    expect((await signIn(env.server.url, owner.email, owner.password, HOME, laptop)).status).toBe(200);

    // A forged or altered device cookie, or one for another account, is a new device.
    const other = await signUp(env.server.url, 'Other');
    const othersDevice = deviceCookieFrom(await signIn(env.server.url, other.email, other.password, STRANGER));
    const tampered = laptop.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await signIn(env.server.url, owner.email, owner.password, STRANGER, othersDevice)).status).toBe(429);
    expect((await signIn(env.server.url, owner.email, owner.password, CAFE, tampered)).status).toBe(429);

    // The account-wide budget refills with time.
    now += 60_000;
    expect((await signIn(env.server.url, owner.email, owner.password, CAFE)).status).toBe(200);
  });

  it('a known device has a budget of its own, so a stolen device cookie guesses slowly too', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn(env.server.url, owner.email, 'wrong', STRANGER, laptop)).status).toBe(401);
    }
    const refused = await signIn(env.server.url, owner.email, owner.password, STRANGER, laptop);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/from this device/);
    // Other devices of the owner's are not affected.
    expect((await signIn(env.server.url, owner.email, owner.password, CAFE)).status).toBe(200);
  });

  it('a device unused for a year is new again', async () => {
    now += 366 * 24 * 60 * 60 * 1000;
    for (let i = 0; i < 5; i++) await signIn(env.server.url, owner.email, 'wrong', `203.0.113.${i}`);
    expect((await signIn(env.server.url, owner.email, owner.password, HOME, laptop)).status).toBe(429);
  });

  it('a device cookie remembers several accounts, and outlives a restart', async () => {
    const other = await signUp(env.server.url, 'Other');
    const both = deviceCookieFrom(await signIn(env.server.url, other.email, other.password, HOME, laptop));
    await env.restart();
    for (let i = 0; i < 5; i++) await signIn(env.server.url, owner.email, 'wrong', `203.0.113.${i}`);
    for (let i = 0; i < 5; i++) await signIn(env.server.url, other.email, 'wrong', `203.0.113.${i}`);
    expect((await signIn(env.server.url, owner.email, owner.password, HOME, both)).status).toBe(200);
    expect((await signIn(env.server.url, other.email, other.password, HOME, both)).status).toBe(200);
    expect((await signIn(env.server.url, other.email, other.password, CAFE)).status).toBe(429);
  });
});
