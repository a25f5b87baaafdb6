import { AUTH_API, type MemberView, type Role } from '@loopmap/shared';
import { request } from './request.ts';

/** Members and invite links of a map (see server/src/routes/members.ts). */
export type InviteStatus = 'active' | 'expired' | 'revoked';

export interface InviteView {
  id: string;
  role: Role;
  status: InviteStatus;
  /** The user id of whoever created it. */
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/** What an invite link offers, as its recipient sees it before accepting. */
export interface InvitePreview {
  mapId: string;
  mapTitle: string;
  role: Role;
  expiresAt: string;
}

export async function listMembers(mapId: string): Promise<MemberView[]> {
  const { members } = await request<{ members: MemberView[] }>('GET', AUTH_API.members(mapId));
  return members;
}

export async function addMember(mapId: string, email: string, role: Role): Promise<MemberView> {
  const { member } = await request<{ member: MemberView }>('POST', AUTH_API.members(mapId), { email, role });
  return member;
}

export async function changeMemberRole(mapId: string, userId: string, role: Role): Promise<MemberView> {
  const { member } = await request<{ member: MemberView }>('PATCH', AUTH_API.member(mapId, userId), { role });
  return member;
}

/** Removes a member; with one's own id, leaves the map. */
export async function removeMember(mapId: string, userId: string): Promise<void> {
  await request<void>('DELETE', AUTH_API.member(mapId, userId));
}

export async function listInvites(mapId: string): Promise<InviteView[]> {
  const { invites } = await request<{ invites: InviteView[] }>('GET', AUTH_API.invites(mapId));
  return invites;
}

/** The link's URL carries a secret that is not stored in the clear: it is shown once, here. */
export async function createInvite(
  mapId: string,
  role: Role,
  expiresInDays: number,
): Promise<{ invite: InviteView; token: string; url: string }> {
  return request('POST', AUTH_API.invites(mapId), { role, expiresInDays });
}

export async function revokeInvite(mapId: string, inviteId: string): Promise<void> {
  await request<void>('DELETE', AUTH_API.invite(mapId, inviteId));
}

export async function previewInvite(token: string): Promise<InvitePreview> {
  return request<InvitePreview>('GET', AUTH_API.invitePreview(token));
}

export async function acceptInvite(token: string): Promise<{ mapId: string; role: Role }> {
  return request('POST', AUTH_API.acceptInvite(token));
}
