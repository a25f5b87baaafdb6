import { useEffect, useState } from 'react';
import { MapSession } from './MapSession.ts';
import type { LocalIdentity } from './LocalIdentity.ts';

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
 * Opens a MapSession for `mapId` while the component is mounted and closes it after. The
 * identity is read once: later name changes go through session.presence.setUser.
 */
export function useMapSession(mapId: string, identity: LocalIdentity): MapSession | null {
  const [session, setSession] = useState<MapSession | null>(null);
  const { id: actorId } = identity;

  useEffect(() => {
    const next = new MapSession({ mapId, actorId, user: { name: identity.name, color: identity.color } });
    setSession(next);
    window.__loopmap = { doc: next.doc, provider: next.provider, session: next };
    return () => {
      if (window.__loopmap?.session === next) delete window.__loopmap;
      next.destroy();
      setSession(null);
    };
    // The user's name and colour are sent through presence when they change, not by reopening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapId, actorId]);

  return session;
}
