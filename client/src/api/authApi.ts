import { AUTH_API, type AccountView, type Language } from '@loopmap/shared';
import { request } from './request.ts';

/** Accounts and the session (see server/src/routes/auth.ts). The session lives in an HttpOnly cookie. */
export async function fetchMe(): Promise<AccountView> {
  const { user } = await request<{ user: AccountView }>('GET', AUTH_API.me);
  return user;
}

export async function signUp(body: { name: string; email: string; password: string }): Promise<AccountView> {
  const { user } = await request<{ user: AccountView }>('POST', AUTH_API.signup, body);
  return user;
}

export async function signIn(body: { email: string; password: string }): Promise<AccountView> {
  const { user } = await request<{ user: AccountView }>('POST', AUTH_API.login, body);
  return user;
}

export async function signOut(): Promise<void> {
  await request<void>('POST', AUTH_API.logout);
}

/** Ends every session of the account, and gives this browser a fresh one. */
export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  await request<void>('POST', AUTH_API.password, body);
}

export async function deleteAccount(body: { password: string }): Promise<void> {
  await request<void>('DELETE', AUTH_API.account, body);
}

/** The account's interface language (null: follow the browser); answers with the account. */
export async function updateAccount(body: { language: Language | null }): Promise<AccountView> {
  const { user } = await request<{ user: AccountView }>('PATCH', AUTH_API.account, body);
  return user;
}
