/**
 * Tells the user whether their edits are safe, from what the connection reports. Pure: it knows
 * no WebSocket and no provider; MapSession feeds it events, tests feed it by hand.
 *
 * "Saved" is a promise we make to the user, so it is strict: the socket is open, the initial sync
 * has completed, and the server has acknowledged (MESSAGE_SAVED) every document message that this
 * connection sent. Acknowledgements count messages per connection, so the counters start again at
 * every new connection; edits that never reached the server travel again in the sync handshake of
 * the next connection (they are in the local Y.Doc and in IndexedDB).
 *
 * A read-only member (viewer, commenter) sends no edits, and the server acknowledges none of what
 * it sends (its sync step 2 is dropped, never stored), so "saving" and "saved" mean nothing for
 * it: once synced it is `live` (receiving every change as it happens). `signed-out`: the server
 * ended the session (4401); edits wait on the device until the user signs in again.
 */
export type SyncStatus = 'connecting' | 'offline' | 'reconnecting' | 'saving' | 'saved' | 'live' | 'signed-out';

export interface SaveSnapshot {
  readonly status: SyncStatus;
  /** Document messages sent on this connection that the server has not yet confirmed as stored. */
  readonly unacknowledged: number;
  /**
   * Work too large for one message (a long offline session) goes in slices: how many the server
   * has stored so far, of how many. Null when no such upload is under way.
   */
  readonly upload: { readonly done: number; readonly total: number } | null;
}

/** After this many connection attempts in a row that never opened, we say "offline". */
export const FAILED_ATTEMPTS_BEFORE_OFFLINE = 3;

type Connection = 'idle' | 'connecting' | 'open';

export class SaveTracker {
  private connection: Connection = 'idle';
  /** Connections that opened so far; from the second one on, we are reconnecting. */
  private connectionsOpened = 0;
  private synced = false;
  private sent = 0;
  private acknowledgedCount = 0;
  private networkOnline = true;
  private attemptsSinceOpen = 0;
  private stopped = false;
  private stoppedBy: 'refusal' | 'sign-out' = 'refusal';
  private readOnly = false;
  /** The sliced upload on this connection: messages from `start` on, `total` of them. */
  private slices: { start: number; total: number } | null = null;
  private snapshot: SaveSnapshot = { status: 'connecting', unacknowledged: 0, upload: null };
  private readonly listeners = new Set<() => void>();

  /** A connection attempt started. */
  connecting(): void {
    this.connection = 'connecting';
    this.attemptsSinceOpen++;
    this.synced = false;
    this.update();
  }

  /** The socket opened: a new connection, whose messages are counted from zero. */
  opened(): void {
    this.connection = 'open';
    this.connectionsOpened++;
    this.attemptsSinceOpen = 0;
    this.synced = false;
    this.sent = 0;
    this.acknowledgedCount = 0;
    this.slices = null;
    this.update();
  }

  /** The socket closed (or an attempt failed). */
  closed(): void {
    this.connection = 'idle';
    this.synced = false;
    this.sent = 0;
    this.acknowledgedCount = 0;
    this.slices = null;
    this.update();
  }

  /** The last `count` document messages sent are the slices of one large sync reply. */
  slicesSent(count: number): void {
    if (this.connection !== 'open' || count <= 1) return;
    this.slices = { start: Math.max(0, this.sent - count), total: count };
    this.update();
  }

  setSynced(synced: boolean): void {
    this.synced = synced && this.connection === 'open';
    this.update();
  }

  /** This connection sent a document message (sync step 2 or update). */
  documentMessageSent(): void {
    if (this.connection !== 'open') return;
    this.sent++;
    this.update();
  }

  /** The server stored the first `count` document messages of this connection. */
  acknowledged(count: number): void {
    if (this.connection !== 'open' || !Number.isFinite(count)) return;
    // A count can only grow; one larger than what we sent would be a server bug, not a reason
    // to show "Saved" for messages that do not exist.
    this.acknowledgedCount = Math.max(this.acknowledgedCount, Math.min(count, this.sent));
    this.update();
  }

  /** The browser's own idea of connectivity (navigator.onLine and its events). */
  setNetworkOnline(online: boolean): void {
    this.networkOnline = online;
    this.update();
  }

  /**
   * The server refused the map for good (deleted, not found; `sign-out`: the session ended): no
   * more saving will happen until resume().
   */
  stop(reason: 'refusal' | 'sign-out' = 'refusal'): void {
    this.stopped = true;
    this.stoppedBy = reason;
    this.closed();
  }

  /** Whether this client may only watch (its role cannot edit). */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.update();
  }

  /** The user asked to try again after a stop. */
  resume(): void {
    this.stopped = false;
    this.update();
  }

  get status(): SyncStatus {
    return this.snapshot.status;
  }

  getSnapshot = (): SaveSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private computeStatus(): SyncStatus {
    if (this.stopped) return this.stoppedBy === 'sign-out' ? 'signed-out' : 'offline';
    if (this.connection === 'open') {
      if (!this.synced) return this.connectionsOpened > 1 ? 'reconnecting' : 'connecting';
      if (this.readOnly) return 'live';
      return this.acknowledgedCount < this.sent ? 'saving' : 'saved';
    }
    if (!this.networkOnline || this.attemptsSinceOpen >= FAILED_ATTEMPTS_BEFORE_OFFLINE) return 'offline';
    return this.connectionsOpened > 0 ? 'reconnecting' : 'connecting';
  }

  private update(): void {
    const status = this.computeStatus();
    const unacknowledged = this.sent - this.acknowledgedCount;
    let upload: SaveSnapshot['upload'] = null;
    if (this.slices) {
      const done = Math.min(this.slices.total, Math.max(0, this.acknowledgedCount - this.slices.start));
      if (done < this.slices.total) upload = { done, total: this.slices.total };
      else this.slices = null;
    }
    const previous = this.snapshot;
    if (
      status === previous.status &&
      unacknowledged === previous.unacknowledged &&
      upload?.done === previous.upload?.done &&
      upload?.total === previous.upload?.total
    ) {
      return;
    }
    this.snapshot = { status, unacknowledged, upload };
    for (const listener of this.listeners) listener();
  }
}
