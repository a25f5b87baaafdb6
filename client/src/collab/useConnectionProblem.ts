import { useSyncExternalStore } from 'react';
import type { ConnectionProblem, MapSession } from './MapSession.ts';

export function useConnectionProblem(session: MapSession): ConnectionProblem | null {
  return useSyncExternalStore(session.subscribe, session.getProblem);
}

export function useLocalLoaded(session: MapSession): boolean {
  return useSyncExternalStore(session.subscribe, session.isLocalLoaded);
}

const NO_SESSION = { subscribe: () => () => {}, getRoleChanges: () => 0 };

/**
 * Counts the server's "your role changed" closes (4501); a change means: fetch the role again.
 * 0 while the session is not open yet.
 */
export function useRoleChanges(session: MapSession | null): number {
  const source = session ?? NO_SESSION;
  return useSyncExternalStore(source.subscribe, source.getRoleChanges);
}
