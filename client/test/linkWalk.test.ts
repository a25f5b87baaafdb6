import { describe, expect, it } from 'vitest';
import { LinkWalk, linkedCards, type CardPlace } from '../src/canvas/linkWalk.ts';

const places = new Map<string, CardPlace>(
  [
    { id: 'act', x: 0, y: 400 },
    { id: 'out1', x: 0, y: 200 },
    { id: 'out2', x: 300, y: 200 },
    { id: 'oc', x: 0, y: 0 },
  ].map((place) => [place.id, place]),
);
const links = [
  { source: 'act', target: 'out2' },
  { source: 'act', target: 'out1' },
  { source: 'out1', target: 'oc' },
  { source: 'out2', target: 'oc' },
];

describe('linkedCards', () => {
  it('lists the cards a card leads to, and those leading to it, in reading order', () => {
    expect(linkedCards(links, places, 'act', 'forward')).toEqual(['out1', 'out2']);
    expect(linkedCards(links, places, 'oc', 'back')).toEqual(['out1', 'out2']);
    expect(linkedCards(links, places, 'oc', 'forward')).toEqual([]);
  });
});

describe('LinkWalk', () => {
  it('steps along links and cycles among the choices of the last step', () => {
    const walk = new LinkWalk();
    expect(walk.step(links, places, 'act', 'forward')).toEqual({ id: 'out1', index: 0, count: 2 });
    expect(walk.cycle(links, places, 'out1', 1)).toEqual({ id: 'out2', index: 1, count: 2 });
    expect(walk.cycle(links, places, 'out2', 1)).toEqual({ id: 'out1', index: 0, count: 2 });
    expect(walk.cycle(links, places, 'out1', -1)).toEqual({ id: 'out2', index: 1, count: 2 });
    expect(walk.step(links, places, 'out2', 'forward')).toEqual({ id: 'oc', index: 0, count: 1 });
    expect(walk.step(links, places, 'oc', 'forward')).toBeNull();
  });

  it('cycles around a card when it was not reached by a step', () => {
    const walk = new LinkWalk();
    expect(walk.cycle(links, places, 'out1', 1)).toEqual({ id: 'oc', index: 0, count: 2 });
    expect(walk.cycle(links, places, 'oc', 1)).toEqual({ id: 'act', index: 1, count: 2 });
  });
});
