/**
 * Sizes the layout engine shares with the canvas and the light helpers (ceiling, frames), kept
 * apart from it so that they do not pull the engine into the browser's first load
 * (docs/benchmarks.md, "What the map page loads").
 */

/** The usual size of a card on the canvas (client/src/canvas/canvas.css). */
export const DEFAULT_CARD_SIZE = Object.freeze({ width: 220, height: 84 });

/** Room between two rows of cards, for a link's label (up to two lines) halfway between them. */
export const LAYER_GAP = 170;
