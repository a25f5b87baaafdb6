import { describe, expect, it, vi } from 'vitest';
import type { AccountView } from '@loopmap/shared';
import { ApiError } from '../src/api/ApiError.ts';
import { AuthStore, type AuthCalls, type UserMemory } from '../src/auth/AuthStore.ts';

const ada: AccountView = { id: 'u1', email: 'ada@example.org', name: 'Ada', language: null };
const unauthorized = (): ApiError => new ApiError('Sign in first.', 401, 'unauthorized');
const network = (): ApiError => new ApiError('Cannot reach the Loopmap server.', 0, 'network');

function calls(overrides: Partial<AuthCalls> = {}): AuthCalls {
  return {
    fetchMe: vi.fn(async () => ada),
    signIn: vi.fn(async () => ada),
    signUp: vi.fn(async () => ada),
    signOut: vi.fn(async () => {}),
    ...overrides,
  };
}

function memory(initial: AccountView | null = null): UserMemory & { value: AccountView | null } {
  const m = {
    value: initial,
    load: () => m.value,
    save: (user: AccountView | null) => {
      m.value = user;
    },
  };
  return m;
}

describe('AuthStore', () => {
  it('starts loading, and is signed in when /me answers', async () => {
    const mem = memory();
    const store = new AuthStore(calls(), mem);
    expect(store.getState()).toEqual({ status: 'loading' });
    await store.load();
    expect(store.getState()).toEqual({ status: 'signed-in', user: ada });
    expect(mem.value).toEqual(ada);
  });

  it('is signed out when /me says 401, and forgets the remembered user', async () => {
    const mem = memory(ada);
    const store = new AuthStore(calls({ fetchMe: async () => Promise.reject(unauthorized()) }), mem);
    await store.load();
    expect(store.getState()).toEqual({ status: 'signed-out', byUser: false });
    expect(mem.value).toBeNull();
  });

  it('offline, trusts the user this device last saw (maps open from their device copy)', async () => {
    const store = new AuthStore(calls({ fetchMe: async () => Promise.reject(network()) }), memory(ada));
    await store.load();
    expect(store.getState()).toEqual({ status: 'signed-in', user: ada });
    const stranger = new AuthStore(calls({ fetchMe: async () => Promise.reject(network()) }), memory());
    await stranger.load();
    expect(stranger.getState().status).toBe('signed-out');
  });

  it('expires a signed-in session (keeping the user for signing in again), and nothing else', async () => {
    const store = new AuthStore(calls());
    store.expire();
    expect(store.getState().status).toBe('loading');
    await store.load();
    const listener = vi.fn();
    store.subscribe(listener);
    store.expire();
    expect(store.getState()).toEqual({ status: 'expired', user: ada });
    expect(listener).toHaveBeenCalledTimes(1);
    await store.signIn(ada.email, 'pw');
    expect(store.getState()).toEqual({ status: 'signed-in', user: ada });
  });

  it('revalidates: true when the cookie still works, expired on 401, unchanged when offline', async () => {
    let answer: () => Promise<AccountView> = async () => ada;
    const store = new AuthStore(calls({ fetchMe: () => answer() }));
    await store.load();
    await expect(store.revalidate()).resolves.toBe(true);
    answer = async () => Promise.reject(network());
    await expect(store.revalidate()).resolves.toBe(false);
    expect(store.getState().status).toBe('signed-in');
    answer = async () => Promise.reject(unauthorized());
    await expect(store.revalidate()).resolves.toBe(false);
    expect(store.getState().status).toBe('expired');
  });

  it('signs out locally even when the server cannot be reached', async () => {
    const mem = memory();
    const store = new AuthStore(calls({ signOut: async () => Promise.reject(network()) }), mem);
    await store.load();
    await expect(store.signOut()).rejects.toThrow();
    expect(store.getState()).toEqual({ status: 'signed-out', byUser: true });
    expect(mem.value).toBeNull();
  });

  it('a failed sign-in changes nothing', async () => {
    const store = new AuthStore(
      calls({
        fetchMe: async () => Promise.reject(unauthorized()),
        signIn: async () => Promise.reject(new ApiError('Wrong email or password.', 401, 'invalid_credentials')),
      }),
    );
    await store.load();
    await expect(store.signIn('x@example.org', 'nope')).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(store.getState().status).toBe('signed-out');
  });

  it('applies the account’s language once the session loads, signs in, or the account changes', async () => {
    const applied: string[] = [];
    const arabic: AccountView = { ...ada, language: 'ar' };
    const store = new AuthStore(calls({ fetchMe: vi.fn(async () => arabic) }), memory(), (l) => applied.push(l));
    await store.load();
    expect(applied).toEqual(['ar']);
    store.updated({ ...ada, language: 'fr' });
    expect(store.user?.language).toBe('fr');
    expect(applied).toEqual(['ar', 'fr']);
    // No choice on the account: the device's or the browser's language stays.
    const none: string[] = [];
    await new AuthStore(calls(), memory(), (l) => none.push(l)).signIn('ada@example.org', 'pw');
    expect(none).toEqual([]);
  });

  it('offline, applies the language of the account this device last saw', async () => {
    const applied: string[] = [];
    const store = new AuthStore(
      calls({ fetchMe: vi.fn(async () => Promise.reject(network())) }),
      memory({ ...ada, language: 'pt' }),
      (l) => applied.push(l),
    );
    await store.load();
    expect(applied).toEqual(['pt']);
  });
});
