import * as Y from 'yjs';
import { getEdges, getMeta, getNodes } from '@loopmap/shared';

/** One logged update of a map, as the replay keeps it (decoded from UpdatesPage). */
export interface ReplayUpdate {
  seq: number;
  /** Epoch ms. */
  at: number;
  /** The author's user id ('system' for the server's own changes). */
  author: string;
  data: Uint8Array;
}

export interface ReplayPlayerOptions {
  /** A checkpoint (the whole state) is kept after every this many updates. */
  checkpointEvery?: number;
  /** A jump further than this many updates starts from a checkpoint instead of stepping. */
  rebuildDistance?: number;
}

/** The origin of updates applied by the replay, the only one its undo manager tracks. */
const REPLAY_ORIGIN = Symbol('replay');

/**
 * A map's update log replayed in the browser: jump to any point of it without rebuilding from
 * the first update. Framework-free; ReplayFrames drives it.
 *
 * A position is how many updates are applied (0: the empty map, `length`: the map as logged
 * last). While the log is appended (page by page as it loads), a builder document applies every
 * update once and keeps its whole state every `checkpointEvery` updates, in memory.
 *
 * One working document is moved about. Each update is applied to it as its own transaction,
 * which a Y.UndoManager records; so a step back is one undo and a step forward again one redo,
 * costing what that change costs, never the size of the map. Scrubbing back and forth over a
 * stretch of the log therefore stays cheap however large the map. A jump further than
 * `rebuildDistance`, or to before where the working document started, starts afresh from the
 * nearest checkpoint at or before the target plus a short tail of updates (decoding a checkpoint
 * costs about the map's size, a few tens of ms for a large map).
 */
export class ReplayPlayer {
  readonly checkpointEvery: number;
  readonly rebuildDistance: number;
  private readonly updates: ReplayUpdate[] = [];
  /** checkpoints[k]: the state after k * checkpointEvery updates (checkpoints[0]: empty). */
  private readonly checkpoints: Uint8Array[] = [];
  private readonly builder = new Y.Doc();
  private doc!: Y.Doc;
  private undo!: Y.UndoManager;
  /** The position the working document started at (a checkpoint), and how far it has applied. */
  private base = 0;
  private high = 0;
  /** The position shown: `high` minus what is undone. */
  private applied = 0;
  /** undoStack length at each position from base to high (an update may leave no stack item). */
  private stackAt: number[] = [0];
  /** Updates applied, undone or redone while seeking (for the measurable hook and tests). */
  appliedCount = 0;

  constructor(options: ReplayPlayerOptions = {}) {
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 250);
    this.rebuildDistance = Math.max(1, options.rebuildDistance ?? 2000);
    this.checkpoints.push(Y.encodeStateAsUpdate(this.builder));
    this.startAt(0);
  }

  get length(): number {
    return this.updates.length;
  }

  /** The working document, at `position`. Its identity changes when a seek starts afresh. */
  get document(): Y.Doc {
    return this.doc;
  }

  get position(): number {
    return this.applied;
  }

  update(index: number): ReplayUpdate | undefined {
    return this.updates[index];
  }

  /** The update that brought the map to `position` (none at 0). */
  updateAt(position: number): ReplayUpdate | undefined {
    return position > 0 ? this.updates[position - 1] : undefined;
  }

  /** The position right after the last update whose seq is at most `seq`. */
  positionOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.updates.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.updates[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds the next updates of the log (oldest first, after every update already added). */
  append(updates: readonly ReplayUpdate[]): void {
    for (const update of updates) {
      const last = this.updates[this.updates.length - 1];
      if (last && update.seq <= last.seq) continue;
      this.updates.push(update);
      Y.applyUpdate(this.builder, update.data);
      if (this.updates.length % this.checkpointEvery === 0) this.checkpoints.push(Y.encodeStateAsUpdate(this.builder));
    }
  }

  /** Brings the working document to `position` (clamped); false when it already was there. */
  seek(position: number): boolean {
    const target = Math.max(0, Math.min(this.updates.length, Math.round(position)));
    if (target === this.applied) return false;
    const k = Math.floor(target / this.checkpointEvery);
    const checkpointAt = k * this.checkpointEvery;
    const far = Math.abs(target - this.applied) > this.rebuildDistance && checkpointAt > this.base;
    if (target < this.base || far) {
      this.startAt(k);
      this.applyUpTo(target);
      return true;
    }
    // Within what the working document has applied: undo or redo, change by change.
    const wanted = this.stackAt[Math.min(target, this.high) - this.base]!;
    while (this.undo.undoStack.length > wanted && this.undo.undoStack.length > 0) this.counted(() => this.undo.undo());
    while (this.undo.undoStack.length < wanted && this.undo.redoStack.length > 0) this.counted(() => this.undo.redo());
    this.applied = Math.min(target, this.high);
    if (target > this.high) this.applyUpTo(target);
    return true;
  }

  /** A fresh working document at checkpoint k. */
  private startAt(k: number): void {
    this.undo?.destroy();
    // Undo brings back what a change deleted: the deleted content must be kept.
    this.doc = new Y.Doc({ gc: false });
    Y.applyUpdate(this.doc, this.checkpoints[k]!);
    this.undo = new Y.UndoManager([getMeta(this.doc), getNodes(this.doc), getEdges(this.doc)], {
      trackedOrigins: new Set([REPLAY_ORIGIN]),
      captureTimeout: 0,
    });
    this.base = this.high = this.applied = k * this.checkpointEvery;
    this.stackAt = [0];
  }

  /** Applies the updates from `high` to `target`, each as its own undoable transaction. */
  private applyUpTo(target: number): void {
    for (let i = this.high; i < target; i++) {
      Y.applyUpdate(this.doc, this.updates[i]!.data, REPLAY_ORIGIN);
      this.stackAt.push(this.undo.undoStack.length);
    }
    this.appliedCount += Math.max(0, target - this.high);
    this.high = this.applied = Math.max(this.high, target);
  }

  private counted(run: () => void): void {
    run();
    this.appliedCount++;
  }

  /**
   * The position of the previous (direction -1) or next (+1) change from `position`, among the
   * updates `accept` keeps (a contributor's, say); null when there is none.
   */
  step(position: number, direction: -1 | 1, accept: (update: ReplayUpdate) => boolean = () => true): number | null {
    if (direction > 0) {
      for (let i = position; i < this.updates.length; i++) if (accept(this.updates[i]!)) return i + 1;
      return null;
    }
    // The change shown at `position` is updates[position - 1]; the previous one is before it.
    for (let i = Math.min(position, this.updates.length) - 2; i >= 0; i--) if (accept(this.updates[i]!)) return i + 1;
    return null;
  }
}

/** Decodes a base64 Yjs update from UpdatesPage. */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
