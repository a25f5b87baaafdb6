/**
 * When the inspector opens another card or link itself (an attachment, a new attached card, an
 * end of a link), the keyboard focus goes along to the panel that shows it; when the user picks a
 * card on the canvas or in the outline, the focus stays where they are. Module state rather than
 * component state: the map page may mount a new inspector for each card.
 */
let wantedAt = Number.NEGATIVE_INFINITY;

/** A request not taken within this time is stale (the open did not change what is shown). */
const FRESH_MS = 1000;

/** Opens a card or link from inside an inspector, asking its panel to take the focus. */
export function openWithFocus(open: (id: string) => void, id: string): void {
  wantedAt = performance.now();
  open(id);
}

/** True once, shortly after openWithFocus: the panel now showing should take the focus. */
export function takeFocusRequest(): boolean {
  const fresh = performance.now() - wantedAt < FRESH_MS;
  wantedAt = Number.NEGATIVE_INFINITY;
  return fresh;
}
