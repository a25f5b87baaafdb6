import type { PresenceEntry } from './awarenessStamp.ts';

/**
 * Presence (cursors, selections, drags) is relayed to every peer of a map, so each peer's share
 * is bounded: a few client ids (one per tab is the norm; a reload may briefly hold two), a size
 * per state (a drag of a thousand cards fits), a rate (the client sends ~30 a second; anything
 * faster is coalesced, the latest state always gets through), and the room relays the changes
 * at most once per `roomIntervalMs`. A peer that keeps sending what it may not (ids beyond its
 * share, oversized states) spends strikes; out of strikes, it is closed with 4429.
 */
export interface PresenceLimits {
  maxIdsPerPeer: number;
  maxStateBytes: number;
  /** A peer's presence is applied at most once per this many ms; the rest is coalesced. */
  peerIntervalMs: number;
  /** The room relays presence changes at most once per this many ms. */
  roomIntervalMs: number;
  /** Refused entries a peer may send in a burst... */
  strikes: number;
  /** ...and one more each this many ms. */
  strikeRefillMs: number;
}

export const DEFAULT_PRESENCE_LIMITS: PresenceLimits = {
  maxIdsPerPeer: 4,
  maxStateBytes: 16 * 1024,
  peerIntervalMs: 25,
  roomIntervalMs: 30,
  strikes: 20,
  strikeRefillMs: 5_000,
};

type Timers = Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;

/**
 * One peer's presence, coalesced: applied at once when the peer has been quiet for
 * `intervalMs`, otherwise kept (the latest entry per client id) and applied when the interval
 * ends.
 */
export class PresenceThrottle {
  private last = -Infinity;
  private readonly pending = new Map<number, PresenceEntry>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private strikesLeft: number;
  private strikesAt: number;

  constructor(
    private readonly limits: PresenceLimits,
    private readonly apply: (entries: PresenceEntry[]) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly timers: Timers = globalThis,
  ) {
    this.strikesLeft = limits.strikes;
    this.strikesAt = now();
  }

  offer(entries: PresenceEntry[]): void {
    if (entries.length === 0) return;
    const now = this.now();
    if (this.pending.size === 0 && now - this.last >= this.limits.peerIntervalMs) {
      this.last = now;
      this.apply(entries);
      return;
    }
    for (const entry of entries) {
      const held = this.pending.get(entry.clientId);
      if (!held || held.clock <= entry.clock) this.pending.set(entry.clientId, entry);
    }
    this.timer ??= this.timers.setTimeout(
      () => {
        this.timer = null;
        this.last = this.now();
        const due = [...this.pending.values()];
        this.pending.clear();
        this.apply(due);
      },
      Math.max(0, this.last + this.limits.peerIntervalMs - now),
    );
  }

  /** Client ids waiting to be applied. */
  pendingIds(): Iterable<number> {
    return this.pending.keys();
  }

  /** Spends `count` strikes; false once the peer has none left. */
  strike(count: number): boolean {
    const now = this.now();
    this.strikesLeft = Math.min(
      this.limits.strikes,
      this.strikesLeft + (now - this.strikesAt) / this.limits.strikeRefillMs,
    );
    this.strikesAt = now;
    this.strikesLeft -= count;
    return this.strikesLeft >= 0;
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }
}
