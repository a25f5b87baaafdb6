import {
  HEALTH_DIMENSIONS,
  byDate,
  type AssumptionReview,
  type EntryBase,
  type HealthDimension,
  type HealthRating,
  type IndicatorReading,
} from '@loopmap/shared';
import { dayText } from '../../app/dates.ts';
import { assumptionStateLabel, healthDimensionLabel, ragLabel } from '../../i18n/domainText.ts';

/**
 * How the dated histories (assumption reviews, indicator readings, partner health ratings) are
 * shown: newest first in lists, oldest first in trends, days as people write them.
 */

/**
 * Newest first. Readers give entries oldest first with same-day entries in list order, so the
 * reverse puts the last one added on a day above the others (the one "current" state reads).
 */
export function newestFirst<T extends EntryBase>(entries: readonly T[]): T[] {
  return byDate(entries).reverse();
}

/** "03/03/2025 · Amina" (the day as the reader's locale writes it): when, and who said so (when known). */
export function entryByline(entry: EntryBase, locale?: string): string {
  const by = entry.by.trim();
  return by ? `${dayText(entry.date, locale)} · ${by}` : dayText(entry.date, locale);
}

/** What an entry says, in one line (list items, screen readers). */
export function describeReview(review: AssumptionReview, locale?: string): string {
  return `${assumptionStateLabel(review.status)} on ${dayText(review.date, locale)}`;
}

export function describeReading(reading: IndicatorReading, unit: string | null, locale?: string): string {
  return `${withUnit(reading.value, unit)} on ${dayText(reading.date, locale)}`;
}

export function describeRating(rating: HealthRating, locale?: string): string {
  return `${healthDimensionLabel(rating.dimension)}: ${ragLabel(rating.rating)} on ${dayText(rating.date, locale)}`;
}

/** A value with the indicator's unit, unless the value already says it ("45%" with unit "%"). */
export function withUnit(value: string, unit: string | null): string {
  const u = unit?.trim() ?? '';
  if (!u || value.trim().toLowerCase().endsWith(u.toLowerCase())) return value;
  return u.length <= 2 && !/^[A-Za-z]/.test(u) ? `${value}${u}` : `${value} ${u}`;
}

export interface HealthTrendRow {
  dimension: HealthDimension;
  /** Oldest first: the dots of the trend, left to right. */
  ratings: HealthRating[];
}

/** Each rated dimension with its ratings over time, in the dimensions' usual order. */
export function healthTrend(ratings: readonly HealthRating[]): HealthTrendRow[] {
  const sorted = byDate(ratings);
  return HEALTH_DIMENSIONS.map((dimension) => ({
    dimension,
    ratings: sorted.filter((rating) => rating.dimension === dimension),
  })).filter((row) => row.ratings.length > 0);
}
