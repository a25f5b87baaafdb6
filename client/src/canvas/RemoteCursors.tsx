import { memo, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from '@xyflow/react';
import type { Awareness } from 'y-protocols/awareness';
import { usePeers } from '../collab/usePeers.ts';

const zoomSelector = (state: { transform: [number, number, number] }): number => state.transform[2];

/**
 * Peers' pointers, drawn in flow coordinates inside the viewport (so they pan and zoom with the
 * map) but counter-scaled, so a name stays readable at any zoom. Subscribes to presence on its
 * own, so a moving cursor re-renders only this layer.
 */
function RemoteCursorsComponent({ awareness, layer }: { awareness: Awareness; layer: HTMLElement | null }) {
  const peers = usePeers(awareness);
  const zoom = useStore(zoomSelector);
  // React Flow's ViewportPortal would do, but looks its layer up with querySelector on every
  // store update; MapCanvas finds it once.
  if (!layer) return null;
  return createPortal(
    <>
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            data-testid="remote-cursor"
            className="remote-cursor"
            aria-hidden="true"
            style={
              {
                transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`,
                '--peer-color': peer.user.color,
              } as CSSProperties
            }
          >
            <svg width="18" height="20" viewBox="0 0 18 20" className="remote-cursor__arrow">
              <path d="M1 1 L1 16 L5 12 L8.5 19 L11 18 L7.5 11 L13.5 11 Z" />
            </svg>
            <span className="remote-cursor__name">{peer.user.name}</span>
          </div>
        ) : null,
      )}
    </>,
    layer,
  );
}

export const RemoteCursors = memo(RemoteCursorsComponent);
