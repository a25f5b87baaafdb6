import { beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { addNode, CLOSE_CODES, createOrigin, readNodes } from '@loopmap/shared';
import { connectPeer } from './support/peers.ts';
import { useTestServer } from './support/servers.ts';
import { addMember, createMapAs, request, sessionCookieFrom, signUp, type Actor } from './support/accounts.ts';
import { waitFor } from './support/waitFor.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('accounts and sessions', () => {
  let now = Date.parse('2026-05-01T08:00:00Z');
  const clock = { now: () => now };
  beforeEach(() => {
    now = Date.parse('2026-05-01T08:00:00Z');
  });
  const env = useTestServer({ clock });

  it('signs up with a hashed password and an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await request(env.server.url, 'POST', '/api/auth/signup', {
      email: '  Amina@Example.org ',
      password: 'a river runs through it',
      name: 'Amina',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ email: 'amina@example.org', name: 'Amina' });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('loopmap_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // plain http on localhost

    const me = await request(env.server.url, 'GET', '/api/auth/me', undefined, {
      cookie: sessionCookieFrom(res.headers)!,
    });
    expect(me.body.user.email).toBe('amina@example.org');

    const db = new Database(join(env.dir, 'loopmap.sqlite'), { readonly: true });
    const stored = db.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    const session = db.prepare('SELECT id FROM sessions').get() as { id: string };
    db.close();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    // Only the token's SHA-256 is stored, never the token itself.
    const token = sessionCookieFrom(res.headers)!.split('=')[1]!;
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    expect(session.id).not.toContain(token);
  });

  it('refuses a taken email (409) and a weak password (400)', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const taken = await request(env.server.url, 'POST', '/api/auth/signup', {
      email: amina.email.toUpperCase(),
      password: 'another fine passphrase',
      name: 'Imposter',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
    // Too short, too few characters, and common passwords of ten characters or more (the
    // block-list of 49,233, with the usual variations).
    for (const [i, password] of [
      'short',
      '1234567890',
      'aaaaaaaaaaaaaaa',
      'password12',
      'Password123!',
      'qwertyuiop1',
    ].entries()) {
      const weak = await request(env.server.url, 'POST', '/api/auth/signup', {
        email: `weak${i}@example.org`,
        password,
        name: 'W',
      });
      expect(weak.status, password).toBe(400);
      expect(weak.body.error.code).toBe('weak_password');
    }
    const common = await request(env.server.url, 'POST', '/api/auth/signup', {
      email: 'common@example.org',
      password: 'password12',
      name: 'Common',
    });
    expect(common.body.error.message).toBe('password too weak: this is a commonly used password');
  });

  it('gives one message for a wrong password and for an unknown email', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const wrong = await request(env.server.url, 'POST', '/api/auth/login', {
      email: amina.email,
      password: 'not it at all',
    });
    const unknown = await request(env.server.url, 'POST', '/api/auth/login', {
      email: 'nobody@example.org',
      password: 'x',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    const right = await request(env.server.url, 'POST', '/api/auth/login', {
      email: amina.email,
      password: amina.password,
    });
    expect(right.status).toBe(200);
    expect(sessionCookieFrom(right.headers)).toBeTruthy();
  });

  it('signing out ends the session on the server and closes its sockets', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const mapId = await createMapAs(amina);
    const peer = connectPeer(env.server.url, mapId, 'amina', amina);
    await peer.whenSynced();
    const stolenCopy = amina.cookie;
    expect((await amina.api('POST', '/api/auth/logout')).status).toBe(204);
    await waitFor(() => peer.lastCloseCode() === CLOSE_CODES.unauthorized, 'socket closed with 4401');
    peer.destroy();
    const me = await request(env.server.url, 'GET', '/api/auth/me', undefined, { cookie: stolenCopy });
    expect(me.status).toBe(401);
  });

  it('changing the password ends every other session and keeps this one signed in', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const other = await request(env.server.url, 'POST', '/api/auth/login', {
      email: amina.email,
      password: amina.password,
    });
    const otherCookie = sessionCookieFrom(other.headers)!;
    const mapId = await createMapAs(amina);
    const laptop = connectPeer(env.server.url, mapId, 'laptop', { cookie: otherCookie });
    await laptop.whenSynced();

    const wrong = await amina.api('POST', '/api/auth/password', { currentPassword: 'nope', newPassword: 'x' });
    expect(wrong.status).toBe(401);
    const res = await amina.api('POST', '/api/auth/password', {
      currentPassword: amina.password,
      newPassword: 'a brand new passphrase',
    });
    expect(res.status).toBe(204);
    await waitFor(() => laptop.lastCloseCode() === CLOSE_CODES.unauthorized, 'the other device is signed out');
    laptop.destroy();
    expect((await request(env.server.url, 'GET', '/api/auth/me', undefined, { cookie: otherCookie })).status).toBe(401);
    const fresh = sessionCookieFrom(res.headers)!;
    expect((await request(env.server.url, 'GET', '/api/auth/me', undefined, { cookie: fresh })).status).toBe(200);
    const login = await request(env.server.url, 'POST', '/api/auth/login', {
      email: amina.email,
      password: 'a brand new passphrase',
    });
    expect(login.status).toBe(200);
  });

  it('sessions expire after 30 days unused, and slide while used', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    now += 20 * DAY; // inside the renewal window: extended to 30 days from now
    const used = await amina.api('GET', '/api/auth/me');
    expect(used.status).toBe(200);
    expect(used.headers.getSetCookie().some((c) => c.startsWith('loopmap_session='))).toBe(true);
    now += 29 * DAY; // 49 days after sign-up, 29 after last use
    expect((await amina.api('GET', '/api/auth/me')).status).toBe(200);
    now += 31 * DAY;
    const expired = await amina.api('GET', '/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthorized');
  });

  it('closes a socket once its session has expired, but not one whose session slid forward', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const bo = await signUp(env.server.url, 'Bo');
    const mapId = await createMapAs(amina);
    await addMember(amina, mapId, bo, 'editor');
    const aminaPeer = connectPeer(env.server.url, mapId, 'amina', amina);
    const boPeer = connectPeer(env.server.url, mapId, 'bo', bo);
    await Promise.all([aminaPeer.whenSynced(), boPeer.whenSynced()]);
    now += 20 * DAY;
    expect((await amina.api('GET', '/api/auth/me')).status).toBe(200); // Amina's session slides to day 50
    now += 11 * DAY; // day 31: Bo's session has expired, Amina's has not
    expect(await env.server.rooms.sweepSessions()).toBe(1);
    await waitFor(() => boPeer.lastCloseCode() === CLOSE_CODES.unauthorized, 'bo’s socket closed with 4401');
    expect(aminaPeer.provider.wsconnected).toBe(true);
    aminaPeer.destroy();
    boPeer.destroy();
  });

  it('deletes an account, refusing while it is the only owner of a map others use', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const bo = await signUp(env.server.url, 'Bo');
    const shared = await createMapAs(amina, 'Shared');
    await createMapAs(amina, 'Private');
    await addMember(amina, shared, bo, 'editor');
    const refused = await amina.api('DELETE', '/api/auth/account', { password: amina.password });
    expect(refused.status).toBe(409);
    await amina.api('PATCH', `/api/maps/${shared}/members/${bo.userId}`, { role: 'owner' });
    expect((await amina.api('DELETE', '/api/auth/account', { password: 'wrong one' })).status).toBe(401);
    expect((await amina.api('DELETE', '/api/auth/account', { password: amina.password })).status).toBe(204);
    expect((await amina.api('GET', '/api/auth/me')).status).toBe(401);
    const boMaps = await bo.api('GET', '/api/maps');
    expect(boMaps.body.maps.map((m: { title: string }) => m.title)).toEqual(['Shared']);
    const members = await bo.api('GET', `/api/maps/${shared}/members`);
    expect(members.body.members.map((m: { name: string }) => m.name)).toEqual(['Bo']);
  });
});

describe('cross-site request protection', () => {
  const env = useTestServer();
  let amina: Actor;
  beforeEach(async () => {
    amina = await signUp(env.server.url, 'Amina');
  });

  it('refuses a state-changing JSON request from another origin, even with a valid cookie', async () => {
    const evil = await amina.api('POST', '/api/maps', { title: 'Planted' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('csrf');
    const fetchMeta = await amina.api('POST', '/api/maps', { title: 'Planted' }, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.status).toBe(403);
    const logout = await amina.api('POST', '/api/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(logout.status).toBe(403);
    expect((await amina.api('GET', '/api/maps')).body.maps).toEqual([]);

    const same = await amina.api(
      'POST',
      '/api/maps',
      { title: 'Mine' },
      { origin: env.server.url, 'sec-fetch-site': 'same-origin' },
    );
    expect(same.status).toBe(201);
  });

  it('refuses a cross-site WebSocket even with a valid cookie', async () => {
    const mapId = await createMapAs(amina);
    const peer = connectPeer(env.server.url, mapId, 'evil', { cookie: amina.cookie, origin: 'https://evil.example' });
    await waitFor(() => peer.lastCloseCode() === CLOSE_CODES.forbidden, 'closed with 4403');
    peer.destroy();
  });
});

describe('sign-in throttling', () => {
  const env = useTestServer({
    trustProxy: true,
    limits: { perAddress: { capacity: 5, refillMs: 60_000 }, perAccount: { capacity: 3, refillMs: 60_000 } },
  });

  it('limits wrong passwords per account across addresses (from devices new to it), with Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await request(
        env.server.url,
        'POST',
        '/api/auth/login',
        { email: 'target@example.org', password: `guess ${i}` },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body.error.code).toBe('rate_limited');
  });

  it('limits attempts per address across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(
        env.server.url,
        'POST',
        '/api/auth/login',
        { email: `person${i}@example.org`, password: 'whatever it is' },
        { 'x-forwarded-for': '198.51.100.7' },
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('API tokens and live revocation', () => {
  const env = useTestServer();
  let amina: Actor;
  beforeEach(async () => {
    amina = await signUp(env.server.url, 'Amina');
  });

  it('creates a token shown once, uses it for REST and WebSocket, and revoking it closes its sockets', async () => {
    const created = await amina.api('POST', '/api/tokens', { name: 'Planning sync script' });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^lm_[a-z2-7]{32}$/);
    const listed = await amina.api('GET', '/api/tokens');
    expect(listed.body.tokens).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const mapId = (await request(env.server.url, 'POST', '/api/maps', { title: 'Scripted' }, bearer)).body.map.id;
    const viaQuery = connectPeer(env.server.url, mapId, 'script', { token: secret });
    await viaQuery.whenSynced();

    expect((await amina.api('DELETE', `/api/tokens/${created.body.token.id}`)).status).toBe(204);
    await waitFor(() => viaQuery.lastCloseCode() === CLOSE_CODES.unauthorized, 'the token’s socket is closed');
    viaQuery.destroy();
    const after = await request(env.server.url, 'GET', '/api/maps', undefined, bearer);
    expect(after.status).toBe(401);
    expect((await amina.api('DELETE', `/api/tokens/${created.body.token.id}`)).status).toBe(404);
  });

  it('removing a member closes their open socket at once, and they cannot come back', async () => {
    const bo = await signUp(env.server.url, 'Bo');
    const mapId = await createMapAs(amina);
    await addMember(amina, mapId, bo, 'editor');
    const boPeer = connectPeer(env.server.url, mapId, 'bo', bo);
    await boPeer.whenSynced();
    expect((await amina.api('DELETE', `/api/maps/${mapId}/members/${bo.userId}`)).status).toBe(204);
    await waitFor(() => boPeer.lastCloseCode() === CLOSE_CODES.forbidden, 'bo’s socket closed with 4403');
    // Whatever bo's client does next changes nothing.
    addNode(boPeer.doc, { kind: 'risk', label: 'After removal', x: 0, y: 0 }, createOrigin('user', 'bo'));
    await waitFor(() => boPeer.lastCloseCode() === CLOSE_CODES.forbidden, 'still refused on reconnect');
    boPeer.destroy();
    const check = connectPeer(env.server.url, mapId, 'check', amina);
    await check.whenSynced();
    expect(readNodes(check.doc)).toEqual([]);
    check.destroy();
    expect((await bo.api('GET', `/api/maps/${mapId}`)).status).toBe(403);
  });

  it('a role change makes the member reconnect with the new role', async () => {
    const bo = await signUp(env.server.url, 'Bo');
    const mapId = await createMapAs(amina);
    await addMember(amina, mapId, bo, 'viewer');
    const boPeer = connectPeer(env.server.url, mapId, 'bo', bo);
    await boPeer.whenSynced();
    await amina.api('PATCH', `/api/maps/${mapId}/members/${bo.userId}`, { role: 'editor' });
    await waitFor(() => boPeer.lastCloseCode() === CLOSE_CODES.roleChanged, 'told to reconnect');
    await boPeer.whenSynced();
    await waitFor(() => boPeer.provider.wsconnected, 'reconnected');
    addNode(boPeer.doc, { kind: 'outcome', label: 'Now an editor', x: 0, y: 0 }, createOrigin('user', 'bo'));
    await boPeer.whenSaved();
    const check = connectPeer(env.server.url, mapId, 'check', amina);
    await check.whenSynced();
    expect(readNodes(check.doc).map((n) => n.label)).toEqual(['Now an editor']);
    check.destroy();
    boPeer.destroy();
  });
});

describe('members and invites', () => {
  const env = useTestServer();

  it('lists members, keeps an owner, and lists only maps the caller belongs to', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const bo = await signUp(env.server.url, 'Bo');
    const mapId = await createMapAs(amina, 'Network map');
    await createMapAs(bo, 'Bo’s own');
    await addMember(amina, mapId, bo, 'commenter');
    const members = await bo.api('GET', `/api/maps/${mapId}/members`);
    expect(members.body.members.map((m: { name: string; role: string }) => [m.name, m.role])).toEqual([
      ['Amina', 'owner'],
      ['Bo', 'commenter'],
    ]);
    expect((await amina.api('GET', '/api/maps')).body.maps.map((m: { title: string }) => m.title)).toEqual([
      'Network map',
    ]);
    expect(
      (await bo.api('GET', '/api/maps')).body.maps.map((m: { title: string; role: string }) => m.role).sort(),
    ).toEqual(['commenter', 'owner']);
    const demoteLast = await amina.api('PATCH', `/api/maps/${mapId}/members/${amina.userId}`, { role: 'editor' });
    expect(demoteLast.status).toBe(409);
    expect((await amina.api('DELETE', `/api/maps/${mapId}/members/${amina.userId}`)).status).toBe(409);
    expect((await amina.api('POST', `/api/maps/${mapId}/members`, { email: bo.email, role: 'viewer' })).status).toBe(
      409,
    );
    expect(
      (await amina.api('POST', `/api/maps/${mapId}/members`, { email: 'ghost@example.org', role: 'viewer' })).status,
    ).toBe(404);
    // Bo leaves on his own.
    expect((await bo.api('DELETE', `/api/maps/${mapId}/members/${bo.userId}`)).status).toBe(204);
  });

  it('invite links use PUBLIC_URL, or the proxy’s forwarded origin when the proxy is trusted', async () => {
    await env.restart({ publicUrl: 'https://maps.example.org/' });
    const amina = await signUp(env.server.url, 'Amina');
    const mapId = await createMapAs(amina);
    const invite = await amina.api('POST', `/api/maps/${mapId}/invites`, { role: 'viewer', expiresInDays: 1 });
    expect(invite.body.url).toBe(`https://maps.example.org/invite/${invite.body.token}`);

    await env.restart({ trustProxy: true });
    // Same data directory: Amina's session is still valid on the restarted server.
    const behindProxy = await request(
      env.server.url,
      'POST',
      `/api/maps/${mapId}/invites`,
      { role: 'viewer', expiresInDays: 1 },
      { cookie: amina.cookie, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'loopmap.example.net' },
    );
    expect(behindProxy.body.url).toBe(`https://loopmap.example.net/invite/${behindProxy.body.token}`);
  });

  it('invite links grant a role once accepted, never more than their creator holds, and can be revoked', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    const fay = await signUp(env.server.url, 'Fay');
    const newcomer = await signUp(env.server.url, 'Newcomer');
    const late = await signUp(env.server.url, 'Late');
    const mapId = await createMapAs(amina, 'Invite map');
    await addMember(amina, mapId, fay, 'facilitator');

    const tooHigh = await fay.api('POST', `/api/maps/${mapId}/invites`, { role: 'owner', expiresInDays: 7 });
    expect(tooHigh.status).toBe(403);
    const invite = await fay.api('POST', `/api/maps/${mapId}/invites`, { role: 'editor', expiresInDays: 7 });
    expect(invite.status).toBe(201);
    expect(invite.body.url).toBe(`${env.server.url}/invite/${invite.body.token}`);

    const signedOut = await request(env.server.url, 'POST', `/api/invites/${invite.body.token}/accept`);
    expect(signedOut.status).toBe(401);
    const preview = await newcomer.api('GET', `/api/invites/${invite.body.token}`);
    expect(preview.body).toMatchObject({ mapTitle: 'Invite map', role: 'editor' });
    const accepted = await newcomer.api('POST', `/api/invites/${invite.body.token}/accept`);
    expect(accepted.body).toEqual({ mapId, role: 'editor' });
    expect((await newcomer.api('GET', `/api/maps/${mapId}`)).body.map.role).toBe('editor');

    // Once Fay is only a viewer, her editor invite no longer works.
    await amina.api('PATCH', `/api/maps/${mapId}/members/${fay.userId}`, { role: 'viewer' });
    expect((await late.api('POST', `/api/invites/${invite.body.token}/accept`)).status).toBe(410);

    const second = await amina.api('POST', `/api/maps/${mapId}/invites`, { role: 'viewer', expiresInDays: 1 });
    expect((await amina.api('DELETE', `/api/maps/${mapId}/invites/${second.body.invite.id}`)).status).toBe(204);
    expect((await late.api('POST', `/api/invites/${second.body.token}/accept`)).status).toBe(410);
    const listed = await amina.api('GET', `/api/maps/${mapId}/invites`);
    expect(listed.body.invites.map((i: { status: string }) => i.status)).toEqual(['revoked', 'active']);
    expect((await late.api('POST', '/api/invites/not-a-real-token/accept')).status).toBe(404);
  });
});
