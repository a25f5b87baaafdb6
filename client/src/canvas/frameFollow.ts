import type { NodePosition, NodeId } from '@loopmap/shared';
import type { XY } from '../collab/presence.ts';
import { CARD_HEIGHT, CARD_WIDTH, type CardNode } from './toFlow.ts';

const isFrame = (node: CardNode): boolean => node.data.kind === 'group';

function centre(node: CardNode): XY {
  return {
    x: node.position.x + (node.measured?.width ?? CARD_WIDTH) / 2,
    y: node.position.y + (node.measured?.height ?? CARD_HEIGHT) / 2,
  };
}

/** The cards (and frames) whose centre lies inside a frame: what moves with it. */
export function cardsInside(frame: CardNode, nodes: readonly CardNode[]): CardNode[] {
  const width = frame.data.width ?? frame.measured?.width ?? 0;
  const height = frame.data.height ?? frame.measured?.height ?? 0;
  const { x, y } = frame.position;
  return nodes.filter((node) => {
    if (node.id === frame.id) return false;
    const c = centre(node);
    return c.x >= x && c.x <= x + width && c.y >= y && c.y <= y + height;
  });
}

/**
 * A frame's contents follow it while it is dragged. React Flow drags only what is selected, so
 * the followers are moved here, by the frame's delta, as local positions drawn over the
 * document's; on drop they are committed with the frame.
 */
export class FrameFollow {
  private readonly frames = new Map<string, XY>();
  private readonly followers = new Map<string, { start: XY; frame: string }>();

  get active(): boolean {
    return this.followers.size > 0;
  }

  start(dragged: readonly CardNode[], all: readonly CardNode[]): void {
    this.frames.clear();
    this.followers.clear();
    const moving = new Set(dragged.map((node) => node.id));
    for (const frame of dragged.filter(isFrame)) {
      this.frames.set(frame.id, { ...frame.position });
      for (const node of cardsInside(frame, all)) {
        if (moving.has(node.id) || this.followers.has(node.id)) continue;
        this.followers.set(node.id, { start: { ...node.position }, frame: frame.id });
      }
    }
  }

  /** Where the followers are drawn, given the dragged nodes' current positions. */
  positions(dragged: readonly CardNode[]): Map<string, XY> {
    const deltas = new Map<string, XY>();
    for (const node of dragged) {
      const start = this.frames.get(node.id);
      if (start) deltas.set(node.id, { x: node.position.x - start.x, y: node.position.y - start.y });
    }
    const out = new Map<string, XY>();
    for (const [id, { start, frame }] of this.followers) {
      const delta = deltas.get(frame);
      if (delta) out.set(id, { x: start.x + delta.x, y: start.y + delta.y });
    }
    return out;
  }

  /** The followers' final positions (to write), and forget the drag. */
  end(dragged: readonly CardNode[]): NodePosition[] {
    const out = [...this.positions(dragged)].map(([id, { x, y }]) => ({ id: id as NodeId, x, y }));
    this.frames.clear();
    this.followers.clear();
    return out;
  }
}
