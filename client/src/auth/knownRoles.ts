import { isRole, type Role } from '@loopmap/shared';

/**
 * The role this user last had on a map, remembered on this device so that a map opened offline
 * (from its device copy) still shows the right controls. Session state; the server decides.
 */
const key = (userId: string, mapId: string): string => `loopmap:role:${userId}:${mapId}`;

export function rememberedRole(userId: string, mapId: string): Role | null {
  try {
    const value = window.localStorage.getItem(key(userId, mapId));
    return isRole(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberRole(userId: string, mapId: string, role: Role | null): void {
  try {
    if (role) window.localStorage.setItem(key(userId, mapId), role);
    else window.localStorage.removeItem(key(userId, mapId));
  } catch {
    // storage refused: the role is fetched again next time
  }
}
