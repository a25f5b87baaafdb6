import { currentLanguage, i18next } from '../../i18n/i18n.ts';
import { dayText, momentText, readerLocale } from '../../app/dates.ts';

/**
 * Dates of a map's memory in the language the interface speaks (not merely the browser's):
 * the day, the day and time, and "3 days ago", all through Intl in `currentLanguage()`.
 */
export const dayIn = (value: string | number | Date): string => dayText(value, readerLocale());

export const momentIn = (value: string | number | Date): string => momentText(value, readerLocale());

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * "5 minutes ago", "yesterday" in `locale`: Intl's own words for every unit, so no language
 * needs a catalogue entry for them; under 45 seconds reads `justNow`.
 */
export function agoText(iso: string, now: number, locale: string, justNow: string): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return justNow;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return justNow;
}

export const agoIn = (iso: string): string =>
  agoText(iso, Date.now(), currentLanguage(), i18next.t('history:when.justNow'));
