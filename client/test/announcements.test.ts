import { describe, expect, it } from 'vitest';
import { Announcer, describeBatch, type AnnouncementWords, type RemoteChange } from '../src/canvas/announcements.ts';

const words: AnnouncementWords = {
  joined: (who) => `${who} joined`,
  left: (who) => `${who} left`,
  added: (who, id) => `${who ?? 'Someone'} added ${id}`,
  removed: (who, id) => `${who ?? 'Someone'} removed ${id}`,
  linked: (who, id) => `${who ?? 'Someone'} linked ${id}`,
  edited: (who, id) => `${who ?? 'Someone'} changed ${id}`,
  many: (who, count) => `${who ?? 'Someone'} made ${count} changes`,
};

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0;
  const timers: { at: number; run: () => void; handle: number }[] = [];
  let next = 1;
  return {
    now: () => now,
    setTimeout: (run: () => void, ms: number) => {
      const handle = next++;
      timers.push({ at: now + ms, run, handle });
      return handle;
    },
    clearTimeout: (handle: unknown) => {
      const i = timers.findIndex((timer) => timer.handle === handle);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const due = timers[0];
        if (!due || due.at > end) break;
        timers.shift();
        now = due.at;
        due.run();
      }
      now = end;
    },
  };
}

describe('describeBatch', () => {
  it('names one change, and folds a title typed into a card added in the same batch', () => {
    const batch: RemoteChange[] = [
      { type: 'added', who: 'Ana', id: 'c1' },
      { type: 'edited', who: 'Ana', id: 'c1' },
      { type: 'edited', who: 'Ana', id: 'c1' },
    ];
    expect(describeBatch(batch, words)).toBe('Ana added c1');
  });

  it('summarises a burst per person, arrivals first', () => {
    const batch: RemoteChange[] = [
      { type: 'edited', who: 'Ana', id: 'c1' },
      { type: 'added', who: 'Ana', id: 'c2' },
      { type: 'linked', who: 'Ana', id: 'l1' },
      { type: 'removed', who: 'Ben', id: 'c3' },
      { type: 'joined', who: 'Chen' },
    ];
    expect(describeBatch(batch, words)).toBe('Chen joined Ana made 3 changes Ben removed c3');
  });

  it('says nothing of a card added and removed within one batch', () => {
    const batch: RemoteChange[] = [
      { type: 'added', who: 'Ana', id: 'c1' },
      { type: 'removed', who: 'Ana', id: 'c1' },
    ];
    expect(describeBatch(batch, words)).toBe('');
  });
});

describe('Announcer', () => {
  it('speaks at most once per interval, batching what arrives meanwhile', () => {
    const clock = manualClock();
    const spoken: { at: number; text: string }[] = [];
    const announcer = new Announcer(words, (text) => spoken.push({ at: clock.now(), text }), 2000, clock);

    announcer.add({ type: 'joined', who: 'Ben' });
    clock.advance(500);
    announcer.add({ type: 'added', who: 'Ben', id: 'c1' });
    clock.advance(1499);
    expect(spoken).toEqual([]);
    clock.advance(1);
    expect(spoken).toEqual([{ at: 2000, text: 'Ben joined Ben added c1' }]);

    // Twelve changes over the next three seconds: two sentences, two seconds apart or more.
    for (let i = 0; i < 12; i++) {
      announcer.add({ type: 'edited', who: 'Ben', id: `c${i}` });
      clock.advance(250);
    }
    clock.advance(5000);
    expect(spoken.map((s) => s.text)).toEqual(['Ben joined Ben added c1', 'Ben made 8 changes', 'Ben made 4 changes']);
    for (let i = 1; i < spoken.length; i++) expect(spoken[i]!.at - spoken[i - 1]!.at).toBeGreaterThanOrEqual(2000);
  });

  it('speaks nothing after it is disposed', () => {
    const clock = manualClock();
    const spoken: string[] = [];
    const announcer = new Announcer(words, (text) => spoken.push(text), 2000, clock);
    announcer.add({ type: 'joined', who: 'Ben' });
    announcer.dispose();
    clock.advance(5000);
    expect(spoken).toEqual([]);
  });
});
