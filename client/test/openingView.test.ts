import { describe, expect, it } from 'vitest';
import { openingView, READABLE_ZOOM, type OpeningCard, type Viewport } from '../src/canvas/openingView.ts';
import { READABLE_TITLE_PX, titleOnScreen, Z40 } from '../src/canvas/zoomBands.ts';

const PANE = { width: 1000, height: 600 };
const card = (x: number, y: number, impact = false): OpeningCard => ({
  rect: { x, y, width: 220, height: 84 },
  impact,
});

/** A tall chain: the impact on top in the middle, a wide row of activities far below. */
const chain: OpeningCard[] = [
  card(900, 0, true),
  ...Array.from({ length: 8 }, (_, i) => card(i * 260, 400)),
  ...Array.from({ length: 8 }, (_, i) => card(i * 260, 4000)),
];

/** The flow rectangle a viewport shows in the pane. */
const shown = (view: Viewport) => ({
  left: -view.x / view.zoom,
  top: -view.y / view.zoom,
  right: (PANE.width - view.x) / view.zoom,
  bottom: (PANE.height - view.y) / view.zoom,
});

describe('openingView', () => {
  it('fits the whole map when its titles stay readable', () => {
    expect(openingView(chain, PANE, READABLE_ZOOM)).toBe('all');
    expect(openingView(chain, PANE, 1.2)).toBe('all');
    // Semantic zoom keeps titles readable far out: a map fitted at 0.3 opens whole.
    expect(openingView(chain, PANE, 0.3)).toBe('all');
  });

  it('reads the readable zoom from the zoom bands: titles at least 11 px there, and Z40 above it', () => {
    expect(titleOnScreen(READABLE_ZOOM)).toBeGreaterThanOrEqual(READABLE_TITLE_PX);
    expect(titleOnScreen(READABLE_ZOOM - 0.002)).toBeLessThan(READABLE_TITLE_PX);
    expect(READABLE_ZOOM).toBeLessThanOrEqual(Z40);
  });

  it('asks for the usual fit when there is nothing to show', () => {
    expect(openingView([], PANE, 0.1)).toBe('all');
  });

  it('otherwise shows the impact at the top, at the readable zoom, the rest a pan away', () => {
    const view = openingView(chain, PANE, 0.2);
    if (view === 'all') throw new Error('expected the top of the chain');
    expect(view.zoom).toBe(READABLE_ZOOM);
    expect(titleOnScreen(view.zoom)).toBeGreaterThanOrEqual(READABLE_TITLE_PX);
    const area = shown(view);
    // The impact is wholly in view, near the top edge, and the canvas shows no empty band above it.
    expect(area.left).toBeLessThanOrEqual(900);
    expect(area.right).toBeGreaterThanOrEqual(1120);
    expect(area.top).toBeLessThan(0);
    expect(-area.top * view.zoom).toBeLessThanOrEqual(24.01);
    // The activities at the bottom are a pan away.
    expect(area.bottom).toBeLessThan(4000);
  });

  it('keeps the window within the map sideways instead of centring on an impact at its edge', () => {
    const edgeImpact = [card(0, 0, true), ...Array.from({ length: 20 }, (_, i) => card(i * 260, 1400))];
    const view = openingView(edgeImpact, PANE, 0.2);
    if (view === 'all') throw new Error('expected the top of the chain');
    const area = shown(view);
    expect(area.left).toBeLessThan(0);
    expect(-area.left * view.zoom).toBeLessThanOrEqual(24.01);
  });

  it('without an impact, shows the top of the map', () => {
    const noImpact = chain.map((entry) => ({ ...entry, impact: false }));
    const view = openingView(noImpact, PANE, 0.2);
    if (view === 'all') throw new Error('expected the top of the map');
    const area = shown(view);
    expect(area.top).toBeLessThan(0);
    expect(area.bottom).toBeGreaterThan(84);
  });

  it('centres a map narrower than the pane', () => {
    const narrow = [card(0, 0, true), card(0, 5000)];
    const view = openingView(narrow, PANE, 0.15);
    if (view === 'all') throw new Error('expected the top of the chain');
    const area = shown(view);
    expect((area.left + area.right) / 2).toBeCloseTo(110, 5);
  });
});
