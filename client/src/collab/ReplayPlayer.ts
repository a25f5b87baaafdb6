import * as Y from 'yjs';

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
}

/**
 * A map's update log replayed in the browser: jump to any point of it without rebuilding from
 * the first update. Framework-free; ReplayTimeline drives it.
 *
 * A position is how many updates are applied (0: the empty map, `length`: the map as logged
 * last). While the log is appended (page by page as it loads), a builder document applies every
 * update once and keeps its whole state every `checkpointEvery` updates. Seeking moves one
 * working document: forward by applying the updates in between, or, backward or far ahead, from
 * the nearest checkpoint at or before the target plus a short tail. So any jump costs one
 * checkpoint and at most `checkpointEvery - 1` updates; scrubbing forward costs only the updates
 * passed. Checkpoints are kept in memory only: about one state per 250 updates.
 */
export class ReplayPlayer {
  readonly checkpointEvery: number;
  private readonly updates: ReplayUpdate[] = [];
  /** checkpoints[k]: the state after k * checkpointEvery updates (checkpoints[0]: empty). */
  private readonly checkpoints: Uint8Array[] = [];
  private readonly builder = new Y.Doc();
  private doc = new Y.Doc();
  private applied = 0;
  /** Updates applied while seeking, for the measurable hook and tests. */
  appliedCount = 0;

  constructor(options: ReplayPlayerOptions = {}) {
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 250);
    this.checkpoints.push(Y.encodeStateAsUpdate(this.builder));
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

  /**
   * Brings the working document to `position` (clamped) and returns whether it changed.
   * Returns false when it already was there.
   */
  seek(position: number): boolean {
    const target = Math.max(0, Math.min(this.updates.length, Math.round(position)));
    if (target === this.applied) return false;
    const k = Math.floor(target / this.checkpointEvery);
    const checkpointAt = k * this.checkpointEvery;
    // Forward from where we are, unless a checkpoint is closer.
    if (target > this.applied && this.applied >= checkpointAt) {
      this.applyRange(this.applied, target);
      return true;
    }
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, this.checkpoints[k]!);
    this.applied = checkpointAt;
    this.applyRange(checkpointAt, target);
    return true;
  }

  private applyRange(from: number, to: number): void {
    const doc = this.doc;
    // One transaction: observers (none in the replay, but a cheap guarantee) fire once.
    doc.transact(() => {
      for (let i = from; i < to; i++) Y.applyUpdate(doc, this.updates[i]!.data);
    });
    this.appliedCount += to - from;
    this.applied = to;
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
