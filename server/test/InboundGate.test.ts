import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INBOUND_LIMITS,
  InboundBudget,
  InboundBudgets,
  InboundGate,
  type GateTimers,
  type InboundLimits,
} from '../src/collab/InboundGate.ts';

/** Time that moves only when the test says so; timers and deferred calls run then. */
class FakeTime implements GateTimers {
  at = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private deferred: (() => void)[] = [];
  private nextId = 1;
  /** How long the next delivered frame "takes" (ms), to exercise the time budget. */
  cost = 0;
  /** The process's CPU clock, when a test sets one. */
  cpuNow?: () => number;

  now = (): number => this.at;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.at + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  defer = (fn: () => void): void => {
    this.deferred.push(fn);
  };

  /** One event-loop turn's end: runs the calls deferred so far (not those they defer). */
  turn(): void {
    const due = this.deferred;
    this.deferred = [];
    for (const fn of due) fn();
  }

  /** Runs deferred calls, then advances time in 1 ms steps firing due timers. */
  advance(ms: number): void {
    const end = this.at + ms;
    for (;;) {
      while (this.deferred.length > 0) this.deferred.shift()!();
      const due = this.timers.filter((t) => t.at <= this.at).sort((a, b) => a.at - b.at)[0];
      if (due) {
        this.timers = this.timers.filter((t) => t !== due);
        due.fn();
        continue;
      }
      if (this.at >= end) return;
      this.at += 1;
    }
  }
}

const limits: InboundLimits = {
  ...DEFAULT_INBOUND_LIMITS,
  burstMessages: 10,
  messagesPerSecond: 100,
  burstBytes: 1_000,
  bytesPerSecond: 10_000,
  burstCpuMs: 50,
  cpuMsPerSecond: 100,
  accountFactor: 2,
  maxQueuedFrames: 100,
};

function setup(account?: InboundBudget) {
  const time = new FakeTime();
  const delivered: number[] = [];
  const socket = {
    paused: false,
    pauses: 0,
    pause() {
      this.paused = true;
      this.pauses++;
    },
    resume() {
      this.paused = false;
    },
  };
  let overflowed = false;
  const gate = new InboundGate(
    socket,
    (frame) => {
      delivered.push(frame[0]!);
      time.at += time.cost;
    },
    () => (overflowed = true),
    new InboundBudget(limits, 0),
    time,
  );
  if (account) gate.useAccountBudget(account);
  return { time, delivered, socket, gate, overflowed: () => overflowed };
}

const frame = (n: number, size = 10): Uint8Array => {
  const bytes = new Uint8Array(size);
  bytes[0] = n % 256;
  return bytes;
};

describe('InboundGate', () => {
  it('hands frames over at once within the burst, then pauses the socket and paces the rest, in order, dropping none', () => {
    const { time, delivered, socket, gate } = setup();
    for (let i = 0; i < 30; i++) gate.offer(frame(i));
    expect(delivered).toHaveLength(10);
    expect(socket.paused).toBe(true);
    time.advance(100); // 100 messages a second: ten more
    expect(delivered.length).toBeGreaterThanOrEqual(19);
    expect(delivered.length).toBeLessThanOrEqual(21);
    time.advance(200);
    expect(delivered).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(socket.paused).toBe(false);
  });

  it('paces by bytes: a frame bigger than the burst waits for a full bucket, then leaves it in debt', () => {
    const { time, delivered, gate } = setup();
    gate.offer(frame(1, 600));
    gate.offer(frame(2, 5_000));
    expect(delivered).toEqual([1]);
    time.advance(59); // 600 bytes back at 10,000/s take 60 ms
    expect(delivered).toEqual([1]);
    time.advance(2);
    expect(delivered).toEqual([1, 2]);
    gate.offer(frame(3, 10));
    time.advance(300); // 4,000 bytes of debt take 400 ms
    expect(delivered).toEqual([1, 2]);
    time.advance(150);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('charges the time frames take: a costly sender waits, and the next frame after a slow one yields a turn', () => {
    const { time, delivered, gate } = setup();
    time.cost = 30;
    gate.offer(frame(1));
    gate.offer(frame(2)); // after a slow frame: waits for the next turn
    expect(delivered).toEqual([1]);
    time.advance(0);
    // 60 ms spent of a 50 ms burst (3 ms came back meanwhile): 7 ms in debt, 4 ms after the
    // 30 ms it took, so the next frame waits 40 ms at 100 ms a second.
    expect(delivered).toEqual([1, 2]);
    gate.offer(frame(3));
    time.advance(39);
    expect(delivered).toEqual([1, 2]);
    time.advance(2);
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('does not charge a frame for time the server was descheduled: a writer on a busy machine keeps its pace', () => {
    const { time, delivered, socket, gate } = setup();
    // Each frame takes 30 ms of wall time but 1 ms of CPU: the machine's other processes ran
    // meanwhile. Charged by wall time, the third frame would wait for the budget to refill.
    let cpu = 0;
    time.cpuNow = () => cpu;
    time.cost = 30;
    const wrapped = time.now;
    time.now = () => {
      cpu = wrapped() / 30;
      return wrapped();
    };
    for (let i = 1; i <= 5; i++) {
      gate.offer(frame(i));
      time.advance(34); // a writer dragging at 30 updates a second
    }
    expect(delivered).toEqual([1, 2, 3, 4, 5]);
    expect(socket.pauses).toBe(0);
  });

  it('lets a socket take only yieldAfterMs of one turn, however cheap each of its frames', () => {
    const { time, delivered, gate } = setup();
    time.cost = 1; // well under yieldAfterMs (2 ms) each
    for (let i = 1; i <= 8; i++) gate.offer(frame(i));
    expect(delivered).toEqual([1, 2, 3]); // 3 ms > 2 ms: the rest wait for the next turn
    time.turn();
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6]);
    time.turn();
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // A later turn starts from zero: a frame offered alone is handled at once.
    time.turn();
    time.at += 100;
    gate.offer(frame(9));
    expect(delivered.at(-1)).toBe(9);
  });

  it('shares an account budget between its sockets, so more sockets buy little', () => {
    const budgets = new InboundBudgets(limits, () => 0);
    const account = budgets.for('mallory');
    const a = setup(account);
    const b = setup(account);
    for (let i = 0; i < 15; i++) a.gate.offer(frame(i));
    for (let i = 0; i < 15; i++) b.gate.offer(frame(i));
    // Each socket may burst 10, the account 20 in all.
    expect(a.delivered.length + b.delivered.length).toBe(20);
    expect(budgets.for('mallory')).toBe(account);
    expect(budgets.for('alice')).not.toBe(account);
  });

  it('closes a socket that keeps sending while paused beyond the queue limit', () => {
    const { gate, overflowed, delivered } = setup();
    for (let i = 0; i < 10 + 100 + 1; i++) gate.offer(frame(i));
    expect(delivered).toHaveLength(10);
    expect(overflowed()).toBe(true);
  });
});
