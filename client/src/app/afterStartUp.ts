/** How long after the map page mounts its optional code may start loading. */
export const START_UP_MS = 4_000;

/**
 * Runs `callback` once the page has started up: START_UP_MS after the call, then when the
 * browser is idle. For code the first render does not need (the inspectors, the logic check):
 * fetching and compiling it earlier competes with the map's own first render, most of all on
 * a slow link or a busy device (docs/benchmarks.md, "What the map page loads"). Returns a cancel.
 */
export function afterStartUp(callback: () => void): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback !== 'function') {
      callback();
      return;
    }
    idle = requestIdleCallback(callback, { timeout: 10_000 });
  }, START_UP_MS);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
