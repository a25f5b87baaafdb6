import type * as Engine from '@loopmap/shared/auto-layout';

/**
 * The layout engine (shared `autoLayout` and, inside it, ELK): not in the map page's first load
 * (docs/benchmarks.md, "What the map page loads"). It loads when a layout looks likely (the
 * layout control is hovered, see MapTools) or is asked for; once per page.
 */
let engine: Promise<typeof Engine> | null = null;

export function loadLayoutEngine(): Promise<typeof Engine> {
  engine ??= import('@loopmap/shared/auto-layout').catch((error: unknown) => {
    // Offline or a replaced deploy: the next attempt fetches again.
    engine = null;
    throw error;
  });
  return engine;
}
