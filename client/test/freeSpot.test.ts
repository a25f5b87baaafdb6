import { describe, expect, it } from 'vitest';
import type { NodeId } from '@loopmap/shared';
import { freeSpot } from '../src/canvas/freeSpot.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardData, type CardNode } from '../src/canvas/toFlow.ts';
import { cardView } from './cardView.ts';

const card = (x: number, y: number): CardNode => ({
  id: `${x},${y}`,
  type: 'card-note',
  position: { x, y },
  data: cardData(cardView({ id: 'n' as NodeId, kind: 'note', label: '', x, y }), [], null, 0),
});

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  Math.abs(a.x - b.x) < CARD_WIDTH && Math.abs(a.y - b.y) < CARD_HEIGHT;

describe('freeSpot', () => {
  it('keeps the wanted place when it is free', () => {
    expect(freeSpot([card(1000, 1000)], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it('never puts a new card over existing ones, and stays close', () => {
    const nodes: CardNode[] = [];
    for (let i = 0; i < 12; i++) {
      const spot = freeSpot(nodes, { x: 0, y: 0 });
      for (const node of nodes) expect(overlap(spot, node.position)).toBe(false);
      expect(Math.abs(spot.x)).toBeLessThan(3 * (CARD_WIDTH + 40));
      nodes.push(card(spot.x, spot.y));
    }
  });
});
