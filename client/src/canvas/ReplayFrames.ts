import type { XY } from '../collab/presence.ts';
import type { ReplayPlayer } from '../collab/ReplayPlayer.ts';
import { animatePositions, type AnimationClock } from './animatePositions.ts';
import type { ElementMark } from './projectMap.ts';
import { ReplayGraph } from './ReplayGraph.ts';
import type { VersionFlowStore } from './VersionFlowStore.ts';

/** What a replay measures of itself (exposed as window.__loopmapReplayStats for the bench). */
export interface ReplayStats {
  /** Frames drawn (a seek, a read of the document and a projection each). */
  frames: number;
  /** Total and last time spent drawing them, ms. */
  totalMs: number;
  lastMs: number;
  /** Where the replay is. */
  position: number;
  /** Requests that were folded into a later frame (scrubbing faster than frames). */
  skipped: number;
}

const CURRENT: ElementMark = { states: ['current'] };
/**
 * Light what a step changed only for short steps taken by playing or stepping: a long jump would
 * light everything, and while scrubbing the light would only flicker.
 */
const HIGHLIGHT_MAX_STEP = 8;
/** The shortest time between two drawn long jumps (a scrub drag asks for one every frame). */
const LONG_JUMP_INTERVAL_MS = 150;

const browserClock: AnimationClock = {
  now: () => performance.now(),
  frame: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * Draws a replay: however often a position is asked for (a scrub fires many input events per
 * frame), the document is brought there and the canvas redrawn at most once per animation frame,
 * for the latest position asked. Short steps (playing, stepping) light what changed and tween
 * the cards that moved; long jumps just draw the frame. Framework-free: the clock is injected.
 */
export class ReplayFrames {
  readonly stats: ReplayStats = { frames: 0, totalMs: 0, lastMs: 0, position: 0, skipped: 0 };
  private target: number | null = null;
  private tween = false;
  private handle: number | null = null;
  private animation: { cancel: () => void } | null = null;
  private readonly listeners = new Set<(position: number) => void>();
  private readonly graph = new ReplayGraph();
  /** When the last long jump was drawn (see LONG_JUMP_INTERVAL_MS). */
  private lastLongJumpAt = -Infinity;

  constructor(
    private readonly player: ReplayPlayer,
    private readonly store: VersionFlowStore,
    private readonly clock: AnimationClock = browserClock,
  ) {}

  /** Called with the position each time a frame is drawn. */
  onFrame(listener: (position: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks for a position; drawn on the next animation frame. `tween`: animate moved cards. */
  request(position: number, options: { tween?: boolean } = {}): void {
    if (this.target !== null) this.stats.skipped++;
    this.target = position;
    this.tween = options.tween ?? false;
    this.handle ??= this.clock.frame(this.draw);
  }

  /** Draws at once (the first frame, tests). */
  drawNow(position: number): void {
    this.target = position;
    this.draw();
  }

  dispose(): void {
    if (this.handle !== null) this.clock.cancel(this.handle);
    this.handle = null;
    this.animation?.cancel();
    this.animation = null;
    // Listeners stay: they unsubscribe themselves (and React may mount the same frames again).
    this.graph.dispose();
  }

  private readonly draw = (): void => {
    this.handle = null;
    const target = this.target;
    if (target === null) return;
    const start = this.clock.now();
    const from = this.player.position;
    // A long jump redraws most of the map (hundreds of ms with React and the browser's work). While
    // the thumb is dragged, such frames come no closer than LONG_JUMP_INTERVAL_MS, so pointer input
    // and the thumb itself keep flowing; the latest position asked for is the one drawn.
    const long = Math.abs(target - from) > HIGHLIGHT_MAX_STEP;
    if (long && start - this.lastLongJumpAt < LONG_JUMP_INTERVAL_MS) {
      this.stats.skipped++;
      this.handle = this.clock.frame(this.draw);
      return;
    }
    if (long) this.lastLongJumpAt = start;
    this.target = null;
    this.player.seek(target);
    const position = this.player.position;
    const graph = this.graph.read(this.player.document);
    const step = Math.abs(position - from);
    const short = this.tween && step > 0 && step <= HIGHLIGHT_MAX_STEP;
    const before = this.store.getNodes();
    this.animation?.cancel();
    this.animation = null;
    const changed = short ? this.graph.changed : null;
    this.store.show(graph, changed ? new Map([...changed].map((id) => [id, CURRENT])) : undefined);
    if (short) this.animateMoves(before);
    const ms = this.clock.now() - start;
    this.stats.frames++;
    this.stats.totalMs += ms;
    this.stats.lastMs = ms;
    this.stats.position = position;
    for (const listener of this.listeners) listener(position);
  };

  /** Cards that moved in this step glide from where they were drawn to their new place. */
  private animateMoves(before: readonly { id: string; position: XY }[]): void {
    const was = new Map(before.map((node) => [node.id, node.position]));
    const from = new Map<string, XY>();
    const to = new Map<string, XY>();
    for (const node of this.store.getNodes()) {
      const old = was.get(node.id);
      if (!old || (old.x === node.position.x && old.y === node.position.y)) continue;
      from.set(node.id, old);
      to.set(node.id, node.position);
    }
    if (to.size === 0) return;
    this.animation = animatePositions(this.store, from, to, 280, this.clock);
  }
}
