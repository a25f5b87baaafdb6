import { useSyncExternalStore } from 'react';
import type { SaveSnapshot } from './SaveTracker.ts';
import type { MapSession } from './MapSession.ts';

export function useSaveStatus(session: MapSession): SaveSnapshot {
  const tracker = session.saveTracker;
  return useSyncExternalStore(tracker.subscribe, tracker.getSnapshot);
}
