import { Hono, type Context } from 'hono';
import {
  changePasswordBodySchema,
  deleteAccountBodySchema,
  loginBodySchema,
  randomId,
  signupBodySchema,
  updateAccountBodySchema,
  type AccountView,
} from '@loopmap/shared';
import { passwordStrength } from '@loopmap/shared/password-strength';
import type { Clock } from '../clock.ts';
import { EmailTakenError, type Store, type UserRecord } from '../storage/Store.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { ApiError, readJsonBody } from '../http/errors.ts';
import { clientAddress, networkOf } from '../http/clientAddress.ts';
import type { Auth, AuthEnv } from '../auth/identity.ts';
import { clearSessionCookie, requireAuth, setSessionCookie } from '../auth/middleware.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { createSession, invalidateSession, invalidateUserSessions } from '../auth/sessions.ts';
import type { SignInThrottle } from '../auth/SignInThrottle.ts';
import type { KnownDevices } from '../auth/knownDevices.ts';

export interface AuthRoutesDeps {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
  trustProxy: boolean;
  /** Password attempts: who may try how often (429 with Retry-After when refused). */
  throttle: SignInThrottle;
  /** Signed "this device has signed in to this account" cookies, for the known-device budget. */
  devices: KnownDevices;
}

export const toUserView = (user: UserRecord): AccountView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  language: user.language,
});

/** The credential a signed-in caller re-enters their password with: its budget's key. */
const credentialOf = (auth: Auth): string =>
  auth.via === 'session' ? `session:${auth.sessionId}` : `token:${auth.tokenId}`;

export function authRoutes({ store, rooms, clock, trustProxy, throttle, devices }: AuthRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  const startSession = async (c: Context, user: UserRecord): Promise<void> => {
    const { token } = await createSession(store, clock, user.id);
    setSessionCookie(c, token, trustProxy);
  };

  /** A password sign-in or sign-up worked: a session, and this device is known to the account. */
  const signedIn = async (c: Context, user: UserRecord): Promise<void> => {
    devices.remember(c, user.id, trustProxy);
    await startSession(c, user);
  };

  app.post('/signup', async (c) => {
    const body = await readJsonBody(c, signupBodySchema);
    await throttle.signUp(networkOf(clientAddress(c, trustProxy)));
    const { problem } = passwordStrength(body.password, body);
    if (problem) throw new ApiError(400, 'weak_password', `password too weak: ${problem}`);
    let user: UserRecord;
    try {
      user = await store.createUser({
        id: randomId(),
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
        at: clock.now(),
      });
    } catch (error) {
      if (error instanceof EmailTakenError) {
        throw new ApiError(409, 'email_taken', 'an account with that email already exists; sign in instead');
      }
      throw error;
    }
    await signedIn(c, user);
    return c.json({ user: toUserView(user) }, 201);
  });

  app.post('/login', async (c) => {
    const body = await readJsonBody(c, loginBodySchema);
    const found = await store.getUserByEmail(body.email);
    const attempt = await throttle.signIn({
      account: body.email,
      address: networkOf(clientAddress(c, trustProxy)),
      knownDevice: found ? (devices.knownFor(c, found.id)?.deviceId ?? null) : null,
    });
    // Verify against a dummy hash when there is no account, so timing does not tell which it was.
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyPasswordHash()), body.password);
    if (!found || !ok) throw new ApiError(401, 'invalid_credentials', 'wrong email or password');
    await attempt.succeeded();
    await signedIn(c, found);
    return c.json({ user: toUserView(found) });
  });

  app.post('/logout', async (c) => {
    const auth = c.get('auth');
    if (auth?.via === 'session') {
      await invalidateSession(store, auth.sessionId);
      rooms.bus.publish({ type: 'signed-out', sessionId: auth.sessionId });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.get('/me', (c) => {
    const auth = requireAuth(c);
    return c.json({ user: toUserView(auth.user) });
  });

  app.post('/password', async (c) => {
    const auth = requireAuth(c);
    const body = await readJsonBody(c, changePasswordBodySchema);
    const attempt = await throttle.reenter(credentialOf(auth));
    const current = await store.getPasswordHash(auth.user.id);
    if (!current || !(await verifyPassword(current, body.currentPassword))) {
      throw new ApiError(401, 'invalid_credentials', 'your current password is not right');
    }
    await attempt.succeeded();
    const { problem } = passwordStrength(body.newPassword, auth.user);
    if (problem) throw new ApiError(400, 'weak_password', `password too weak: ${problem}`);
    await store.setPasswordHash(auth.user.id, await hashPassword(body.newPassword));
    // Every session ends, this one included; this browser gets a fresh one.
    const ended = await invalidateUserSessions(store, auth.user.id);
    rooms.bus.publish({ type: 'password-changed', userId: auth.user.id, sessionIds: ended });
    if (auth.via === 'session') await startSession(c, auth.user);
    return c.body(null, 204);
  });

  /** The account's settings: for now its interface language (a language code, or null). */
  app.patch('/account', async (c) => {
    const auth = requireAuth(c);
    const body = await readJsonBody(c, updateAccountBodySchema);
    await store.setUserLanguage(auth.user.id, body.language);
    return c.json({ user: toUserView({ ...auth.user, language: body.language }) });
  });

  app.delete('/account', async (c) => {
    const auth = requireAuth(c);
    const body = await readJsonBody(c, deleteAccountBodySchema);
    const attempt = await throttle.reenter(credentialOf(auth));
    const current = await store.getPasswordHash(auth.user.id);
    if (!current || !(await verifyPassword(current, body.password))) {
      throw new ApiError(401, 'invalid_credentials', 'your password is not right');
    }
    await attempt.succeeded();
    // The store checks for maps that would lose their last owner and deletes in one transaction.
    const deleted = await store.deleteUserUnlessLastOwner(auth.user.id, clock.now());
    if (!deleted.ok) {
      throw new ApiError(
        409,
        'conflict',
        `you are the only owner of "${deleted.map.title}", which others use: make someone else its owner first`,
      );
    }
    const { maps } = deleted;
    rooms.bus.publish({ type: 'account-deleted', userId: auth.user.id });
    for (const map of maps) {
      if ((await store.getMap(map.id)) === null) rooms.bus.publish({ type: 'map-deleted', mapId: map.id });
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}
