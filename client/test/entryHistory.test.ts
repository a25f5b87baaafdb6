import { describe, expect, it } from 'vitest';
import type { AssumptionReview, HealthRating } from '@loopmap/shared';
import {
  describeRating,
  entryByline,
  healthTrend,
  newestFirst,
  numberText,
  withUnit,
} from '../src/panels/fields/entryHistory.ts';
import { useCatalogue } from './catalogue.ts';

await useCatalogue('en');

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

  it('writes a plain number the way the locale does, and leaves any other text as typed', () => {
    expect(withUnit('12.5', 'kg', 'fr-FR')).toBe('12,5 kg');
    expect(withUnit('12.50', '%', 'de-DE')).toBe('12,50%');
    expect(numberText('12.5', 'en-US')).toBe('12.5');
    expect(numberText('1500', 'en-US')).toBe('1500');
    expect(numberText('-3.25', 'pt-BR')).toBe('-3,25');
    expect(numberText('12.5', 'ar')).toBe(new Intl.NumberFormat('ar', { minimumFractionDigits: 1 }).format(12.5));
    expect(numberText('about 40', 'fr-FR')).toBe('about 40');
    expect(numberText('007', 'fr-FR')).toBe('007');
    expect(numberText('12345678901234567890', 'fr-FR')).toBe('12345678901234567890');
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
