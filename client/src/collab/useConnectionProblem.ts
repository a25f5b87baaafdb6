import { useSyncExternalStore } from 'react';
import type { ConnectionProblem, MapSession } from './MapSession.ts';

export function useConnectionProblem(session: MapSession): ConnectionProblem | null {
  return useSyncExternalStore(session.subscribe, session.getProblem);
}

export function useLocalLoaded(session: MapSession): boolean {
  return useSyncExternalStore(session.subscribe, session.isLocalLoaded);
}
