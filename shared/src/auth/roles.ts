/**
 * Who may do what on a map: the one table, enforced by the server on every REST route and every
 * WebSocket message. The client only uses it to hide controls.
 */
export const ROLES = ['owner', 'facilitator', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** Open the map, receive live changes and presence, export it. */
  'map.read',
  /** Change the map's content (send document updates), rename it. */
  'map.edit',
  /** Delete the map. */
  'map.delete',
  /** Write comments (stored outside the map document). */
  'comments.write',
  /** Delete anyone's comment (moderation); everyone may delete their own. */
  'comments.moderate',
  /** See who the members are. */
  'members.read',
  /** Add, change and remove members. */
  'members.manage',
  /** Create and revoke invite links (never granting more than one's own role). */
  'invites.manage',
  /** Lead a session: follow-me, restricted mode. */
  'map.facilitate',
  /** Take snapshots by hand, name and annotate them. */
  'snapshots.write',
  /** Delete a snapshot. */
  'snapshots.delete',
  /** Restore a version: in place, as a copy, or selectively. */
  'history.restore',
  /** Start, edit and close course-correction reviews. */
  'reviews.run',
  /** Add decisions, lessons and assumption re-ratings to an open review. */
  'reviews.contribute',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const TABLE: Record<Role, readonly Capability[]> = {
  owner: CAPABILITIES,
  facilitator: [
    'map.read',
    'map.edit',
    'comments.write',
    'comments.moderate',
    'members.read',
    'invites.manage',
    'map.facilitate',
    'snapshots.write',
    'history.restore',
    'reviews.run',
    'reviews.contribute',
  ],
  editor: ['map.read', 'map.edit', 'comments.write', 'members.read', 'snapshots.write', 'reviews.contribute'],
  commenter: ['map.read', 'comments.write', 'members.read'],
  viewer: ['map.read', 'members.read'],
};

const GRANTS: ReadonlyMap<Role, ReadonlySet<Capability>> = new Map(
  ROLES.map((role) => [role, new Set(TABLE[role])] as const),
);

/** Whether a role has a capability. A missing role (a stranger) has none. */
export function can(role: Role | null | undefined, capability: Capability): boolean {
  return role != null && (GRANTS.get(role)?.has(capability) ?? false);
}

/** Higher is more powerful: owner 4 … viewer 0. */
export function roleRank(role: Role): number {
  return ROLES.length - 1 - ROLES.indexOf(role);
}

/** Whether someone holding `granter` may hand out `granted` (never more than their own role). */
export function mayGrant(granter: Role, granted: Role): boolean {
  return roleRank(granted) <= roleRank(granter);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  facilitator: 'Facilitator',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};
