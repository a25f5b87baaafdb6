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
 * What the writer knows of the link to the server, read each time it schedules a send: a slow
 * link gets cursor and drag updates less often, so they never crowd out document updates.
 */
export interface LinkState {
  /** Bytes the socket has queued and not yet sent (WebSocket.bufferedAmount); 0 when none. */
  backlog(): number;
  /** Whether the browser itself reports a slow connection (navigator.connection), when it can. */
  reportedSlow(): boolean;
}

/** A link that is never slow: tests, and a page with no socket yet. */
export const FAST_LINK: LinkState = { backlog: () => 0, reportedSlow: () => false };

/** The browser's link: the socket's queue and the Network Information API where there is one. */
export function browserLink(socket: () => { bufferedAmount: number } | null): LinkState {
  return {
    backlog: () => socket()?.bufferedAmount ?? 0,
    reportedSlow: () => {
      const connection = (navigator as { connection?: { effectiveType?: string; rtt?: number; saveData?: boolean } })
        .connection;
      if (!connection) return false;
      return (
        connection.saveData === true ||
        connection.effectiveType === 'slow-2g' ||
        connection.effectiveType === '2g' ||
        (connection.rtt ?? 0) >= SLOW_RTT_MS
      );
    },
  };
}

/** A round trip this long (as navigator.connection estimates it) is a slow link. */
export const SLOW_RTT_MS = 300;
/** On a slow link: ~4 cursor updates a second, each one the latest position. */
export const SLOW_PRESENCE_INTERVAL_MS = 250;
/** Once seen slow, a link counts as slow this long (a queue that empties now and then is still slow). */
export const SLOW_HOLD_MS = 5_000;
/**
 * While the socket holds more than this unsent, cursor and drag updates wait (the latest is kept):
 * what is queued ahead of them may be document updates, which must not be delayed by presence.
 */
export const BACKLOG_WAIT_BYTES = 4 * 1024;

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
 * On a slow link (the socket's queue backs up, or the browser says so) moves are sent every
 * SLOW_PRESENCE_INTERVAL_MS instead, and wait while the socket is backed up.
 */
export class PresenceWriter {
  private pending: Partial<PresenceState> = {};
  /** What this writer last published (kept to publish again after the state was cleared). */
  private state: PresenceState;
  private lastFlush = -Infinity;
  private timer: unknown = null;
  private disposed = false;
  /** Until when the link counts as slow (see SLOW_HOLD_MS). */
  private slowUntil = -Infinity;

  constructor(
    private readonly target: LocalStateTarget,
    user: PresenceUser,
    private readonly scheduler: Scheduler = browserScheduler,
    private readonly intervalMs = PRESENCE_INTERVAL_MS,
    private readonly link: LinkState = FAST_LINK,
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

  /** Whether the link is slow now (and notes it, for SLOW_HOLD_MS). */
  private slowLink(): boolean {
    const now = this.scheduler.now();
    if (this.link.backlog() > 0 || this.link.reportedSlow()) this.slowUntil = now + SLOW_HOLD_MS;
    return now < this.slowUntil;
  }

  /** The current interval between moves: longer on a slow link. */
  get currentIntervalMs(): number {
    return this.slowLink() ? Math.max(this.intervalMs, SLOW_PRESENCE_INTERVAL_MS) : this.intervalMs;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const interval = this.currentIntervalMs;
    const wait = this.lastFlush + interval - this.scheduler.now();
    if (wait <= 0 && this.link.backlog() <= BACKLOG_WAIT_BYTES) {
      this.flush();
      return;
    }
    this.timer = this.scheduler.setTimeout(
      () => {
        this.timer = null;
        // Still backed up: the moves wait another interval (the latest is kept meanwhile).
        if (this.link.backlog() > BACKLOG_WAIT_BYTES) {
          this.lastFlush = this.scheduler.now();
          this.schedule();
          return;
        }
        this.flush();
      },
      Math.max(wait, 0) || interval,
    );
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
