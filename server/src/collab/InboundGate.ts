/**
 * A budget for what one socket may make the server do, so that one client's excess costs that
 * client and not the room. Every frame spends from two token buckets: one counted in messages
 * (decoding and relaying a frame has a fixed cost) and one in bytes (applying it costs in
 * proportion to its size). While a frame fits, it is delivered at once; otherwise the gate stops
 * reading the socket (TCP backpressure: the sender's own kernel buffers fill, not our memory) and
 * delivers the waiting frames, in order, as the buckets refill. Nothing is dropped: a peer's
 * document updates are its users' work, they are only slowed down.
 *
 * The default rates are far above what a person does (a drag sends ~30 updates a second,
 * presence another ~30; offline work arrives in slices of MAX_SLICE_BYTES) and far below what a
 * script can send.
 */
export interface InboundLimits {
  /** Messages a socket may send in a burst... */
  burstMessages: number;
  /** ...and per second after that. */
  messagesPerSecond: number;
  /** Bytes a socket may send in a burst... */
  burstBytes: number;
  /** ...and per second after that. */
  bytesPerSecond: number;
  /** Frames held while paused before the socket is closed (a client that ignores backpressure). */
  maxQueuedFrames: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = {
  burstMessages: 400,
  messagesPerSecond: 200,
  burstBytes: 4 * 1024 * 1024,
  bytesPerSecond: 1024 * 1024,
  maxQueuedFrames: 5_000,
};

/** What the gate needs from the transport. */
export interface GatedSocket {
  pause(): void;
  resume(): void;
}

export interface GateTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: GateTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class InboundGate {
  private messages: number;
  private bytes: number;
  private at: number;
  private readonly queue: Uint8Array[] = [];
  private timer: unknown = null;
  private paused = false;
  private stopped = false;
  /** How many times the gate had to hold frames back (for logs and tests). */
  throttled = 0;

  constructor(
    private readonly socket: GatedSocket,
    private readonly deliver: (frame: Uint8Array) => void,
    private readonly overflow: () => void,
    private readonly limits: InboundLimits = DEFAULT_INBOUND_LIMITS,
    private readonly timers: GateTimers = realTimers,
  ) {
    this.messages = limits.burstMessages;
    this.bytes = limits.burstBytes;
    this.at = timers.now();
  }

  offer(frame: Uint8Array): void {
    if (this.stopped) return;
    if (this.queue.length === 0 && this.trySpend(frame)) {
      this.deliver(frame);
      return;
    }
    if (this.queue.length >= this.limits.maxQueuedFrames) {
      this.stop();
      this.overflow();
      return;
    }
    this.queue.push(frame);
    if (!this.paused) {
      this.paused = true;
      this.throttled++;
      this.socket.pause();
    }
    this.schedule();
  }

  /** Frees the timer; frames still queued are dropped with the connection. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  get queued(): number {
    return this.queue.length;
  }

  private refill(): void {
    const now = this.timers.now();
    const seconds = Math.max(0, now - this.at) / 1000;
    this.at = now;
    this.messages = Math.min(this.limits.burstMessages, this.messages + seconds * this.limits.messagesPerSecond);
    this.bytes = Math.min(this.limits.burstBytes, this.bytes + seconds * this.limits.bytesPerSecond);
  }

  /**
   * Spends a frame's cost if the buckets hold it. A frame bigger than the byte burst can never
   * fit: it goes through once the bucket is full, leaving it in debt, so it is paid for after.
   */
  private trySpend(frame: Uint8Array): boolean {
    this.refill();
    const cost = frame.byteLength;
    const bytesReady = this.bytes >= Math.min(cost, this.limits.burstBytes);
    if (this.messages < 1 || !bytesReady) return false;
    this.messages -= 1;
    this.bytes -= cost;
    return true;
  }

  private schedule(): void {
    if (this.timer !== null || this.stopped) return;
    const next = this.queue[0];
    if (!next) return;
    const needMessages = Math.max(0, 1 - this.messages) / this.limits.messagesPerSecond;
    const needBytes =
      Math.max(0, Math.min(next.byteLength, this.limits.burstBytes) - this.bytes) / this.limits.bytesPerSecond;
    const waitMs = Math.max(1, Math.ceil(Math.max(needMessages, needBytes) * 1000));
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.drain();
    }, waitMs);
  }

  private drain(): void {
    while (!this.stopped && this.queue.length > 0 && this.trySpend(this.queue[0]!)) {
      this.deliver(this.queue.shift()!);
    }
    if (this.stopped) return;
    if (this.queue.length > 0) {
      this.schedule();
      return;
    }
    if (this.paused) {
      this.paused = false;
      this.socket.resume();
    }
  }
}
