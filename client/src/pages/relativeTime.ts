import { currentLanguage, i18next } from '../i18n/i18n.ts';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const formats = new Map<string, Intl.RelativeTimeFormat>();
function formatIn(language: string): Intl.RelativeTimeFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    formats.set(language, format);
  }
  return format;
}

/** "just now", "5 minutes ago", "yesterday"... for a timestamp in the past, in the interface's language. */
export function relativeTime(iso: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return i18next.t('common:time.unknown');
  const seconds = Math.round((then - now) / 1000);
  if (Math.abs(seconds) < 45) return i18next.t('common:time.justNow');
  const format = formatIn(currentLanguage());
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'minute') return format.format(Math.round(seconds / size), unit);
  }
  return i18next.t('common:time.justNow');
}
