import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { MAX_PASSWORD_LENGTH } from './auth.ts';
import { isLanguage, type Language } from '../i18n/languages.ts';

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'email is too long')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'enter a valid email address');
const password = z.string().max(MAX_PASSWORD_LENGTH, `passwords are at most ${MAX_PASSWORD_LENGTH} characters`);
const name = z.string().trim().min(1, 'enter your name').max(80, 'names are at most 80 characters');
const role = z.enum(ROLES);

export const signupBodySchema = z.object({ email, password, name });
export const loginBodySchema = z.object({ email, password });
export const changePasswordBodySchema = z.object({ currentPassword: password, newPassword: password });
export const deleteAccountBodySchema = z.object({ password });
export const createTokenBodySchema = z.object({
  name: z.string().trim().min(1, 'name the token').max(80, 'token names are at most 80 characters'),
});
/** PATCH /api/auth/account: the account's interface language, or null to follow the browser. */
export const updateAccountBodySchema = z.object({
  language: z
    .string()
    .nullable()
    .refine((value) => value === null || isLanguage(value), 'choose one of en, fr, es, pt, ar')
    .transform((value) => value as Language | null),
});
export const addMemberBodySchema = z.object({ email, role });
export const updateMemberBodySchema = z.object({ role });
export const createInviteBodySchema = z.object({
  role,
  expiresInDays: z.number().int().min(1, 'at least 1 day').max(90, 'at most 90 days').default(7),
});
