/**
 * Semantic zoom: how much of a card the canvas draws at a zoom, and how large its title is.
 *
 * A card keeps its box (220×84 flow units, 260 wide for an impact: layout, links and collisions
 * rely on it), so as the view zooms out the title must grow relative to the card to stay
 * readable on screen, and the card sheds detail to make room for it:
 * - near: everything (kind badge, title, facts, assumption state, chips, health, tags, badges);
 * - mid: the kind badge and the title, two lines;
 * - far: the title alone, two lines, the kind shown by the card's colour (border, shape, tint);
 * - tiny: the title alone, as large as fits in the box (two lines), shortened with an ellipsis.
 * Each band starts at the zoom where its title is READABLE_TITLE_PX on screen, so titles stay
 * readable down to the tiny band's start (MIN_READABLE_ZOOM), which is below Z40; further out a
 * card still shows its title, as large as the box allows.
 *
 * Cards read the band, not the zoom (`bandSelector`): they re-render when a threshold is crossed,
 * never while the view zooms within a band, and the sizes are fixed per band so zooming within
 * one relays out no text.
 */

export type ZoomBand = 'near' | 'mid' | 'far' | 'tiny';

/** The smallest title worth showing on a shared screen (px on screen). */
export const READABLE_TITLE_PX = 11;

/**
 * Z40: the zoom at which a 40-card theory of change fits a 1280×720 window. Measured from a real
 * one: 1 impact, 17 outcomes over the three levels, 10 outputs, 10 activities and 2
 * preconditions, linked as a pathway and laid out by Tidy up (shared `autoLayout`) into
 * 3232×1862 flow units. Fitted by the Fit control (12% padding) it gets 0.346 in the whole
 * 1280×720 window, and 0.296 in the canvas the app leaves at that window size (its header and
 * toolbar take the rest): test/e2e/readableZoom.spec.ts builds that map, tidies it up, fits it
 * and measures every title. Titles must be readable down to here.
 */
export const Z40 = 0.296;

export interface BandLook {
  band: ZoomBand;
  /** The band covers zooms from here up to the next band's start (the nearest: any zoom above). */
  from: number;
  /** The card title's font size in flow px (near: the base size; an impact's is a little larger). */
  titlePx: number;
  /** Lines of title shown before an ellipsis (null: all of it). */
  titleLines: number | null;
}

/**
 * The bands, nearest first. Each title size is what fits the card's box at that band's lines
 * (canvas.css sets the paddings and line heights to match): 19 px × 2 lines under the kind
 * badge, 27.5 px × 2 lines alone, 38 px × 2 lines with the paddings cut to the bone. Each band
 * starts where its title is READABLE_TITLE_PX on screen.
 */
export const BANDS: readonly BandLook[] = [
  { band: 'near', from: READABLE_TITLE_PX / 13.5, titlePx: 13.5, titleLines: null },
  { band: 'mid', from: READABLE_TITLE_PX / 19, titlePx: 19, titleLines: 2 },
  { band: 'far', from: READABLE_TITLE_PX / 27.5, titlePx: 27.5, titleLines: 2 },
  { band: 'tiny', from: 0, titlePx: 38, titleLines: 2 },
];

const LOOKS = new Map(BANDS.map((look) => [look.band, look]));

/** The band a zoom falls in. */
export function bandOf(zoom: number): ZoomBand {
  for (const look of BANDS) if (zoom >= look.from) return look.band;
  return 'tiny';
}

export function bandLook(band: ZoomBand): BandLook {
  return LOOKS.get(band)!;
}

/** A card title's height on screen (px) at a zoom. */
export function titleOnScreen(zoom: number): number {
  return bandLook(bandOf(zoom)).titlePx * zoom;
}

/** The zoom from which cards show all their detail (a card brought into view goes at least here). */
export const DETAIL_ZOOM = Math.ceil(bandLook('near').from * 1000) / 1000;

/** The lowest zoom at which card titles are still READABLE_TITLE_PX on screen (≈ 0.289, below Z40). */
export const MIN_READABLE_ZOOM = READABLE_TITLE_PX / bandLook('tiny').titlePx;

/** For React Flow's store: `useStore(bandSelector)` re-renders only when the band changes. */
export const bandSelector = (state: { transform: [number, number, number] }): ZoomBand => bandOf(state.transform[2]);

/** What a card draws in a band: everything near, the kind badge down to mid, the title always. */
export const showsDetail = (band: ZoomBand): boolean => band === 'near';
export const showsBadge = (band: ZoomBand): boolean => band === 'near' || band === 'mid';

/**
 * The canvas container's custom properties for a band: the title size and lines every card and
 * frame reads (canvas.css), set once on the container rather than on a thousand cards.
 * `--card-title-scale` (1 unless a container class such as presentation mode sets it) multiplies
 * the size.
 */
export function bandStyle(band: ZoomBand): Record<string, string> {
  const look = bandLook(band);
  return {
    '--card-title-px': `${look.titlePx}px`,
    '--card-title-lines': look.titleLines === null ? 'none' : String(look.titleLines),
  };
}
