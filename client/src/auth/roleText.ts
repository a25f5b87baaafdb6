import { ROLES, type Role } from '@loopmap/shared';
import type { TFunction } from 'i18next';
import { i18next } from '../i18n/i18n.ts';

/** A role's name ("Editor"), in the interface's language. */
export const roleLabel = (role: Role, t: TFunction): string => t(`auth:role.${role}`);

/** What a role lets someone do on a map, in the words of the share dialog and invite page. */
export const roleDescription = (role: Role, t: TFunction): string => t(`auth:roleDescription.${role}`);

/** "an owner", "a viewer": for sentences like "You are an editor of this map". */
export const roleWithArticle = (role: Role, t: TFunction): string => t(`auth:roleWithArticle.${role}`);

/** A table whose values are read from the catalogue in the current language each time. */
function liveTable(word: (role: Role, t: TFunction) => string): Readonly<Record<Role, string>> {
  const table = {} as Record<Role, string>;
  for (const role of ROLES) Object.defineProperty(table, role, { enumerable: true, get: () => word(role, i18next.t) });
  return table;
}

/** @deprecated use roleDescription(role, t); kept (and translated) for the callers not moved yet. */
export const ROLE_DESCRIPTIONS = liveTable(roleDescription);

/** @deprecated use roleWithArticle(role, t); kept (and translated) for the callers not moved yet. */
export const ROLE_WITH_ARTICLE = liveTable(roleWithArticle);

/** How long an invite link works, as offered in the share dialog. */
export const INVITE_EXPIRY_DAYS = [1, 7, 30, 90] as const;
