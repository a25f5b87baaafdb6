import { describe, expect, it } from 'vitest';
import {
  BACKLOG_WAIT_BYTES,
  MAX_PRESENCE_JSON,
  MAX_SHARED_CARDS,
  PresenceWriter,
  SLOW_HOLD_MS,
  SLOW_PRESENCE_INTERVAL_MS,
  type LinkState,
  type LocalStateTarget,
  type Scheduler,
} from '../src/collab/PresenceWriter.ts';
import { initialsOf, readPeer } from '../src/collab/presence.ts';

class FakeClock implements Scheduler {
  time = 0;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  advance(ms: number): void {
    this.time += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.time) {
        this.timers.delete(id);
        timer.callback();
      }
    }
  }
}

class FakeAwareness implements LocalStateTarget {
  state: Record<string, unknown> | null = null;
  writes: Record<string, unknown>[] = [];
  getLocalState = (): Record<string, unknown> | null => this.state;
  setLocalState = (state: Record<string, unknown> | null): void => {
    this.state = state;
    if (state) this.writes.push(state);
  };
}

const user = { name: 'Alice', color: '#e4572e' };

function setup() {
  const clock = new FakeClock();
  const awareness = new FakeAwareness();
  const writer = new PresenceWriter(awareness, user, clock, 33);
  awareness.writes = [];
  return { clock, awareness, writer };
}

describe('PresenceWriter', () => {
  it('shares at most MAX_SHARED_CARDS selected or dragged cards, so a state stays far under a frame', () => {
    const awareness = new FakeAwareness();
    const clock = new FakeClock();
    const writer = new PresenceWriter(awareness, user, clock);
    const ids = Array.from({ length: 5_000 }, (_, i) => `node_${String(i).padStart(16, '0')}`);
    writer.setSelection(ids);
    expect(awareness.state?.selection).toEqual(ids.slice(0, MAX_SHARED_CARDS));
    // Real drag positions are long floats: the state is trimmed to fit, never refused.
    writer.setDragging(Object.fromEntries(ids.map((id, i) => [id, { x: i + 1 / 3, y: -1031.6666666666667 - i }])));
    clock.advance(100);
    const dragging = awareness.state?.dragging as Record<string, { x: number; y: number }>;
    expect(Object.keys(dragging).length).toBeGreaterThanOrEqual(50);
    expect(Object.keys(dragging).length).toBeLessThanOrEqual(MAX_SHARED_CARDS);
    expect(dragging[ids[0]!]).toEqual({ x: 0.3, y: -1031.7 });
    expect(JSON.stringify(awareness.state).length).toBeLessThanOrEqual(MAX_PRESENCE_JSON);
    // Ids longer than any the app makes still fit.
    writer.setSelection(ids.map((id) => id.repeat(4)));
    expect(JSON.stringify(awareness.state).length).toBeLessThanOrEqual(MAX_PRESENCE_JSON);
  });

  it('starts with the full state shape', () => {
    const awareness = new FakeAwareness();
    new PresenceWriter(awareness, user, new FakeClock());
    expect(awareness.state).toEqual({ user, cursor: null, selection: [], dragging: null });
  });

  it('sends the first cursor move at once, then at most one per interval, the last one winning', () => {
    const { clock, awareness, writer } = setup();
    writer.setCursor({ x: 1, y: 1 });
    expect(awareness.writes).toHaveLength(1);
    for (let i = 2; i <= 10; i++) {
      clock.advance(3);
      writer.setCursor({ x: i, y: i });
    }
    expect(awareness.writes).toHaveLength(1);
    clock.advance(33);
    expect(awareness.writes).toHaveLength(2);
    expect(awareness.state?.cursor).toEqual({ x: 10, y: 10 });
  });

  it('limits a minute of 60 fps pointer moves to about 30 writes a second', () => {
    const { clock, awareness, writer } = setup();
    for (let frame = 0; frame < 60 * 60; frame++) {
      writer.setCursor({ x: frame, y: 0 });
      clock.advance(1000 / 60);
    }
    expect(awareness.writes.length).toBeLessThanOrEqual(31 * 60);
    expect(awareness.writes.length).toBeGreaterThan(25 * 60);
  });

  it('sends the end of a drag and leaving the canvas immediately', () => {
    const { clock, awareness, writer } = setup();
    writer.setDragging({ a: { x: 1, y: 2 } });
    clock.advance(5);
    writer.setDragging({ a: { x: 3, y: 4 } });
    writer.setDragging(null);
    expect(awareness.state?.dragging).toBeNull();
    writer.setCursor(null);
    expect(awareness.state?.cursor).toBeNull();
    clock.advance(100);
    expect(awareness.state?.dragging).toBeNull();
  });

  it('merges pending fields into one write and keeps the other fields', () => {
    const { clock, awareness, writer } = setup();
    writer.setCursor({ x: 1, y: 1 });
    clock.advance(1);
    writer.setCursor({ x: 2, y: 2 });
    writer.setDragging({ n: { x: 5, y: 5 } });
    clock.advance(40);
    expect(awareness.writes).toHaveLength(2);
    expect(awareness.state).toEqual({ user, cursor: { x: 2, y: 2 }, selection: [], dragging: { n: { x: 5, y: 5 } } });
  });

  it('writes a selection only when it changes', () => {
    const { awareness, writer } = setup();
    writer.setSelection(['a', 'b']);
    writer.setSelection(['a', 'b']);
    expect(awareness.writes).toHaveLength(1);
    writer.setSelection(['b']);
    expect(awareness.writes).toHaveLength(2);
  });

  it('writes nothing after dispose', () => {
    const { clock, awareness, writer } = setup();
    writer.setCursor({ x: 1, y: 1 });
    writer.setCursor({ x: 2, y: 2 });
    writer.dispose();
    clock.advance(100);
    expect(awareness.writes).toHaveLength(1);
  });
});

describe('readPeer', () => {
  it('reads a well-formed state', () => {
    const peer = readPeer(7, {
      user: { name: ' Bob ', color: '#17a398' },
      cursor: { x: 1, y: 2 },
      selection: ['a'],
      dragging: { a: { x: 3, y: 4 } },
    });
    expect(peer).toEqual({
      clientId: 7,
      user: { name: 'Bob', color: '#17a398' },
      cursor: { x: 1, y: 2 },
      selection: ['a'],
      dragging: new Map([['a', { x: 3, y: 4 }]]),
    });
  });

  it('survives junk written by other clients', () => {
    expect(readPeer(1, null)).toBeNull();
    expect(readPeer(1, { cursor: { x: 1, y: 1 } })).toBeNull();
    const peer = readPeer(2, {
      user: { name: 42, color: 'red; background: url(x)' },
      cursor: { x: 'a' },
      selection: [1, 'ok'],
      dragging: { a: { x: Infinity, y: 0 }, b: 'no' },
    });
    expect(peer?.user).toEqual({ name: 'Anonymous', color: '#64748b' });
    expect(peer?.cursor).toBeNull();
    expect(peer?.selection).toEqual(['ok']);
    expect(peer?.dragging.size).toBe(0);
  });
});

describe('initialsOf', () => {
  it('takes the first letters of the first and last words', () => {
    expect(initialsOf('Ada Lovelace')).toBe('AL');
    expect(initialsOf('bob')).toBe('B');
    expect(initialsOf('Guest Heron Smith')).toBe('GS');
    expect(initialsOf('  ')).toBe('');
  });
});

describe('PresenceWriter.republish', () => {
  it('publishes the user and selection again after the state was cleared, without a stale cursor', () => {
    const { awareness, writer } = setup();
    writer.setSelection(['a']);
    writer.setCursor({ x: 1, y: 1 });
    awareness.setLocalState(null);
    writer.republish();
    expect(awareness.state).toEqual({ user, cursor: null, selection: ['a'], dragging: null });
  });
});

/** A link whose queue and reported speed the test sets. */
class TestLink implements LinkState {
  queued = 0;
  slow = false;
  backlog = (): number => this.queued;
  reportedSlow = (): boolean => this.slow;
}

describe('PresenceWriter on a slow link', () => {
  function moving(link: TestLink) {
    const clock = new FakeClock();
    const awareness = new FakeAwareness();
    const writer = new PresenceWriter(awareness, user, clock, 33, link);
    awareness.writes = [];
    /** Moves the pointer every 16 ms (a frame) for `ms`; returns the cursor writes meanwhile. */
    const move = (ms: number, from = 0): number => {
      const before = awareness.writes.length;
      for (let t = 0; t < ms; t += 16) {
        writer.setCursor({ x: from + t, y: 0 });
        clock.advance(16);
      }
      return awareness.writes.length - before;
    };
    return { clock, awareness, writer, move };
  }

  it('on a fast link, sends a moving cursor some 20-30 times a second (one a frame is 60)', () => {
    const { move } = moving(new TestLink());
    const writes = move(1000);
    expect(writes).toBeGreaterThanOrEqual(18);
    expect(writes).toBeLessThanOrEqual(31);
  });

  it('on a link the browser reports slow, sends it every SLOW_PRESENCE_INTERVAL_MS, the latest position each time', () => {
    const link = new TestLink();
    link.slow = true;
    const { move, awareness, clock } = moving(link);
    const writes = move(1000);
    expect(writes).toBeGreaterThanOrEqual(3);
    expect(writes).toBeLessThanOrEqual(Math.ceil(1000 / SLOW_PRESENCE_INTERVAL_MS) + 1);
    clock.advance(SLOW_PRESENCE_INTERVAL_MS);
    expect(awareness.state?.cursor).toEqual({ x: 992, y: 0 });
  });

  it('holds moves while the socket is backed up (selection still goes at once), then sends the latest and stays slow a while', () => {
    const link = new TestLink();
    const { move, awareness, writer, clock } = moving(link);
    link.queued = BACKLOG_WAIT_BYTES * 2;
    expect(move(1000)).toBe(0);
    writer.setSelection(['a']);
    expect(awareness.state?.selection).toEqual(['a']);
    expect(awareness.writes.length).toBe(1);

    link.queued = 0;
    clock.advance(SLOW_PRESENCE_INTERVAL_MS);
    expect(awareness.state?.cursor).toEqual({ x: 992, y: 0 });
    // Drained, but seen slow a moment ago: moves still go at the slow pace...
    expect(move(1000, 2000)).toBeLessThanOrEqual(Math.ceil(1000 / SLOW_PRESENCE_INTERVAL_MS) + 1);
    // ...until the link has been fine for SLOW_HOLD_MS.
    clock.advance(SLOW_HOLD_MS);
    expect(move(1000, 4000)).toBeGreaterThanOrEqual(18);
  });
});
