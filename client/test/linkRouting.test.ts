import { describe, expect, it } from 'vitest';
import type { XYPosition } from '@xyflow/react';
import type { Box } from '../src/canvas/floatingEdgeGeometry.ts';
import { CardGrid, polylinePath, routeAround, routedPoints, segmentCrosses } from '../src/canvas/linkRouting.ts';
import { layoutLinks } from '../src/canvas/LabelLayout.ts';
import { intersects, placementBox } from '../src/canvas/labelPlacement.ts';

const card = (x: number, y: number): Box => ({ x, y, width: 220, height: 84 });

/** Whether any segment of the polyline passes through any of the boxes. */
const crossesAny = (points: readonly XYPosition[], boxes: readonly Box[]): boolean =>
  points.slice(1).some((point, i) => boxes.some((box) => segmentCrosses(points[i]!, point, box)));

describe('segments and boxes', () => {
  it('tell a segment through a box from one that passes by or stops at its border', () => {
    const box = card(100, 100);
    expect(segmentCrosses({ x: 0, y: 140 }, { x: 500, y: 140 }, box)).toBe(true);
    expect(segmentCrosses({ x: 0, y: 0 }, { x: 500, y: 0 }, box)).toBe(false);
    expect(segmentCrosses({ x: 0, y: 140 }, { x: 100, y: 140 }, box)).toBe(false);
    expect(segmentCrosses({ x: 150, y: 0 }, { x: 150, y: 90 }, box)).toBe(false);
    expect(segmentCrosses({ x: 150, y: 0 }, { x: 150, y: 400 }, box)).toBe(true);
  });
});

describe('routing links around cards', () => {
  it('leaves a link alone when nothing is in its way', () => {
    const cards = [card(0, 0), card(600, 0), card(300, 400)];
    expect(routeAround(cards[0]!, cards[1]!, new CardGrid(cards))).toBeNull();
  });

  it('takes a link past a card that sits between its two cards', () => {
    // Three in a row, the first linked to the third: the plain line runs behind the middle card.
    const [first, middle, third] = [card(0, 0), card(460, 0), card(920, 0)];
    const cards = [first!, middle!, third!];
    const waypoints = routeAround(first!, third!, new CardGrid(cards));
    expect(waypoints).not.toBeNull();
    const points = routedPoints(first!, third!, waypoints!);
    expect(crossesAny(points, [middle!])).toBe(false);
    // It runs through neither of its own cards, and it leaves and meets them on their borders.
    expect(crossesAny(points.slice(1, -1), [first!, third!])).toBe(false);
    expect(points[0]!.x).toBeGreaterThanOrEqual(first!.x);
    expect(points[points.length - 1]!.x).toBeLessThanOrEqual(third!.x + third!.width);
    // A short way round: over or under the middle card, not far off.
    const ys = points.map((point) => point.y);
    expect(Math.min(...ys)).toBeGreaterThan(-60);
    expect(Math.max(...ys)).toBeLessThan(84 + 60);
    expect(polylinePath(points)).toMatch(/^M[\d.-]+,[\d.-]+( L[\d.-]+,[\d.-]+ Q[\d.-]+,[\d.-]+ [\d.-]+,[\d.-]+)+ L/);
  });

  it('goes round a whole group of cards in the way, and cards the detour would meet', () => {
    const source = card(0, 300);
    const target = card(1200, 300);
    // A column of cards between them, and one more where a tight detour over the column would pass.
    const wall = [card(500, 150), card(500, 234), card(500, 318), card(500, 402), card(760, 100)];
    const cards = [source, target, ...wall];
    const waypoints = routeAround(source, target, new CardGrid(cards));
    expect(waypoints).not.toBeNull();
    expect(crossesAny(routedPoints(source, target, waypoints!), wall)).toBe(false);
  });

  it('places labels on the detour, clear of the cards', () => {
    const nodes = [
      { id: 'a', position: { x: 0, y: 0 }, data: {} },
      { id: 'b', position: { x: 460, y: 0 }, data: {} },
      { id: 'c', position: { x: 920, y: 0 }, data: {} },
    ];
    const data = {
      label: 'Because the middle step is not the only way there',
      relation: null,
      status: 'hypothesised' as const,
      confidence: null,
      attached: null,
      comments: 0,
      dimmed: false,
      reverse: false,
    };
    const { routes, placements } = layoutLinks(nodes, [{ id: 'e', source: 'a', target: 'c', data }]);
    const route = routes.get('e')!;
    expect(crossesAny(route.points, [card(460, 0)])).toBe(false);
    const box = placementBox(placements.get('e')!);
    for (const node of nodes) expect(intersects(box, card(node.position.x, node.position.y))).toBe(false);
    expect(placements.get('e')!.mode).toBe('full');
  });

  it('routes 1,500 links among 1,000 cards quickly', () => {
    const cards: Box[] = [];
    for (let i = 0; i < 1000; i++) cards.push(card((i % 40) * 280, Math.floor(i / 40) * 160));
    const grid = new CardGrid(cards);
    const started = performance.now();
    let routed = 0;
    for (let i = 0; i < 1500; i++) {
      const a = (i * 7) % 1000;
      const b = (a + 1 + ((i * 13) % 80)) % 1000;
      if (routeAround(cards[a]!, cards[b]!, grid)) routed++;
    }
    expect(routed).toBeGreaterThan(0);
    // Tens of milliseconds on a quiet machine (only cards near each link are looked at, and a
    // link crossing many cards gives up early); without those limits, several seconds.
    expect(performance.now() - started).toBeLessThan(2500);
  });
});
