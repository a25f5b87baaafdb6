import type { XYPosition } from '@xyflow/react';
import { CARD_HEIGHT, CARD_WIDTH, type CardNode } from './toFlow.ts';

const GAP = 32;
const MAX_RING = 8;

function overlaps(nodes: readonly CardNode[], x: number, y: number): boolean {
  return nodes.some((node) => {
    const width = node.measured?.width ?? CARD_WIDTH;
    const height = node.measured?.height ?? CARD_HEIGHT;
    return (
      x < node.position.x + width + GAP / 2 &&
      x + CARD_WIDTH + GAP / 2 > node.position.x &&
      y < node.position.y + height + GAP / 2 &&
      y + CARD_HEIGHT + GAP / 2 > node.position.y
    );
  });
}

/**
 * The place nearest to `wanted` (a new card's top-left corner) where a card overlaps no other:
 * tried in rings of card-sized steps around it, so a new card never hides one already there.
 * Falls back to `wanted` on a very crowded map.
 */
export function freeSpot(nodes: readonly CardNode[], wanted: XYPosition): XYPosition {
  const stepX = CARD_WIDTH + GAP;
  const stepY = CARD_HEIGHT + GAP;
  for (let ring = 0; ring <= MAX_RING; ring++) {
    // Nearest first within a ring, sideways before up or down (maps read along their links,
    // left to right), and right before left, below before above.
    const candidates: XYPosition[] = [];
    for (let j = -ring; j <= ring; j++) {
      for (let i = -ring; i <= ring; i++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        candidates.push({ x: wanted.x + i * stepX, y: wanted.y + j * stepY });
      }
    }
    candidates.sort(
      (a, b) => Math.hypot(a.x - wanted.x, (a.y - wanted.y) * 1.5) - Math.hypot(b.x - wanted.x, (b.y - wanted.y) * 1.5),
    );
    const free = candidates.find((spot) => !overlaps(nodes, spot.x, spot.y));
    if (free) return free;
  }
  return wanted;
}
