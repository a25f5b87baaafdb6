import type { Peer, XY } from '../collab/presence.ts';
import type { PeerMark } from './toFlow.ts';

/** What peers' presence draws on the canvas: their live drags and their selections. */
export interface PeerOverlay {
  readonly positions: ReadonlyMap<string, XY>;
  readonly peerMarks: ReadonlyMap<string, readonly PeerMark[]>;
}

export interface OverlayUpdate {
  overlay: PeerOverlay;
  /** Node ids whose overlay position or marks differ from the previous overlay. */
  touched: Set<string>;
}

const sameMarks = (a: readonly PeerMark[], b: readonly PeerMark[]): boolean =>
  a.length === b.length && a.every((mark, i) => mark.name === b[i]?.name && mark.color === b[i]?.color);

/**
 * Folds the remote peers' presence into what the canvas draws: each dragged node's live
 * position, and who has which node selected. Reuses the previous arrays where they did not
 * change, so only the touched nodes are re-projected.
 */
export function overlayFromPeers(peers: readonly Peer[], prev: PeerOverlay): OverlayUpdate {
  const positions = new Map<string, XY>();
  const marks = new Map<string, PeerMark[]>();
  for (const peer of peers) {
    for (const [id, xy] of peer.dragging) positions.set(id, xy);
    for (const id of peer.selection) {
      const list = marks.get(id);
      const mark = { name: peer.user.name, color: peer.user.color };
      if (list) list.push(mark);
      else marks.set(id, [mark]);
    }
  }
  const touched = new Set<string>();
  for (const [id, xy] of positions) {
    const old = prev.positions.get(id);
    if (!old || old.x !== xy.x || old.y !== xy.y) touched.add(id);
  }
  for (const id of prev.positions.keys()) if (!positions.has(id)) touched.add(id);

  const peerMarks = new Map<string, readonly PeerMark[]>();
  for (const [id, list] of marks) {
    const old = prev.peerMarks.get(id);
    if (old && sameMarks(old, list)) peerMarks.set(id, old);
    else {
      peerMarks.set(id, Object.freeze(list));
      touched.add(id);
    }
  }
  for (const id of prev.peerMarks.keys()) if (!peerMarks.has(id)) touched.add(id);

  if (touched.size === 0) return { overlay: prev, touched };
  return { overlay: { positions, peerMarks }, touched };
}
