import type { PresenceState, PresenceUser, XY } from './presence.ts';

/** The part of y-protocols' Awareness the writer needs. */
export interface LocalStateTarget {
  setLocalState(state: Record<string, unknown> | null): void;
}

/** Time and timers, injected so tests run without the wall clock. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => window.setTimeout(callback, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/**
 * Peers see at most this many of one's selected or dragged cards: enough to show what someone
 * is working on, and it keeps a presence state small (the server refuses states over 16 KiB and
 * frames over 64 KiB), however many cards are selected or dragged.
 */
export const MAX_SHARED_CARDS = 200;
/** What one presence state may take as JSON; below the server's 16 KiB, whatever the ids' length. */
export const MAX_PRESENCE_JSON = 12 * 1024;

/** ~30 updates a second: smooth enough for a cursor, light enough for the wire. */
export const PRESENCE_INTERVAL_MS = 33;

/**
 * Writes the local presence state. Pointer and drag positions change every frame, so they are
 * coalesced and sent at most once per interval (the last value always gets through); user and
 * selection changes, and the end of a drag, are sent at once. Every write replaces the whole
 * local state in one call, so peers receive one awareness update per flush, not one per field.
 */
export class PresenceWriter {
  private pending: Partial<PresenceState> = {};
  /** What this writer last published (kept to publish again after the state was cleared). */
  private state: PresenceState;
  private lastFlush = -Infinity;
  private timer: unknown = null;
  private disposed = false;

  constructor(
    private readonly target: LocalStateTarget,
    user: PresenceUser,
    private readonly scheduler: Scheduler = browserScheduler,
    private readonly intervalMs = PRESENCE_INTERVAL_MS,
  ) {
    this.state = { user, cursor: null, selection: [], dragging: null };
    target.setLocalState({ ...this.state });
  }

  setUser(user: PresenceUser): void {
    this.pending.user = user;
    this.flush();
  }

  setCursor(cursor: XY | null): void {
    this.pending.cursor = cursor;
    // Leaving the canvas is rare and worth showing at once; moves are throttled.
    if (cursor === null) this.flush();
    else this.schedule();
  }

  setSelection(all: readonly string[]): void {
    const ids = all.length > MAX_SHARED_CARDS ? all.slice(0, MAX_SHARED_CARDS) : all;
    const last = this.pending.selection ?? this.state.selection;
    if (last.length === ids.length && last.every((id, i) => id === ids[i])) return;
    this.pending.selection = [...ids];
    this.flush();
  }

  setDragging(all: Record<string, XY> | null): void {
    let positions = all;
    if (all) {
      // Tenths of a pixel are plenty for a ghost, and keep each entry short.
      const entries = Object.entries(all)
        .slice(0, MAX_SHARED_CARDS)
        .map(([id, { x, y }]) => [id, { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 }] as const);
      positions = Object.fromEntries(entries);
    }
    this.pending.dragging = positions;
    // The end of a drag must not trail behind the document update that commits it.
    if (positions === null) this.flush();
    else this.schedule();
  }

  /** Sends whatever is pending now. */
  flush(): void {
    if (this.timer !== null) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.disposed || Object.keys(this.pending).length === 0) return;
    this.state = fitted({ ...this.state, ...this.pending });
    this.target.setLocalState({ ...this.state });
    this.pending = {};
    this.lastFlush = this.scheduler.now();
  }

  /** Publishes the last state again (after something cleared it, e.g. a page hidden then restored). */
  republish(): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...this.pending, cursor: null, dragging: null };
    this.pending = {};
    this.target.setLocalState({ ...this.state });
  }

  dispose(): void {
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.disposed = true;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = this.lastFlush + this.intervalMs - this.scheduler.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
  }
}

/**
 * The state trimmed to MAX_PRESENCE_JSON: dragged cards first, then selected ones, halved until
 * it fits. A state the server refused would cost strikes, and enough of them close the socket.
 */
function fitted(state: PresenceState): PresenceState {
  let out = state;
  while (JSON.stringify(out).length > MAX_PRESENCE_JSON) {
    const dragging = out.dragging ? Object.entries(out.dragging) : [];
    if (dragging.length > 1) {
      out = { ...out, dragging: Object.fromEntries(dragging.slice(0, Math.floor(dragging.length / 2))) };
    } else if (out.selection.length > 1) {
      out = { ...out, selection: out.selection.slice(0, Math.floor(out.selection.length / 2)) };
    } else {
      break;
    }
  }
  return out;
}
