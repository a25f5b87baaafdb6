import type { Role } from '@loopmap/shared';

/** What each role lets someone do on a map, in the words of the share dialog and invite page. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Edits the map, decides who has access, and can delete it.',
  facilitator: 'Edits the map, invites people, and leads sessions.',
  editor: 'Adds, changes and links cards.',
  commenter: 'Follows the map live and can comment, but not change it.',
  viewer: 'Follows the map live, without changing it.',
};

/** How long an invite link works, as offered in the share dialog. */
export const INVITE_EXPIRY_DAYS = [1, 7, 30, 90] as const;

/** "an owner", "a viewer": for sentences like "You are an editor of this map". */
export const ROLE_WITH_ARTICLE: Record<Role, string> = {
  owner: 'an owner',
  facilitator: 'a facilitator',
  editor: 'an editor',
  commenter: 'a commenter',
  viewer: 'a viewer',
};
