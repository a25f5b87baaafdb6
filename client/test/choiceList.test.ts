import { describe, expect, it } from 'vitest';
import type { MapGraph } from '@loopmap/shared';
import { choiceKey } from '../src/panels/useChoiceList.ts';

type Card = { id: string; kind: string; label: string; attachedTo: string | null; x: number; y: number };
const graphOf = (nodes: Card[], edges: { id: string; source: string; target: string }[] = []): MapGraph =>
  ({ nodes, edges }) as unknown as MapGraph;

describe('choiceKey: what the inspector’s card lists depend on', () => {
  const cards: Card[] = [
    { id: 'a', kind: 'outcome', label: 'Peers trust each other', attachedTo: null, x: 0, y: 0 },
    { id: 'b', kind: 'output', label: 'Calls held', attachedTo: null, x: 300, y: 0 },
  ];
  const key = choiceKey(graphOf(cards, [{ id: 'e', source: 'b', target: 'a' }]));

  it('stays when cards only move (a drop on the canvas)', () => {
    const moved = cards.map((card) => ({ ...card, x: card.x + 40, y: card.y + 12 }));
    expect(choiceKey(graphOf(moved, [{ id: 'e', source: 'b', target: 'a' }]))).toBe(key);
  });

  it('changes with a title, a kind, a host, a new card or a link', () => {
    const variants = [
      graphOf(
        [{ ...cards[0]!, label: 'Peers trust each other more' }, cards[1]!],
        [{ id: 'e', source: 'b', target: 'a' }],
      ),
      graphOf([{ ...cards[0]!, kind: 'impact' }, cards[1]!], [{ id: 'e', source: 'b', target: 'a' }]),
      graphOf([cards[0]!, { ...cards[1]!, attachedTo: 'a' }], [{ id: 'e', source: 'b', target: 'a' }]),
      graphOf(
        [...cards, { id: 'c', kind: 'activity', label: '', attachedTo: null, x: 0, y: 0 }],
        [{ id: 'e', source: 'b', target: 'a' }],
      ),
      graphOf(cards),
    ];
    for (const variant of variants) expect(choiceKey(variant)).not.toBe(key);
  });
});
