import type { XY } from '../collab/presence.ts';

/** What an animation draws into: FlowStore's local positions. */
export interface PositionSink {
  setAnimatedPositions(positions: ReadonlyMap<string, XY>): void;
}

export interface AnimationClock {
  now(): number;
  frame(callback: () => void): number;
  cancel(handle: number): void;
}

const browserClock: AnimationClock = {
  now: () => performance.now(),
  frame: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** The user asked their system for less motion: moves happen at once. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const easeInOut = (t: number): number => (t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2);

/** Positions at fraction `t` (0..1, eased) of the way from `from` to `to`. */
export function interpolate(from: ReadonlyMap<string, XY>, to: ReadonlyMap<string, XY>, t: number): Map<string, XY> {
  const k = easeInOut(Math.max(0, Math.min(1, t)));
  const out = new Map<string, XY>();
  for (const [id, end] of to) {
    const start = from.get(id);
    if (!start) continue;
    out.set(id, { x: start.x + (end.x - start.x) * k, y: start.y + (end.y - start.y) * k });
  }
  return out;
}

/**
 * Moves cards smoothly from where they were to where the document now has them (a layout was
 * just written as one change): local positions are drawn over the document's for `duration`
 * ms, then dropped. Resolves when done; the returned cancel stops it at once (a new layout, the
 * page closing). Users who ask for reduced motion see the result at once.
 */
export function animatePositions(
  sink: PositionSink,
  from: ReadonlyMap<string, XY>,
  to: ReadonlyMap<string, XY>,
  duration = 450,
  clock: AnimationClock = browserClock,
): { done: Promise<void>; cancel: () => void } {
  if (prefersReducedMotion() || duration <= 0 || to.size === 0) {
    sink.setAnimatedPositions(new Map());
    return { done: Promise.resolve(), cancel: () => {} };
  }
  const start = clock.now();
  let handle = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const stop = (): void => {
    clock.cancel(handle);
    sink.setAnimatedPositions(new Map());
    finish();
  };
  const step = (): void => {
    const t = (clock.now() - start) / duration;
    if (t >= 1) {
      stop();
      return;
    }
    sink.setAnimatedPositions(interpolate(from, to, t));
    handle = clock.frame(step);
  };
  sink.setAnimatedPositions(interpolate(from, to, 0));
  handle = clock.frame(step);
  return { done, cancel: stop };
}
