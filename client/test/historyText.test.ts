import { describe, expect, it } from 'vitest';
import type { CatchUpResponse, HealthTrendResponse } from '@loopmap/shared';
import {
  catchUpSentence,
  durationText,
  expiryText,
  healthTrendRows,
  isoToLocalInput,
  localInputToIso,
  peopleList,
  sinceWords,
} from '../src/panels/history/historyText.ts';
import './domainCatalogue.ts';

// A Friday at noon, local time: the tests read the clock only through this.
const NOW = new Date(2026, 2, 13, 12, 0, 0).getTime();
const local = (y: number, m: number, d: number, h = 9, min = 0): string => new Date(y, m, d, h, min).toISOString();

describe('peopleList', () => {
  it('names up to three people and counts the rest', () => {
    expect(peopleList([])).toBe('nobody');
    expect(peopleList(['Ana'])).toBe('Ana');
    expect(peopleList(['Ana', 'Ben'])).toBe('Ana and Ben');
    expect(peopleList(['Ana', 'Ben', 'Chloé'])).toBe('Ana, Ben and Chloé');
    expect(peopleList(['Ana', 'Ben', 'Chloé', 'Dev', 'Eli'])).toBe('Ana, Ben and 3 others');
  });
});

describe('durationText', () => {
  it('reads minutes and hours', () => {
    expect(durationText('2026-03-12T10:00:00Z', '2026-03-12T10:00:20Z')).toBe('under a minute');
    expect(durationText('2026-03-12T10:00:00Z', '2026-03-12T10:45:00Z')).toBe('45 min');
    expect(durationText('2026-03-12T10:00:00Z', '2026-03-12T11:20:00Z')).toBe('1 h 20 min');
    expect(durationText('2026-03-12T10:00:00Z', '2026-03-12T13:00:00Z')).toBe('3 h');
  });
});

describe('sinceWords', () => {
  it('says yesterday, a weekday this past week, or a date', () => {
    expect(sinceWords(local(2026, 2, 12), NOW, 'en-GB')).toBe('since yesterday');
    expect(sinceWords(local(2026, 2, 10), NOW, 'en-GB')).toBe('since Tuesday');
    expect(sinceWords(local(2026, 1, 20), NOW, 'en-GB')).toBe('since 20/02/2026');
    expect(sinceWords(local(2025, 11, 1), NOW, 'en-GB')).toBe('since 01/12/2025');
    expect(sinceWords(local(2026, 2, 13, 9, 30), NOW, 'en-GB')).toBe('since 09:30');
  });
});

describe('catchUpSentence', () => {
  const base: CatchUpResponse = { since: local(2026, 2, 10), sinceSeq: 40, lastSeq: 54, changes: 14, authors: [] };
  it('counts the changes, names who made them and since when', () => {
    const authors = [
      { id: 'u1', name: 'Ana' },
      { id: 'u2', name: 'Ben' },
    ];
    expect(catchUpSentence({ ...base, authors }, NOW, 'en-GB')).toBe('14 changes by Ana and Ben since Tuesday');
    expect(catchUpSentence({ ...base, changes: 1, authors: authors.slice(0, 1) }, NOW, 'en-GB')).toBe(
      '1 change by Ana since Tuesday',
    );
  });
  it('is silent on a first visit or with nothing new', () => {
    expect(catchUpSentence({ ...base, changes: 0 }, NOW)).toBeNull();
    expect(catchUpSentence({ ...base, since: null }, NOW)).toBeNull();
  });
});

describe('expiryText', () => {
  it('says when an unnamed automatic snapshot goes', () => {
    expect(expiryText(null, NOW)).toBeNull();
    expect(expiryText(new Date(NOW + 12 * 86_400_000).toISOString(), NOW)).toBe('Deleted in 12 days unless named');
    expect(expiryText(new Date(NOW + 3_600_000).toISOString(), NOW)).toBe('Deleted in 1 day unless named');
    expect(expiryText(new Date(NOW - 1000).toISOString(), NOW)).toBe('Deleted soon unless named');
  });
});

describe('datetime-local fields', () => {
  it('round-trip through ISO points', () => {
    const value = isoToLocalInput(NOW);
    expect(value).toBe('2026-03-13T12:00');
    expect(localInputToIso(value)).toBe(new Date(NOW).toISOString());
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('yesterday')).toBeNull();
  });
});

describe('healthTrendRows', () => {
  const trend: HealthTrendResponse = {
    points: [
      { label: 'Kick-off', seq: 3, at: '2026-01-10T10:00:00Z' },
      { label: 'Review 1', seq: 40, at: '2026-02-10T10:00:00Z' },
      { label: 'Now', seq: 54, at: '2026-03-13T10:00:00Z' },
    ],
    partners: [
      {
        id: 'n1',
        label: 'City of Ghent',
        series: {
          results: [null, 'amber', 'green'],
          trust: ['red', 'amber', 'green'],
          resources: [null, null, null],
          mood: ['green', 'bogus', null],
        },
      },
    ],
  };
  it('orders dimensions as usual, drops never-rated ones and reads unknown values as unrated', () => {
    const [partner] = healthTrendRows(trend);
    expect(partner!.rows.map((row) => row.label)).toEqual(['Trust', 'Results', 'mood']);
    expect(partner!.rows[0]!.marks).toEqual(['red', 'amber', 'green']);
    expect(partner!.rows[2]!.marks).toEqual(['green', null, null]);
  });
});
