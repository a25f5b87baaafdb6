import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPeer, type Peer } from './presence.ts';

/**
 * The remote peers present on this map, from the awareness protocol, re-read on each change.
 * Components that use it re-render on every peer's cursor move: keep them small (cursors,
 * avatars), and keep the canvas itself off it (the FlowStore takes presence separately).
 */
export function usePeers(awareness: Awareness): readonly Peer[] {
  const cache = useRef<readonly Peer[] | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const onChange = (): void => {
        cache.current = null;
        listener();
      };
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
    [awareness],
  );
  const getSnapshot = useCallback(() => {
    cache.current ??= readPeers(awareness);
    return cache.current;
  }, [awareness]);
  return useSyncExternalStore(subscribe, getSnapshot);
}

export function readPeers(awareness: Awareness): Peer[] {
  const peers: Peer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const peer = readPeer(clientId, state);
    if (peer) peers.push(peer);
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}
