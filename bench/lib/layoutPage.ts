/**
 * The page side of bench/layout.ts: bundled (esbuild) with @loopmap/shared and elkjs into one
 * script that runs in headless Chromium, where the canvas will run autoLayout. Exposes
 * `window.layoutBench`; every call times one layout inside the page (performance.now()).
 */
import { layoutCase, timeVariant, type LayoutCase, type Variant } from './layoutCases.ts';

const cases = new Map<number, LayoutCase>();

const layoutBench = {
  /** Builds (once) the random map of `cards` cards; returns its counts. */
  prepare(cards: number): { cards: number; links: number; feedback: number } {
    let made = cases.get(cards);
    if (!made) cases.set(cards, (made = layoutCase(cards)));
    return { cards: made.cards, links: made.links, feedback: made.feedback };
  },
  async time(cards: number, variant: Variant): Promise<number> {
    const made = cases.get(cards);
    if (!made) throw new Error(`prepare(${cards}) first`);
    return (await timeVariant(made, variant)).ms;
  },
};

(globalThis as unknown as { layoutBench: typeof layoutBench }).layoutBench = layoutBench;
