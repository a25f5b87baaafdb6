import { describe, expect, it } from 'vitest';
import {
  BANDS,
  MIN_READABLE_ZOOM,
  READABLE_TITLE_PX,
  Z40,
  DETAIL_ZOOM,
  bandLook,
  bandOf,
  bandSelector,
  bandStyle,
  showsBadge,
  showsDetail,
  titleOnScreen,
} from '../src/canvas/zoomBands.ts';

/** Zooms from 2.5 (the canvas's maximum) down to 0.02 (its minimum), finely. */
const zooms = Array.from({ length: 2481 }, (_, i) => 2.5 - i * 0.001);

/**
 * The room a card's title has in each band, in flow px (canvas.css): the box is 84 high with a
 * 4 px top and 1 px bottom border; mid keeps the kind badge (about 20 px with its margin) over
 * 6 px paddings, far has 4 px paddings, tiny 1 px; line heights 1.2, 1.2 and 1.
 */
const ROOM = { mid: 79 - 12 - 20, far: 79 - 8, tiny: 79 - 2 } as const;
const LINE_HEIGHT = { mid: 1.2, far: 1.2, tiny: 1 } as const;

describe('zoom bands', () => {
  it('keep every title at least 11 px on screen from the largest zoom down to Z40', () => {
    for (const zoom of zooms.filter((z) => z >= Z40)) {
      expect({ zoom, px: titleOnScreen(zoom) >= READABLE_TITLE_PX }).toEqual({ zoom, px: true });
    }
  });

  it('put Z40 (a 40-card theory of change fitted at 1280×720) between 0.2 and 0.35, above the readable limit', () => {
    expect(Z40).toBeGreaterThan(0.2);
    expect(Z40).toBeLessThan(0.35);
    expect(MIN_READABLE_ZOOM).toBeLessThanOrEqual(Z40);
    // Just below the limit the title is (slightly) under 11 px: the limit is the real one.
    expect(titleOnScreen(MIN_READABLE_ZOOM * 0.99)).toBeLessThan(READABLE_TITLE_PX);
  });

  it('go near, mid, far, tiny as the view zooms out, titles growing and never shrinking in flow px', () => {
    expect(bandOf(1)).toBe('near');
    expect(bandOf(0.815)).toBe('near');
    expect(bandOf(0.7)).toBe('mid');
    expect(bandOf(0.5)).toBe('far');
    expect(bandOf(0.3)).toBe('tiny');
    expect(bandOf(0.02)).toBe('tiny');
    const order = zooms.map((zoom) => BANDS.findIndex((look) => look.band === bandOf(zoom)));
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThanOrEqual(order[i - 1]!);
    const sizes = BANDS.map((look) => look.titlePx);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeGreaterThan(sizes[i - 1]!);
    // Each band starts where its own title is exactly the readable size.
    for (const look of BANDS.slice(0, -1)) expect(look.titlePx * look.from).toBeCloseTo(READABLE_TITLE_PX, 9);
  });

  it('fit each band’s title lines in the card’s box: a title is shortened, never cut mid-line', () => {
    for (const band of ['mid', 'far', 'tiny'] as const) {
      const look = bandLook(band);
      expect(look.titleLines).not.toBeNull();
      expect(look.titlePx * LINE_HEIGHT[band] * look.titleLines!).toBeLessThanOrEqual(ROOM[band]);
    }
    expect(bandLook('near').titleLines).toBeNull();
  });

  it('shed detail first, then the badge', () => {
    expect(['near', 'mid', 'far', 'tiny'].map((band) => showsDetail(band as never))).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(['near', 'mid', 'far', 'tiny'].map((band) => showsBadge(band as never))).toEqual([true, true, false, false]);
  });

  it('select the band from React Flow’s transform, and style the container with its title size', () => {
    expect(bandSelector({ transform: [10, 20, 0.6] })).toBe('mid');
    expect(bandStyle('near')).toEqual({ '--card-title-px': '13.5px', '--card-title-lines': 'none' });
    expect(bandStyle('tiny')).toEqual({ '--card-title-px': '38px', '--card-title-lines': '2' });
  });
});

describe('DETAIL_ZOOM', () => {
  it('is where cards show their detail again (a card brought into view goes at least there)', () => {
    expect(bandOf(DETAIL_ZOOM)).toBe('near');
    expect(bandOf(DETAIL_ZOOM - 0.001)).toBe('mid');
  });
});
