import { describe, expect, it } from 'vitest';
import type { AssumptionReview, HealthRating } from '@loopmap/shared';
import { describeRating, entryByline, healthTrend, newestFirst, withUnit } from '../src/panels/fields/entryHistory.ts';
import './domainCatalogue.ts';

const review = (id: string, date: string, status: AssumptionReview['status'], by = ''): AssumptionReview => ({
  id,
  date,
  status,
  note: '',
  by,
});
const rating = (id: string, date: string, dimension: HealthRating['dimension'], value: HealthRating['rating']) =>
  ({ id, date, dimension, rating: value, note: '', by: '' }) satisfies HealthRating;

describe('entry histories', () => {
  it('lists newest first; of two entries on one day, the one added last comes first', () => {
    const entries = [
      review('a', '2025-03-01', 'holds'),
      review('b', '2024-11-20', 'at-risk'),
      review('c', '2025-03-01', 'broken'),
    ];
    expect(newestFirst(entries).map((entry) => entry.id)).toEqual(['c', 'a', 'b']);
  });

  it('says when and who', () => {
    expect(entryByline(review('a', '2025-03-03', 'holds', 'Amina'), 'en-GB')).toBe('03/03/2025 · Amina');
    expect(entryByline(review('a', '2025-03-03', 'holds', '  '), 'en-GB')).toBe('03/03/2025');
    expect(describeRating(rating('r', '2025-03-03', 'power-balance', 'amber'), 'en-GB')).toBe(
      'Power balance: Amber on 03/03/2025',
    );
  });

  it('adds an indicator’s unit unless the value already says it', () => {
    expect(withUnit('45', '%')).toBe('45%');
    expect(withUnit('45%', '%')).toBe('45%');
    expect(withUnit('12', 'people')).toBe('12 people');
    expect(withUnit('12 People', 'people')).toBe('12 People');
    expect(withUnit('12', null)).toBe('12');
  });

  it('gives each rated dimension its ratings oldest first, in the dimensions’ order', () => {
    const trend = healthTrend([
      rating('3', '2025-06-01', 'trust', 'green'),
      rating('1', '2025-01-01', 'results', 'red'),
      rating('2', '2025-01-01', 'trust', 'amber'),
    ]);
    expect(trend.map((row) => [row.dimension, row.ratings.map((r) => r.rating)])).toEqual([
      ['trust', ['amber', 'green']],
      ['results', ['red']],
    ]);
  });
});
