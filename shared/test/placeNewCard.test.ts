import { describe, expect, it } from 'vitest';
import {
  CARD_CLEARANCE,
  LABEL_CLEARANCE,
  laneAt,
  placeNewCard,
  type Lanes,
  type PlacedCard,
  type Placement,
  type PlacementInput,
  type Rect,
} from '../src/index.ts';

const W = 220;
const H = 84;
const view: Rect = { x: 0, y: 0, width: 1200, height: 700 };

let next = 0;
const card = (kind: PlacedCard['kind'], x: number, y: number, extra: Partial<PlacedCard> = {}): PlacedCard => ({
  id: `c${next++}`,
  kind,
  level: null,
  x,
  y,
  width: W,
  height: H,
  ...extra,
});

const place = (input: Partial<PlacementInput> & { kind: PlacementInput['kind'] }): Placement =>
  placeNewCard({ cards: [], labels: [], lanes: null, selected: null, view, ...input });

const boxOf = (spot: Placement): Rect => ({ x: spot.x, y: spot.y, width: W, height: H });
/** True when two boxes come closer than `gap` to each other. */
const near = (a: Rect, b: Rect, gap: number): boolean =>
  a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;

describe('placeNewCard without a selection', () => {
  it('puts the card at the centre of an empty view', () => {
    expect(place({ kind: 'note' })).toEqual({ x: 600 - W / 2, y: 350 - H / 2, level: null, inView: true });
  });

  it('moves off a card at the centre to the nearest free spot, in view, clear of it', () => {
    const centre = card('outcome', 600 - W / 2, 350 - H / 2);
    const spot = place({ kind: 'outcome', cards: [centre] });
    expect(near(boxOf(spot), centre, CARD_CLEARANCE)).toBe(false);
    expect(spot.inView).toBe(true);
    // The nearest: just clear of the card (here under it: a card's height is less than its width).
    expect(spot).toEqual({ x: centre.x, y: centre.y + H + CARD_CLEARANCE, level: null, inView: true });
  });

  it('keeps clear of link labels as well as cards', () => {
    const label: Rect = { x: 560, y: 330, width: 120, height: 40 };
    const spot = place({ kind: 'note', labels: [label] });
    expect(near(boxOf(spot), label, LABEL_CLEARANCE)).toBe(false);
    expect(spot.inView).toBe(true);
  });

  it('fills a view card after card with no two overlapping, then goes outside it rather than on a card', () => {
    const small: Rect = { x: 0, y: 0, width: 800, height: 400 };
    const cards: PlacedCard[] = [];
    const labels: Rect[] = [{ x: 380, y: 180, width: 100, height: 30 }];
    const spots: Placement[] = [];
    for (let i = 0; i < 20; i++) {
      const spot = placeNewCard({ kind: 'note', cards, labels, lanes: null, selected: null, view: small });
      for (const other of cards) expect(near(boxOf(spot), other, CARD_CLEARANCE)).toBe(false);
      for (const label of labels) expect(near(boxOf(spot), label, LABEL_CLEARANCE)).toBe(false);
      spots.push(spot);
      cards.push(card('note', spot.x, spot.y));
    }
    // The view holds a handful of cards; the rest went outside it, none on another.
    const inside = spots.filter((spot) => spot.inView).length;
    expect(inside).toBeGreaterThan(3);
    expect(inside).toBeLessThan(20);
    expect(spots.slice(0, inside).every((spot) => spot.inView)).toBe(true);
  });

  it('never falls back to an occupied spot, however crowded the map', () => {
    // A solid block of cards far wider than the view and than the first search squares.
    const cards: PlacedCard[] = [];
    for (let i = -30; i < 30; i++) for (let j = -30; j < 30; j++) cards.push(card('note', i * 240, j * 100));
    const spot = place({ kind: 'note', cards });
    expect(spot.inView).toBe(false);
    for (const other of cards) expect(near(boxOf(spot), other, CARD_CLEARANCE)).toBe(false);
  });

  it('on a map with lanes puts an outcome in the lane at the middle of the view, and gives it that level', () => {
    const lanes: Lanes = { bounds: [-200, 100, 600, 900] };
    const spot = place({ kind: 'outcome', lanes });
    expect(spot.level).toBe('institutional');
    expect(spot.y).toBeGreaterThanOrEqual(100);
    expect(spot.y + H).toBeLessThanOrEqual(600);
  });

  it('on a map with lanes keeps outputs and activities below the lanes and the impact above them', () => {
    const lanes: Lanes = { bounds: [0, 300, 600, 900] };
    const tall: Rect = { x: 0, y: -400, width: 1200, height: 1800 };
    const output = place({ kind: 'output', lanes, view: tall });
    expect(output.y).toBeGreaterThanOrEqual(900);
    expect(output.level).toBeNull();
    const impact = place({ kind: 'impact', lanes, view: tall });
    expect(impact.y + H).toBeLessThanOrEqual(0);
    // A risk may go anywhere: in the middle of the view.
    expect(place({ kind: 'risk', lanes, view: tall }).y).toBe(500 - H / 2);
  });
});

describe('placeNewCard beside a selected card', () => {
  it('puts a card of the same rank to the right of the selection, in its row', () => {
    const outcome = card('outcome', 100, 200);
    const spot = place({ kind: 'outcome', cards: [outcome], selected: outcome.id });
    expect(spot.y).toBe(200);
    expect(spot.x).toBeGreaterThanOrEqual(100 + W + CARD_CLEARANCE);
    expect(spot.x).toBeLessThan(100 + W + 100);
  });

  it('puts a kind off the chain beside the selection too', () => {
    const outcome = card('outcome', 100, 200);
    const spot = place({ kind: 'risk', cards: [outcome], selected: outcome.id });
    expect(spot.y).toBe(200);
    expect(spot.x).toBeGreaterThan(100 + W);
  });

  it('puts an output under a selected outcome, and an outcome above a selected output', () => {
    const outcome = card('outcome', 400, 100);
    const output = place({ kind: 'output', cards: [outcome], selected: outcome.id });
    expect(output.y).toBeGreaterThanOrEqual(100 + H + CARD_CLEARANCE);
    expect(output.x + W / 2).toBe(400 + W / 2);

    const selectedOutput = card('output', 400, 500);
    const above = place({ kind: 'outcome', cards: [selectedOutput], selected: selectedOutput.id });
    expect(above.y + H).toBeLessThanOrEqual(500 - CARD_CLEARANCE);
    expect(above.x).toBe(400);
  });

  it('puts an activity under an output, and the impact above an outcome', () => {
    const output = card('output', 0, 0);
    expect(place({ kind: 'activity', cards: [output], selected: output.id }).y).toBeGreaterThan(H);
    const outcome = card('outcome', 0, 0);
    expect(place({ kind: 'impact', cards: [outcome], selected: outcome.id }).y).toBeLessThan(-H);
  });

  it('goes into the row of the cards of its rank under the selection', () => {
    const outcome = card('outcome', 400, 100);
    const otherOutput = card('output', 0, 420);
    const spot = place({ kind: 'output', cards: [outcome, otherOutput], selected: outcome.id });
    expect(spot.y).toBe(420);
    expect(spot.x).toBe(400);
  });

  it('with lanes: an output under an outcome goes below the lanes, under it', () => {
    const lanes: Lanes = { bounds: [0, 300, 600, 900] };
    const outcome = card('outcome', 300, 700, { level: 'individual' });
    const spot = place({ kind: 'output', cards: [outcome], lanes, selected: outcome.id });
    expect(spot.y).toBeGreaterThanOrEqual(900);
    expect(spot.x).toBe(300);
    expect(spot.level).toBeNull();
  });

  it('with lanes: an outcome beside an outcome takes its lane and level; above an output, the lowest lane', () => {
    const lanes: Lanes = { bounds: [0, 300, 600, 900] };
    const institutional = card('outcome', 300, 400, { level: 'institutional' });
    const beside = place({ kind: 'outcome', cards: [institutional], lanes, selected: institutional.id });
    expect(beside.level).toBe('institutional');
    expect(beside.y).toBe(400);
    expect(beside.x).toBeGreaterThan(300 + W);

    const output = card('output', 300, 1000);
    const above = place({ kind: 'precondition', cards: [output], lanes, selected: output.id });
    expect(above.level).toBe('individual');
    expect(laneAt(lanes, above.y + H / 2)).toBe('individual');
    expect(above.y + H).toBeLessThanOrEqual(900);
  });

  it('with lanes: an outcome selected without a level counts as in the lane it stands in', () => {
    const lanes: Lanes = { bounds: [0, 300, 600, 900] };
    const unset = card('outcome', 300, 100);
    const spot = place({ kind: 'outcome', cards: [unset], lanes, selected: unset.id });
    expect(spot.level).toBe('contextual');
    expect(spot.y).toBe(100);
  });

  it('moves along the row when the spot beside the selection is taken, clear of cards and labels', () => {
    const outcome = card('outcome', 0, 0);
    const taken = card('outcome', W + 48, 0);
    const label: Rect = { x: 2 * (W + 48) + 20, y: 20, width: 100, height: 30 };
    const spot = place({ kind: 'outcome', cards: [outcome, taken], labels: [label], selected: outcome.id });
    expect(near(boxOf(spot), outcome, CARD_CLEARANCE)).toBe(false);
    expect(near(boxOf(spot), taken, CARD_CLEARANCE)).toBe(false);
    expect(near(boxOf(spot), label, LABEL_CLEARANCE)).toBe(false);
  });

  it('is deterministic', () => {
    const cards = [card('outcome', 0, 0), card('output', 50, 300), card('note', 500, 300)];
    const input: PlacementInput = { kind: 'output', cards, labels: [], lanes: null, selected: cards[0]!.id, view };
    expect(placeNewCard(input)).toEqual(placeNewCard(input));
  });
});
