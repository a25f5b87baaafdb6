import type { AccountView, Language } from '@loopmap/shared';
import { ApiError } from '../api/ApiError.ts';

/**
 * Who is signed in, as far as this tab knows:
 * - `loading`: asking the server (GET /api/auth/me) at start;
 * - `signed-in`: the session cookie works (or the server is unreachable and this device last saw
 *   this user: maps still open from their copy on the device, and sync when it is back);
 * - `expired`: was signed in, but the server no longer accepts the session (signed out
 *   elsewhere, password changed, expired). The map page asks to sign in again in place, so open
 *   maps keep their unsent edits; other pages go to the sign-in page;
 * - `signed-out`.
 */
export type SessionState =
  | { status: 'loading' }
  /** `byUser`: they pressed "Sign out" in this tab (no `next` to come back to). */
  | { status: 'signed-out'; byUser: boolean }
  | { status: 'signed-in'; user: AccountView }
  | { status: 'expired'; user: AccountView };

/** The calls the store makes; the real ones are in api/authApi.ts, tests pass fakes. */
export interface AuthCalls {
  fetchMe(): Promise<AccountView>;
  signIn(body: { email: string; password: string }): Promise<AccountView>;
  signUp(body: { name: string; email: string; password: string }): Promise<AccountView>;
  signOut(): Promise<void>;
}

/** Where the last signed-in user is remembered on this device (session state, not a secret). */
export interface UserMemory {
  load(): AccountView | null;
  save(user: AccountView | null): void;
}

export const noMemory: UserMemory = { load: () => null, save: () => {} };

const isUnauthorized = (error: unknown): boolean => error instanceof ApiError && error.status === 401;

/** The account session of this tab. Framework-free: React reads it through useSession. */
export class AuthStore {
  private state: SessionState = { status: 'loading' };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly calls: AuthCalls,
    private readonly memory: UserMemory = noMemory,
    /** Shows the interface in the account's language, when it chose one (i18n's switchLanguage). */
    private readonly applyLanguage: (language: Language) => void = () => {},
  ) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The signed-in (or expired) user, if any. */
  get user(): AccountView | null {
    return this.state.status === 'signed-in' || this.state.status === 'expired' ? this.state.user : null;
  }

  /** Asks the server who we are. Offline, trusts the user this device last saw. */
  async load(): Promise<void> {
    try {
      this.signedIn(await this.calls.fetchMe());
    } catch (error) {
      const remembered = isUnauthorized(error) ? null : this.memory.load();
      if (remembered) {
        this.set({ status: 'signed-in', user: remembered });
        if (remembered.language) this.applyLanguage(remembered.language);
      } else this.signedOut();
    }
  }

  /**
   * Checks that the session still works (a socket was closed with 4401). True if it does (e.g.
   * another tab signed in again, or a password change gave this browser a fresh cookie).
   */
  async revalidate(): Promise<boolean> {
    try {
      this.signedIn(await this.calls.fetchMe());
      return true;
    } catch (error) {
      if (isUnauthorized(error)) this.expire();
      return false;
    }
  }

  async signIn(email: string, password: string): Promise<AccountView> {
    const user = await this.calls.signIn({ email, password });
    this.signedIn(user);
    return user;
  }

  async signUp(name: string, email: string, password: string): Promise<AccountView> {
    const user = await this.calls.signUp({ name, email, password });
    this.signedIn(user);
    return user;
  }

  /** Signs out on the server; locally signed out even if the server could not be reached. */
  async signOut(): Promise<void> {
    try {
      await this.calls.signOut();
    } finally {
      this.signedOut(true);
    }
  }

  /** The server refused the session (any 401 "sign in first"). */
  expire(): void {
    if (this.state.status === 'signed-in') this.set({ status: 'expired', user: this.state.user });
  }

  /**
   * The account changed on the server (PATCH /api/auth/account answered with it): keep it, and
   * apply its language.
   */
  updated(user: AccountView): void {
    if (this.state.status === 'signed-in' || this.state.status === 'expired') {
      this.memory.save(user);
      this.set({ ...this.state, user });
      if (user.language) this.applyLanguage(user.language);
    }
  }

  /** The account is gone (deleted): nothing to sign back into. */
  forget(): void {
    this.signedOut(true);
  }

  private signedIn(user: AccountView): void {
    this.memory.save(user);
    this.set({ status: 'signed-in', user });
    // The account's choice wins over this device's and the browser's languages.
    if (user.language) this.applyLanguage(user.language);
  }

  private signedOut(byUser = false): void {
    this.memory.save(null);
    this.set({ status: 'signed-out', byUser });
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
