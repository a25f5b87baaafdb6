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
import { currentLanguage, i18next } from '../../i18n/i18n.ts';
import { assumptionStateLabel, healthDimensionLabel, ragLabel } from '../../i18n/domainText.ts';

/**
 * How the dated histories (assumption reviews, indicator readings, partner health ratings) are
 * shown: newest first in lists, oldest first in trends, days as people write them.
 */

/**
 * The locale days and numbers are written in: the interface's language, in the browser's own
 * variant of it when the browser speaks that language (en-GB, fr-CA), so a French interface
 * writes "03/12/2025" and "12,5" even in an English-speaking browser.
 */
export function displayLocale(): string {
  const language = currentLanguage();
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return browser.find((tag) => tag.split('-')[0]?.toLowerCase() === language) ?? language;
}

/** A number as people type one, short enough to be exact as a double (no leading zeros to lose). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/;

/** A value as typed, its number written the locale's way when it is a plain number ("12.5" → "12,5" in French). */
export function numberText(value: string, locale: string = displayLocale()): string {
  const trimmed = value.trim();
  if (!PLAIN_NUMBER.test(trimmed)) return value;
  const decimals = trimmed.split('.')[1]?.length ?? 0;
  return new Intl.NumberFormat(locale, {
    useGrouping: false,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(Number(trimmed));
}

/**
 * Newest first. Readers give entries oldest first with same-day entries in list order, so the
 * reverse puts the last one added on a day above the others (the one "current" state reads).
 */
export function newestFirst<T extends EntryBase>(entries: readonly T[]): T[] {
  return byDate(entries).reverse();
}

/** "03/03/2025 · Amina" (the day as the reader's locale writes it): when, and who said so (when known). */
export function entryByline(entry: EntryBase, locale: string = displayLocale()): string {
  const by = entry.by.trim();
  return by ? `${dayText(entry.date, locale)} · ${by}` : dayText(entry.date, locale);
}

/** What an entry says, in one line (list items, screen readers). */
export function describeReview(review: AssumptionReview, locale: string = displayLocale()): string {
  return i18next.t('panels:entry.on', {
    what: assumptionStateLabel(review.status),
    date: dayText(review.date, locale),
  });
}

export function describeReading(
  reading: IndicatorReading,
  unit: string | null,
  locale: string = displayLocale(),
): string {
  return i18next.t('panels:entry.on', {
    what: withUnit(reading.value, unit, locale),
    date: dayText(reading.date, locale),
  });
}

export function describeRating(rating: HealthRating, locale: string = displayLocale()): string {
  return i18next.t('panels:entry.ratingOn', {
    dimension: healthDimensionLabel(rating.dimension),
    rating: ragLabel(rating.rating),
    date: dayText(rating.date, locale),
  });
}

/**
 * A value with the indicator's unit, unless the value already says it ("45%" with unit "%"); a
 * plain number written the locale's way.
 */
export function withUnit(value: string, unit: string | null, locale: string = displayLocale()): string {
  const u = unit?.trim() ?? '';
  const written = numberText(value, locale);
  if (!u || value.trim().toLowerCase().endsWith(u.toLowerCase())) return written;
  return u.length <= 2 && !/^[A-Za-z]/.test(u) ? `${written}${u}` : `${written} ${u}`;
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
