import { describe, expect, it } from 'vitest';
import type { ReviewView } from '@loopmap/shared';
import {
  DebouncedSaver,
  defaultReviewStart,
  digestPath,
  parseReviewIds,
  sortReviews,
  type Timers,
} from '../src/panels/history/reviewModel.ts';
import { translator, useCatalogue } from './catalogue.ts';

await useCatalogue('en');
const en = translator('en', 'history');

const person = { id: 'u1', name: 'Ana' };
function review(id: string, patch: Partial<ReviewView> = {}): ReviewView {
  return {
    id,
    title: id,
    status: 'open',
    from: { seq: 0, at: null },
    to: null,
    notes: { single: '', double: '', triple: '' },
    participants: [],
    decisions: [],
    lessons: [],
    ratings: [],
    createdAt: '2026-01-01T00:00:00Z',
    createdBy: person,
    closedAt: null,
    ...patch,
  };
}

describe('sortReviews', () => {
  it('lists open reviews first, newest first within each', () => {
    const list = [
      review('old-closed', { status: 'closed', createdAt: '2026-01-01T00:00:00Z' }),
      review('new-closed', { status: 'closed', createdAt: '2026-03-01T00:00:00Z' }),
      review('open', { createdAt: '2026-02-01T00:00:00Z' }),
    ];
    expect(sortReviews(list).map((r) => r.id)).toEqual(['open', 'new-closed', 'old-closed']);
  });
});

describe('defaultReviewStart', () => {
  it('starts from the closing snapshot of the last closed review', () => {
    const list = [
      review('a', {
        status: 'closed',
        closedAt: '2026-01-10T00:00:00Z',
        to: { seq: 10, at: '2026-01-10T00:00:00Z', snapshotId: 'snap_a' },
      }),
      review('b', {
        title: 'March review',
        status: 'closed',
        closedAt: '2026-03-10T00:00:00Z',
        to: { seq: 40, at: '2026-03-10T00:00:00Z', snapshotId: 'snap_b' },
      }),
      review('c'),
    ];
    expect(defaultReviewStart(list, en)).toEqual({ point: 'snap_b', label: 'the close of “March review”' });
  });
  it('falls back to the seq, or lets the server choose', () => {
    const closed = review('a', { status: 'closed', closedAt: '2026-01-10T00:00:00Z', to: { seq: 12, at: null } });
    expect(defaultReviewStart([closed], en)?.point).toBe('12');
    expect(defaultReviewStart([review('open')], en)).toBeUndefined();
  });
});

describe('digest addresses', () => {
  it('round-trips the chosen reviews', () => {
    const path = digestPath('m 1', ['r1', 'r2']);
    expect(path).toBe('/maps/m%201/digest?reviews=r1,r2');
    expect(parseReviewIds(new URLSearchParams(path.split('?')[1]).get('reviews'))).toEqual(['r1', 'r2']);
    expect(parseReviewIds('a,,b,a')).toEqual(['a', 'b']);
    expect(parseReviewIds(null)).toEqual([]);
  });
});

describe('DebouncedSaver', () => {
  function fakeTimers() {
    let now = 0;
    let next = 1;
    const due = new Map<number, { at: number; run: () => void }>();
    const timers: Timers = {
      set: (run, ms) => {
        const id = next++;
        due.set(id, { at: now + ms, run });
        return id;
      },
      clear: (handle) => void due.delete(handle as number),
    };
    const advance = (ms: number): void => {
      now += ms;
      for (const [id, timer] of [...due]) {
        if (timer.at <= now) {
          due.delete(id);
          timer.run();
        }
      }
    };
    return { timers, advance, now: () => now };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('saves once the typing pauses, with the last text', async () => {
    const clock = fakeTimers();
    const saved: string[] = [];
    const saver = new DebouncedSaver(async (v) => void saved.push(v), clock.timers, clock.now, 800, 5000);
    saver.change('a');
    clock.advance(500);
    saver.change('ab');
    clock.advance(500);
    expect(saved).toEqual([]);
    expect(saver.getState()).toBe('pending');
    clock.advance(300);
    await settle();
    expect(saved).toEqual(['ab']);
    expect(saver.getState()).toBe('saved');
  });

  it('saves at the latest maxWait after the first unsaved keystroke', async () => {
    const clock = fakeTimers();
    const saved: string[] = [];
    const saver = new DebouncedSaver(async (v) => void saved.push(v), clock.timers, clock.now, 800, 2000);
    for (let i = 1; i <= 6; i++) {
      saver.change('x'.repeat(i));
      clock.advance(400);
    }
    await settle();
    expect(saved).toEqual(['xxxxx']);
  });

  it('keeps the text after a failed save and reports the message', async () => {
    const clock = fakeTimers();
    let fail = true;
    const saved: string[] = [];
    const saver = new DebouncedSaver(
      async (v) => {
        if (fail) throw new Error('Only editors can write notes.');
        saved.push(v);
      },
      clock.timers,
      clock.now,
    );
    saver.change('hello');
    await saver.flush();
    expect(saver.getState()).toBe('failed');
    expect(saver.getError()).toBe('Only editors can write notes.');
    fail = false;
    await saver.flush();
    expect(saved).toEqual(['hello']);
    expect(saver.getState()).toBe('saved');
  });

  it('saves what was typed during a save right after it', async () => {
    const clock = fakeTimers();
    const saved: string[] = [];
    let release: () => void = () => undefined;
    const saver = new DebouncedSaver(
      (v) =>
        new Promise<void>((resolve) => {
          saved.push(v);
          release = resolve;
        }),
      clock.timers,
      clock.now,
    );
    saver.change('one');
    const first = saver.flush();
    saver.change('one two');
    await saver.flush(); // in flight: waits for the first
    release();
    await settle();
    release();
    await first;
    expect(saved).toEqual(['one', 'one two']);
  });
});
