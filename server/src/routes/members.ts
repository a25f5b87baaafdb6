import { Hono, type Context } from 'hono';
import {
  updateMyMembershipBodySchema,
  addMemberBodySchema,
  createInviteBodySchema,
  mayGrant,
  randomId,
  updateMemberBodySchema,
  type MemberView,
  type Role,
} from '@loopmap/shared';
import type { Clock } from '../clock.ts';
import type { InviteRecord, MemberRecord, Store } from '../storage/Store.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import { ApiError, readJsonBody } from '../http/errors.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { authorizeMap, requireAuth } from '../auth/middleware.ts';
import { generateSecret, hashSecret } from '../auth/secrets.ts';

export interface MemberRoutesDeps {
  store: Store;
  rooms: RoomManager;
  clock: Clock;
  /** The address people use to reach Loopmap (PUBLIC_URL), for invite links. */
  publicUrl?: string;
  trustProxy?: boolean;
}

/** This site's origin as the visitor sees it: PUBLIC_URL, else the (proxied) request's. */
function publicOrigin(c: Context, deps: MemberRoutesDeps): string {
  if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/, '');
  const own = new URL(c.req.url);
  if (deps.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
    return `${proto ?? own.protocol.replace(':', '')}://${host ?? own.host}`;
  }
  return own.origin;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const memberView = (m: MemberRecord): MemberView => ({
  id: m.userId,
  userId: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
});

function inviteView(invite: InviteRecord, now: number) {
  const status = invite.revokedAt !== null ? 'revoked' : invite.expiresAt <= now ? 'expired' : 'active';
  return {
    id: invite.id,
    role: invite.role,
    status,
    createdBy: invite.createdBy,
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
  };
}

/** /api/maps/:id/members and /api/maps/:id/invites: owners manage members; a map always keeps an owner. */
export function memberRoutes(deps: MemberRoutesDeps): Hono<AuthEnv> {
  const { store, rooms, clock } = deps;
  const app = new Hono<AuthEnv>();

  const notMember = (): ApiError => new ApiError(404, 'not_found', 'that person is not a member of this map');

  /** The store checks and writes in one transaction; its refusals answer as they always have. */
  const changed = (result: { ok: true; previous: Role } | { ok: false; reason: 'not-member' | 'last-owner' }): Role => {
    if (result.ok) return result.previous;
    if (result.reason === 'not-member') throw notMember();
    throw new ApiError(409, 'conflict', 'a map always keeps an owner: make someone else owner first');
  };

  const findMember = async (mapId: string, userId: string): Promise<MemberRecord> => {
    const member = (await store.listMembers(mapId)).find((m) => m.userId === userId);
    if (!member) throw notMember();
    return member;
  };

  app.get('/:id/members', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'members.read');
    return c.json({ members: (await store.listMembers(map.id)).map(memberView) });
  });

  app.post('/:id/members', async (c) => {
    const { map, role } = await authorizeMap(c, store, c.req.param('id'), 'members.manage');
    const body = await readJsonBody(c, addMemberBodySchema);
    if (!mayGrant(role, body.role)) throw new ApiError(403, 'forbidden', `you cannot grant ${body.role}`);
    const user = await store.getUserByEmail(body.email);
    if (!user) {
      throw new ApiError(404, 'not_found', 'nobody has an account with that email: send them an invite link instead');
    }
    if (await store.getRole(map.id, user.id)) throw new ApiError(409, 'conflict', 'that person is already a member');
    await store.setMember(map.id, user.id, body.role, clock.now());
    const member = await findMember(map.id, user.id);
    return c.json({ member: memberView(member) }, 201);
  });

  // Each member says which organisation they carry the map's lessons back to (the reviews'
  // shared-forward digest). Before /:userId, which is the owner's.
  app.patch('/:id/members/me', async (c) => {
    const { map, auth } = await authorizeMap(c, store, c.req.param('id'), 'map.read');
    const body = await readJsonBody(c, updateMyMembershipBodySchema);
    const organisation = body.organisation === '' ? null : body.organisation;
    await store.reviews.setOrganisation(map.id, auth.user.id, organisation);
    return c.json({ organisation });
  });

  app.patch('/:id/members/:userId', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'members.manage');
    const body = await readJsonBody(c, updateMemberBodySchema);
    const target = await findMember(map.id, c.req.param('userId'));
    const previous = changed(await store.changeRole(map.id, target.userId, body.role));
    // Open sockets carry the old role: make them reconnect with the new one.
    if (body.role !== previous) {
      rooms.bus.publish({ type: 'role-changed', mapId: map.id, userId: target.userId, role: body.role });
    }
    return c.json({ member: memberView({ ...target, role: body.role }) });
  });

  app.delete('/:id/members/:userId', async (c) => {
    const mapId = c.req.param('id');
    const userId = c.req.param('userId');
    const auth = requireAuth(c);
    // Anyone may leave a map; only those who manage members may remove others.
    const { map } = await authorizeMap(c, store, mapId, auth.user.id === userId ? 'map.read' : 'members.manage');
    const target = await findMember(map.id, userId);
    changed(await store.removeMemberUnlessLastOwner(map.id, target.userId));
    rooms.bus.publish({ type: 'member-removed', mapId: map.id, userId });
    return c.body(null, 204);
  });

  app.get('/:id/invites', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'invites.manage');
    const now = clock.now();
    return c.json({ invites: (await store.listInvites(map.id)).map((i) => inviteView(i, now)) });
  });

  app.post('/:id/invites', async (c) => {
    const { map, role, auth } = await authorizeMap(c, store, c.req.param('id'), 'invites.manage');
    const body = await readJsonBody(c, createInviteBodySchema);
    if (!mayGrant(role, body.role)) {
      throw new ApiError(403, 'forbidden', `as ${role} you cannot invite someone as ${body.role}`);
    }
    const token = generateSecret();
    const now = clock.now();
    const invite: InviteRecord = {
      id: randomId(),
      mapId: map.id,
      role: body.role,
      createdBy: auth.user.id,
      createdAt: now,
      expiresAt: now + body.expiresInDays * DAY_MS,
      revokedAt: null,
    };
    await store.insertInvite({ ...invite, tokenHash: hashSecret(token) });
    const url = `${publicOrigin(c, deps)}/invite/${token}`;
    return c.json({ invite: inviteView(invite, now), token, url }, 201);
  });

  app.delete('/:id/invites/:inviteId', async (c) => {
    const { map } = await authorizeMap(c, store, c.req.param('id'), 'invites.manage');
    if (!(await store.revokeInvite(map.id, c.req.param('inviteId'), clock.now()))) {
      throw new ApiError(404, 'not_found', 'no active invite with that id');
    }
    return c.body(null, 204);
  });

  return app;
}

/** /api/invites/:token: preview and accept an invite link (signed in). */
export function inviteRoutes({ store, clock }: MemberRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  const usableInvite = async (token: string) => {
    const invite = await store.getInviteByHash(hashSecret(token));
    const gone = new ApiError(410, 'not_found', 'this invite link has expired or was revoked; ask for a new one');
    if (!invite) throw new ApiError(404, 'not_found', 'this invite link is not valid');
    if (invite.revokedAt !== null || invite.expiresAt <= clock.now()) throw gone;
    const map = await store.getMap(invite.mapId);
    if (!map) throw gone;
    // An invite never grants more than its creator holds now.
    const creatorRole = await store.getRole(invite.mapId, invite.createdBy);
    if (!creatorRole || !mayGrant(creatorRole, invite.role)) throw gone;
    return { invite, map };
  };

  app.get('/:token', async (c) => {
    requireAuth(c);
    const { invite, map } = await usableInvite(c.req.param('token'));
    return c.json({
      mapId: map.id,
      mapTitle: map.title,
      role: invite.role,
      expiresAt: new Date(invite.expiresAt).toISOString(),
    });
  });

  app.post('/:token/accept', async (c) => {
    const auth = requireAuth(c);
    const { invite, map } = await usableInvite(c.req.param('token'));
    const current = await store.getRole(map.id, auth.user.id);
    // Accepting never lowers a role someone already has.
    const role = current && mayGrant(current, invite.role) ? current : invite.role;
    if (role !== current) await store.setMember(map.id, auth.user.id, role, clock.now());
    return c.json({ mapId: map.id, role });
  });

  return app;
}
