/**
 * A budget for what a socket, and all the sockets of one account together, may make the server
 * do, so that one client's excess costs that client and not the room. Every frame spends from three token buckets: messages
 * (each frame has a fixed cost to decode and relay), bytes (applying costs in proportion to
 * size), and milliseconds of the server's time actually spent handling the account's frames.
 * While a frame fits, it is handled at once; otherwise the gate stops reading that socket (TCP
 * backpressure: the sender's buffers fill, not our memory) and hands the waiting frames over, in
 * order, as the buckets refill. Nothing is dropped: document updates are people's work, they are
 * only slowed down. Once a socket's frames have taken `yieldAfterMs` of one event-loop turn, its
 * next frame waits for the next turn, so other sockets' frames and timers run in between: no
 * socket holds the loop for more than about one frame's worth (a few ms) at a time.
 *
 * Each socket has its own budget, and the account's sockets share one `accountFactor` times as
 * large (InboundBudgets), so reconnecting or opening more sockets buys little, while a person
 * with several tabs open (each sending its own presence) is not slowed down. The defaults are far above what a person does (a drag sends ~30
 * updates a second and presence another ~30; work made offline arrives in slices) and far below
 * what a script can send.
 */
export interface InboundLimits {
  /** Messages a socket may send in a burst, and per second after that. */
  burstMessages: number;
  messagesPerSecond: number;
  /** Bytes a socket may send in a burst, and per second after that. */
  burstBytes: number;
  bytesPerSecond: number;
  /** Milliseconds of server time a socket's frames may take in a burst, and per second after that. */
  burstCpuMs: number;
  cpuMsPerSecond: number;
  /** All the sockets of one account together get this many times a socket's budget. */
  accountFactor: number;
  /** Frames held for one socket while paused before it is closed (it ignored backpressure). */
  maxQueuedFrames: number;
  /** Once a socket's frames took this long (ms) in one event-loop turn, the rest wait a turn. */
  yieldAfterMs: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = {
  burstMessages: 200,
  messagesPerSecond: 100,
  burstBytes: 2 * 1024 * 1024,
  bytesPerSecond: 64 * 1024,
  burstCpuMs: 50,
  cpuMsPerSecond: 30,
  accountFactor: 4,
  maxQueuedFrames: 5_000,
  yieldAfterMs: 2,
};

/** The three buckets of one socket, or of all the sockets of one account. */
export class InboundBudget {
  messages: number;
  bytes: number;
  cpuMs: number;
  private at: number;
  readonly limits: InboundLimits;

  constructor(limits: InboundLimits, now: number, scale = 1) {
    this.limits = {
      ...limits,
      burstMessages: limits.burstMessages * scale,
      messagesPerSecond: limits.messagesPerSecond * scale,
      burstBytes: limits.burstBytes * scale,
      bytesPerSecond: limits.bytesPerSecond * scale,
      burstCpuMs: limits.burstCpuMs * scale,
      cpuMsPerSecond: limits.cpuMsPerSecond * scale,
    };
    this.messages = this.limits.burstMessages;
    this.bytes = this.limits.burstBytes;
    this.cpuMs = this.limits.burstCpuMs;
    this.at = now;
  }

  refill(now: number): void {
    const seconds = Math.max(0, now - this.at) / 1000;
    this.at = now;
    const l = this.limits;
    this.messages = Math.min(l.burstMessages, this.messages + seconds * l.messagesPerSecond);
    this.bytes = Math.min(l.burstBytes, this.bytes + seconds * l.bytesPerSecond);
    this.cpuMs = Math.min(l.burstCpuMs, this.cpuMs + seconds * l.cpuMsPerSecond);
  }

  /**
   * Whether a frame of `size` bytes may be handled now. A frame bigger than the byte burst goes
   * through once the bucket is full, leaving it in debt; so does handling time (known only after).
   */
  fits(size: number): boolean {
    return this.messages >= 1 && this.bytes >= Math.min(size, this.limits.burstBytes) && this.cpuMs >= 0;
  }

  spend(size: number): void {
    this.messages -= 1;
    this.bytes -= size;
  }

  /** How long until a frame of `size` bytes fits (ms). */
  waitFor(size: number): number {
    const l = this.limits;
    const needMessages = Math.max(0, 1 - this.messages) / l.messagesPerSecond;
    const needBytes = Math.max(0, Math.min(size, l.burstBytes) - this.bytes) / l.bytesPerSecond;
    const needCpu = Math.max(0, -this.cpuMs) / l.cpuMsPerSecond;
    return Math.max(1, Math.ceil(Math.max(needMessages, needBytes, needCpu) * 1000));
  }

  isFull(): boolean {
    const l = this.limits;
    return this.messages >= l.burstMessages && this.bytes >= l.burstBytes && this.cpuMs >= l.burstCpuMs;
  }
}

/** Account budgets, shared by all an account's sockets; full (idle) ones are forgotten when many. */
export class InboundBudgets {
  private readonly budgets = new Map<string, InboundBudget>();

  constructor(
    private readonly limits: InboundLimits,
    private readonly now: () => number = () => performance.now(),
    private readonly maxKeys = 10_000,
  ) {}

  for(key: string): InboundBudget {
    let budget = this.budgets.get(key);
    if (!budget) {
      if (this.budgets.size >= this.maxKeys) this.evictIdle();
      budget = new InboundBudget(this.limits, this.now(), this.limits.accountFactor);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  private evictIdle(): void {
    const now = this.now();
    for (const [key, budget] of this.budgets) {
      budget.refill(now);
      if (budget.isFull()) this.budgets.delete(key);
    }
  }
}

/** What the gate needs from the transport. */
export interface GatedSocket {
  pause(): void;
  resume(): void;
}

export interface GateTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs fn after the current event-loop turn (setImmediate). */
  defer(fn: () => void): void;
  /**
   * CPU time the process has used (ms), if known. A frame is charged the smaller of the wall
   * time its handling took and the CPU time the process used meanwhile: on a busy machine the
   * thread may be descheduled in the middle of a frame, and that wait is not work the client
   * made the server do (charged as such, it put a writer seconds behind its budget).
   */
  cpuNow?(): number;
}

const realTimers: GateTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  defer: (fn) => setImmediate(fn),
  cpuNow: () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  },
};

/** One socket's inbound frames, handed to the room within the account's budget. */
export class InboundGate {
  private readonly queue: Uint8Array[] = [];
  private timer: unknown = null;
  private yielding = false;
  /** Time this socket's frames took in the current event-loop turn (reset by a deferred call). */
  private spentThisTurn = 0;
  private turnResetPending = false;
  private paused = false;
  private stopped = false;
  /** How many times the gate had to hold frames back (for logs and tests). */
  throttled = 0;

  private budgets: InboundBudget[];

  constructor(
    private readonly socket: GatedSocket,
    /** Handles a frame; a promise when its work goes on in later turns (resolves with the ms it took). */
    private readonly deliver: (frame: Uint8Array) => Promise<number> | void,
    private readonly overflow: () => void,
    private readonly own: InboundBudget,
    private readonly timers: GateTimers = realTimers,
  ) {
    this.budgets = [own];
  }

  /** Adds the account's shared budget once the account is known (after authorisation). */
  useAccountBudget(account: InboundBudget): void {
    this.budgets = [this.own, account];
  }

  offer(frame: Uint8Array): void {
    if (this.stopped) return;
    if (this.queue.length === 0 && !this.yielding && this.take(frame)) {
      this.handle(frame);
      return;
    }
    if (this.queue.length >= this.own.limits.maxQueuedFrames) {
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

  private take(frame: Uint8Array): boolean {
    const now = this.timers.now();
    for (const budget of this.budgets) budget.refill(now);
    if (!this.budgets.every((budget) => budget.fits(frame.byteLength))) return false;
    for (const budget of this.budgets) budget.spend(frame.byteLength);
    return true;
  }

  private handle(frame: Uint8Array): void {
    const started = this.timers.now();
    const cpuStarted = this.timers.cpuNow?.();
    let later: Promise<number> | void = undefined;
    try {
      later = this.deliver(frame);
    } finally {
      let took = this.timers.now() - started;
      if (cpuStarted !== undefined) took = Math.min(took, this.timers.cpuNow!() - cpuStarted);
      for (const budget of this.budgets) budget.cpuMs -= took;
      this.spentThisTurn += took;
      if (later && !this.stopped) {
        // The frame's work goes on in a later turn: the next frame waits for it, and its time
        // is charged too, so deferring work never escapes the budget.
        this.yielding = true;
        later.then(
          (ms) => {
            for (const budget of this.budgets) budget.cpuMs -= ms;
            if (this.stopped) return;
            // That work took a turn of its own: the next frame goes in the turn after.
            this.timers.defer(() => {
              this.yielding = false;
              this.spentThisTurn = 0;
              this.drain();
            });
          },
          () => {
            this.yielding = false;
            if (!this.stopped) this.drain();
          },
        );
      } else if (this.spentThisTurn > this.own.limits.yieldAfterMs && !this.stopped) {
        this.yielding = true;
        this.turnResetPending = true;
        this.timers.defer(() => {
          this.yielding = false;
          this.turnResetPending = false;
          this.spentThisTurn = 0;
          this.drain();
        });
      } else if (!this.turnResetPending) {
        // Frames handled in a later turn start from zero.
        this.turnResetPending = true;
        this.timers.defer(() => {
          this.turnResetPending = false;
          this.spentThisTurn = 0;
        });
      }
    }
  }

  private schedule(): void {
    if (this.timer !== null || this.yielding || this.stopped) return;
    const next = this.queue[0];
    if (!next) return;
    this.timer = this.timers.setTimeout(
      () => {
        this.timer = null;
        this.drain();
      },
      Math.max(...this.budgets.map((budget) => budget.waitFor(next.byteLength))),
    );
  }

  private drain(): void {
    while (!this.stopped && !this.yielding && this.queue.length > 0 && this.take(this.queue[0]!)) {
      this.handle(this.queue.shift()!);
    }
    if (this.stopped || this.yielding) return;
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
