import { describe, expect, it } from 'vitest';
import { request, signUp } from './support/accounts.ts';
import { useTestServer } from './support/servers.ts';

/**
 * An account's interface language (issue 13): chosen through PATCH /api/auth/account, stored in
 * the users table (SQLite here; LOOPMAP_TEST_STORE=postgres runs it on PostgreSQL), returned with
 * the signed-in user, and kept across a restart. Anything but a language Loopmap speaks is a 400.
 */
describe('account language', () => {
  const env = useTestServer();

  it('is null until chosen, then set, read back after a restart, and cleared', async () => {
    const amina = await signUp(env.server.url, 'Amina');
    expect((await amina.api('GET', '/api/auth/me')).body.user.language).toBeNull();

    const chosen = await amina.api('PATCH', '/api/auth/account', { language: 'ar' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.user).toMatchObject({ id: amina.userId, email: amina.email, name: 'Amina', language: 'ar' });

    await env.restart();
    // The same session on the restarted server, and a fresh sign-in, both carry the choice.
    const me = await request(env.server.url, 'GET', '/api/auth/me', undefined, { cookie: amina.cookie });
    expect(me.status).toBe(200);
    expect(me.body.user.language).toBe('ar');
    const login = await request(env.server.url, 'POST', '/api/auth/login', {
      email: amina.email,
      password: amina.password,
    });
    expect(login.status).toBe(200);
    expect(login.body.user.language).toBe('ar');

    const cleared = await request(
      env.server.url,
      'PATCH',
      '/api/auth/account',
      { language: null },
      {
        cookie: amina.cookie,
      },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body.user.language).toBeNull();
    expect(
      (await request(env.server.url, 'GET', '/api/auth/me', undefined, { cookie: amina.cookie })).body.user,
    ).toMatchObject({
      language: null,
    });
  });

  it('refuses a language Loopmap does not speak with a 400 error body, and keeps the choice', async () => {
    const bo = await signUp(env.server.url, 'Bo');
    expect((await bo.api('PATCH', '/api/auth/account', { language: 'fr' })).status).toBe(200);
    for (const body of [{ language: 'de' }, { language: 'FR' }, { language: 'fr-CA' }, { language: 7 }, {}]) {
      const res = await bo.api('PATCH', '/api/auth/account', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(typeof res.body.error.message).toBe('string');
    }
    expect((await bo.api('GET', '/api/auth/me')).body.user.language).toBe('fr');
    // Signed out: no account to change.
    const anonymous = await request(env.server.url, 'PATCH', '/api/auth/account', { language: 'fr' });
    expect(anonymous.status).toBe(401);
  });
});
