import type { Node, Rect } from '@xyflow/react';
import { CARD_HEIGHT, CARD_WIDTH } from './toFlow.ts';

/**
 * The rectangle around all cards, using the size React Flow measured where it has one and the
 * usual card size elsewhere. With onlyRenderVisibleElements, cards outside the view are never
 * rendered, so never measured: React Flow's own fitView would wait for them forever.
 */
export function cardBounds(nodes: readonly Node[]): Rect | null {
  if (nodes.length === 0) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const { x, y } = node.position;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + (node.measured?.width ?? CARD_WIDTH));
    maxY = Math.max(maxY, y + (node.measured?.height ?? CARD_HEIGHT));
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
