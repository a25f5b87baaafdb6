/** Which way along links: forward to the cards a card's links lead to, back to where its incoming links come from. */
export type LinkDirection = 'forward' | 'back';

export interface LinkEnds {
  source: string;
  target: string;
}

export interface CardPlace {
  id: string;
  x: number;
  y: number;
}

/** A grid step of the keyboard's card moves: the canvas's dot grid. */
export const GRID_STEP = 24;

/**
 * The cards one link away from `id` in `direction`, each once, in reading order of where they
 * sit (top to bottom, then left to right), so that the choice among several is predictable.
 */
export function linkedCards(
  links: readonly LinkEnds[],
  places: ReadonlyMap<string, CardPlace>,
  id: string,
  direction: LinkDirection,
): string[] {
  const found = new Set<string>();
  for (const link of links) {
    if (direction === 'forward' && link.source === id && link.target !== id) found.add(link.target);
    if (direction === 'back' && link.target === id && link.source !== id) found.add(link.source);
  }
  return [...found]
    .filter((other) => places.has(other))
    .sort((a, b) => {
      const pa = places.get(a)!;
      const pb = places.get(b)!;
      return pa.y - pb.y || pa.x - pb.x || (a < b ? -1 : 1);
    });
}

/**
 * Keyboard movement along links (see KeyboardHelp): a step forward or back goes to the first
 * card that way and remembers the others; "next" and "previous" then cycle through those choices
 * (wrapping), so a card with several links out can reach each of them.
 */
export class LinkWalk {
  private last: { from: string; choices: string[]; index: number } | null = null;

  /** The card one link away, or null when no link goes that way (the walk is unchanged). */
  step(links: readonly LinkEnds[], places: ReadonlyMap<string, CardPlace>, from: string, direction: LinkDirection) {
    const choices = linkedCards(links, places, from, direction);
    if (choices.length === 0) return null;
    this.last = { from, choices, index: 0 };
    return { id: choices[0]!, index: 0, count: choices.length };
  }

  /**
   * The next (delta 1) or previous (-1) choice of the last step, when `current` is one of them;
   * else the choices among every card linked to `current` either way.
   */
  cycle(links: readonly LinkEnds[], places: ReadonlyMap<string, CardPlace>, current: string, delta: 1 | -1) {
    if (!this.last || this.last.choices[this.last.index] !== current) {
      const around = [
        ...linkedCards(links, places, current, 'forward'),
        ...linkedCards(links, places, current, 'back'),
      ];
      const choices = [...new Set(around)];
      if (choices.length === 0) return null;
      // Around a card: the first step lands on the first (or last) of its neighbours.
      this.last = { from: current, choices, index: delta === 1 ? -1 : choices.length };
    }
    const { choices } = this.last;
    const index = (((this.last.index + delta) % choices.length) + choices.length) % choices.length;
    this.last = { ...this.last, index };
    return { id: choices[index]!, index, count: choices.length };
  }

  reset(): void {
    this.last = null;
  }
}
