import type { Language, Translate } from '@loopmap/shared';
import { dayText, momentText, readerLocale } from '../app/dates.ts';
import { currentLanguage } from '../i18n/i18n.ts';

/**
 * The times comments and invite links show, in the interface's language: "5 minutes ago",
 * "il y a 5 minutes", "قبل 5 دقائق" through Intl.RelativeTimeFormat, and the exact day and time
 * through Intl.DateTimeFormat. `t` is the collab namespace's translator (for "just now").
 */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const formats = new Map<Language, Intl.RelativeTimeFormat>();

function relativeFormat(language: Language): Intl.RelativeTimeFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    formats.set(language, format);
  }
  return format;
}

/** "just now", "5 minutes ago", "yesterday", "in 7 days": a moment relative to `now`. */
export function relativeWhen(iso: string, now: number, language: Language, t: Translate): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return t('time.unknown');
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return t('time.justNow');
  const format = relativeFormat(language);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') return format.format(Math.round(seconds / size), unit);
  }
  return t('time.justNow');
}

/** The day and time of a moment, as the language writes them ("05/12/2026 15:07" in French). */
export const exactMoment = (iso: string, language: Language): string =>
  momentText(iso, language === currentLanguage() ? readerLocale() : language);

/** The day of a moment, as the language writes it. */
export const exactDay = (iso: string, language: Language): string =>
  dayText(iso, language === currentLanguage() ? readerLocale() : language);
