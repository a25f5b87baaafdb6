import type { ROLES } from '../auth/roles.ts';
import type { Language } from '../i18n/languages.ts';

export const AUTH_API = {
  signup: '/api/auth/signup',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  password: '/api/auth/password',
  account: '/api/auth/account',
  tokens: '/api/tokens',
  token: (id: string) => `/api/tokens/${encodeURIComponent(id)}`,
  members: (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/members`,
  member: (mapId: string, userId: string) =>
    `/api/maps/${encodeURIComponent(mapId)}/members/${encodeURIComponent(userId)}`,
  invites: (mapId: string) => `/api/maps/${encodeURIComponent(mapId)}/invites`,
  invite: (mapId: string, inviteId: string) =>
    `/api/maps/${encodeURIComponent(mapId)}/invites/${encodeURIComponent(inviteId)}`,
  invitePreview: (token: string) => `/api/invites/${encodeURIComponent(token)}`,
  acceptInvite: (token: string) => `/api/invites/${encodeURIComponent(token)}/accept`,
} as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export interface UserView {
  id: string;
  email: string;
  name: string;
}

/** The signed-in user, as /me, sign-in and sign-up return it. */
export interface AccountView extends UserView {
  /** The interface language the account chose; null: the browser's (or this device's) choice. */
  language: Language | null;
}

export interface MemberView extends UserView {
  userId: string;
  role: (typeof ROLES)[number];
}
