import { describe, expect, it } from 'vitest';
import { getBezierPath, Position } from '@xyflow/react';
import {
  bezierCurve,
  curvePath,
  floatingEnds,
  linkGeometry,
  pointOnCurve,
  type Box,
} from '../src/canvas/floatingEdgeGeometry.ts';
import {
  intersects,
  labelSizes,
  placeLabels,
  placementBox,
  type LabelContent,
  type LabelRequest,
} from '../src/canvas/labelPlacement.ts';
import { LabelLayout, layoutLabels } from '../src/canvas/LabelLayout.ts';
import type { LinkData } from '../src/canvas/toFlow.ts';

const card = (x: number, y: number): Box => ({ x, y, width: 220, height: 84 });

const LONG =
  'Because people who attend the sessions pass what they learned to their neighbours, who then change how they farm the following season';

const content = (text = LONG, relation = 'Contributes to'): LabelContent => ({ relation, status: '', text, badges: 0 });

function request(id: string, source: Box, target: Box, what: LabelContent = content(), reverse = false): LabelRequest {
  return { id, curve: linkGeometry(source, target, reverse).curve, sizes: labelSizes(what) };
}

function expectClear(cards: readonly Box[], placed: ReturnType<typeof placeLabels>): void {
  const boxes = [...placed.values()].map(placementBox);
  for (const box of boxes) for (const other of cards) expect(intersects(box, other)).toBe(false);
  boxes.forEach((box, i) => boxes.slice(i + 1).forEach((other) => expect(intersects(box, other)).toBe(false)));
}

describe('link curves', () => {
  it('are the curve React Flow draws, and the points on them', () => {
    const ends = floatingEnds(card(0, 0), card(500, 300));
    const curve = bezierCurve(ends);
    const [path, labelX, labelY] = getBezierPath(ends);
    expect(curvePath(curve)).toBe(path);
    const middle = pointOnCurve(curve, 0.5);
    expect(middle.x).toBeCloseTo(labelX);
    expect(middle.y).toBeCloseTo(labelY);
    expect(pointOnCurve(curve, 0)).toEqual({ x: ends.sourceX, y: ends.sourceY });
    expect(pointOnCurve(curve, 1)).toEqual({ x: ends.targetX, y: ends.targetY });
  });

  it('shift a link with a twin to its own right', () => {
    const plain = linkGeometry(card(0, 0), card(600, 0), false).ends;
    const shifted = linkGeometry(card(0, 0), card(600, 0), true).ends;
    expect(shifted.sourceY - plain.sourceY).toBe(10);
    expect(shifted.sourcePosition).toBe(Position.Right);
  });
});

describe('label sizes', () => {
  it('cap the width and cut a long rationale at two lines', () => {
    const sizes = labelSizes(content());
    expect(sizes.full.width).toBe(180);
    expect(sizes.full.lines).toBe(2);
    // frame 8 + relation 14 + two lines of 16 + gaps
    expect(sizes.full.height).toBe(8 + 14 + 32 + 2);
    expect(sizes.chip.height).toBe(22);
    expect(sizes.chip.width).toBeLessThan(sizes.full.width);
    expect(sizes.dot).toMatchObject({ width: 12, height: 12 });
  });

  it('fit a short rationale on one line', () => {
    const sizes = labelSizes(content('because', ''));
    expect(sizes.full.lines).toBe(1);
    expect(sizes.full.width).toBeLessThan(100);
    expect(sizes.full.height).toBe(8 + 16);
  });
});

describe('label placement', () => {
  it('moves a label off a card that sits at the middle of its link', () => {
    // Three cards in a row, the first linked to the third: the middle card is under the midpoint.
    const cards = [card(0, 0), card(460, 0), card(920, 0)];
    const midpoint = pointOnCurve(linkGeometry(cards[0]!, cards[2]!, false).curve, 0.5);
    expect(intersects({ x: midpoint.x - 1, y: midpoint.y - 1, width: 2, height: 2 }, cards[1]!)).toBe(true);
    const placed = placeLabels(cards, [request('a', cards[0]!, cards[2]!)]);
    expectClear(cards, placed);
    // Not at the middle: on the free stretch of its link between two cards.
    expect(placed.get('a')!.t).not.toBe(0.5);
    expect(placed.get('a')!.mode).not.toBe('dot');
  });

  it('keeps the labels of links meeting at one card apart', () => {
    const hub = card(400, 300);
    const others = [card(0, 0), card(400, 0), card(800, 0), card(0, 300), card(800, 300), card(0, 600), card(800, 600)];
    const cards = [hub, ...others];
    const requests = others.map((other, i) => request(`l${i}`, other, hub));
    const placed = placeLabels(cards, requests);
    expect(placed.size).toBe(others.length);
    expectClear(cards, placed);
  });

  it('places the middle when it is free, whatever else is on the map', () => {
    const cards = [card(0, 0), card(600, 0)];
    const placed = placeLabels(cards, [request('a', cards[0]!, cards[1]!)]);
    expect(placed.get('a')).toMatchObject({ t: 0.5, mode: 'full' });
  });

  it('gives the same result whatever order the links come in', () => {
    const hub = card(400, 300);
    const others = [card(0, 0), card(400, 0), card(800, 0), card(0, 600), card(800, 600)];
    const cards = [hub, ...others];
    const requests = others.map((other, i) => request(`l${i}`, other, hub));
    const forwards = placeLabels(cards, requests);
    const backwards = placeLabels([...cards].reverse(), [...requests].reverse());
    expect([...backwards.entries()].sort()).toEqual([...forwards.entries()].sort());
  });

  it('shrinks a label to its relation when the full one fits nowhere, then to a dot', () => {
    // Cards 50 px apart: a two-line label (56 px high) fits nowhere between them, a chip does.
    const top = card(0, 0);
    const bottom = card(0, 84 + 50);
    const chip = placeLabels([top, bottom], [request('a', top, bottom)]).get('a')!;
    expect(chip.mode).toBe('chip');
    expectClear([top, bottom], new Map([['a', chip]]));
    // 24 px apart: only the dot.
    const near = card(0, 84 + 24);
    const dot = placeLabels([top, near], [request('a', top, near)]).get('a')!;
    expect(dot.mode).toBe('dot');
    expectClear([top, near], new Map([['a', dot]]));
  });

  it('places 1,500 labels among 1,000 cards in well under a frame budget per change', () => {
    const cards: Box[] = [];
    for (let i = 0; i < 1000; i++) cards.push(card((i % 40) * 280, Math.floor(i / 40) * 160));
    const requests: LabelRequest[] = [];
    for (let i = 0; i < 1500; i++) {
      const a = (i * 7) % 1000;
      const b = (a + 1 + ((i * 13) % 80)) % 1000;
      requests.push(request(`l${i}`, cards[a]!, cards[b]!, content(i % 2 === 0 ? 'because' : LONG, '')));
    }
    placeLabels(cards, requests);
    const started = performance.now();
    const placed = placeLabels(cards, requests);
    const elapsed = performance.now() - started;
    expect(placed.size).toBe(1500);
    // Tens of milliseconds with the grid, even on a busy machine; checking every pair (1,500
    // labels × 15 spots × 3 forms × 2,500 boxes) takes seconds.
    expect(elapsed).toBeLessThan(500);
  });
});

describe('LabelLayout', () => {
  const data = (label: string): LinkData => ({
    label,
    relation: null,
    status: 'hypothesised',
    confidence: null,
    attached: null,
    comments: 0,
    dimmed: false,
    reverse: false,
  });

  function source(
    nodes: { id: string; position: { x: number; y: number }; dragging?: boolean; data: Record<string, unknown> }[],
  ) {
    const state = {
      nodes,
      edges: [{ id: 'e', source: 'a', target: 'c', data: data(LONG) }],
    };
    const listeners = new Set<() => void>();
    return {
      state,
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      getNodes: () => state.nodes,
      getEdges: () => state.edges,
      emit: () => listeners.forEach((listener) => listener()),
    };
  }
  const node = (id: string, x: number, dragging = false) => ({ id, position: { x, y: 0 }, dragging, data: {} });

  it('skips links without a label and frames as obstacles', () => {
    const nodes = [node('a', 0), { id: 'f', position: { x: 200, y: -100 }, data: { kind: 'group' } }, node('c', 600)];
    const placed = layoutLabels(nodes, [
      { id: 'e', source: 'a', target: 'c', data: data(LONG) },
      { id: 'plain', source: 'a', target: 'c', data: data('') },
    ]);
    expect([...placed.keys()]).toEqual(['e']);
    expect(placed.get('e')!.t).toBe(0.5);
  });

  it('places again when cards move, not during a drag, and tells only the labels that changed', () => {
    const store = source([node('a', 0), node('c', 600)]);
    const runs: (() => void)[] = [];
    const layout = new LabelLayout(store, (run) => runs.push(run));
    expect(layout.get('e')!.t).toBe(0.5);
    let heard = 0;
    layout.subscribeTo('e', () => heard++);
    // A card dragged onto the middle of the link: nothing is placed again until the drag ends.
    store.state.nodes = [node('a', 0), node('c', 600), node('b', 300, true)];
    store.emit();
    runs.splice(0).forEach((run) => run());
    expect(layout.get('e')!.t).toBe(0.5);
    expect(heard).toBe(0);
    store.state.nodes = [node('a', 0), node('c', 600), node('b', 300)];
    store.emit();
    store.emit();
    expect(runs).toHaveLength(1);
    runs.splice(0).forEach((run) => run());
    // The link now runs around the card (see linkRouting), its label with it.
    expect(layout.route('e')).toBeDefined();
    expect(heard).toBe(1);
    expect(layout.labelBoxes()).toHaveLength(1);
    // A selection replaces node objects but not their positions: nothing is placed again.
    const placed = layout.get('e');
    store.state.nodes = store.state.nodes.map((each) => ({ ...each, selected: true }));
    store.emit();
    runs.splice(0).forEach((run) => run());
    expect(layout.get('e')).toBe(placed);
    expect(intersects(layout.labelBoxes()[0]!, card(300, 0))).toBe(false);
    layout.dispose();
  });

  it('knows which link has focus', () => {
    const store = source([node('a', 0), node('c', 600)]);
    const layout = new LabelLayout(store, (run) => run());
    let heard = 0;
    layout.subscribeTo('e', () => heard++);
    layout.setFocused('e');
    expect(layout.isFocused('e')).toBe(true);
    layout.setFocused(null);
    expect(layout.isFocused('e')).toBe(false);
    expect(heard).toBe(2);
  });
});
