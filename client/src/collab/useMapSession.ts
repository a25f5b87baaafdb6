import { useEffect, useState } from 'react';
import { presenceColorFor, type UserView } from '@loopmap/shared';
import { MapSession } from './MapSession.ts';

declare global {
  interface Window {
    /**
     * Debugging hook, present on the map page in every build: the open map's Y.Doc and its
     * WebSocket provider. Used by the end-to-end tests and the benchmark; not an API.
     */
    __loopmap?: { doc: MapSession['doc']; provider: MapSession['provider']; session: MapSession };
  }
}

/**
 * Opens a MapSession for `mapId` as the signed-in user while the component is mounted, and
 * closes it after. Presence shows the account's name and colour (the server stamps the same).
 */
export function useMapSession(mapId: string, user: Pick<UserView, 'id' | 'name'>): MapSession | null {
  const [session, setSession] = useState<MapSession | null>(null);
  const { id: userId, name } = user;

  useEffect(() => {
    const next = new MapSession({ mapId, actorId: userId, user: { name, color: presenceColorFor(userId) } });
    setSession(next);
    window.__loopmap = { doc: next.doc, provider: next.provider, session: next };
    return () => {
      if (window.__loopmap?.session === next) delete window.__loopmap;
      next.destroy();
      setSession(null);
    };
    // The name cannot change while a map is open; a new user (id) means a new session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapId, userId]);

  return session;
}
