/**
 * One way of writing dates across the app, in the reader's locale: the day as the browser's own
 * date inputs write it ("12/04/2026" in the United States, "04/12/2026" in Britain, "04.12.2026"
 * in Germany), so a day typed in a form reads the same in every history, list and card; a moment
 * adds the time of day ("12/04/2026, 3:07 PM"). `locale` is for tests; the app passes none, and
 * gets the interface's language (readerLocale).
 */
import { currentLanguage } from '../i18n/i18n.ts';

/**
 * The locale dates are written in: the interface's language, with the browser's region when the
 * browser speaks that language too ("en-GB" for a British reader in English, "fr-CA" in French),
 * so days keep the order the reader's own date inputs use.
 */
export function readerLocale(): string {
  const language = currentLanguage();
  const tags = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  return tags.find((tag) => tag.toLowerCase().split(/[-_]/)[0] === language) ?? language;
}

const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** A stored calendar day (YYYY-MM-DD, as date inputs give it): read as that day wherever the reader is. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

function instant(value: string | number | Date): { at: number; calendar: boolean } {
  if (value instanceof Date) return { at: value.getTime(), calendar: false };
  if (typeof value === 'number') return { at: value, calendar: false };
  if (CALENDAR_DAY.test(value)) return { at: Date.parse(`${value}T00:00:00Z`), calendar: true };
  return { at: Date.parse(value), calendar: false };
}

/**
 * The day of a stored calendar day, an ISO moment or a time in milliseconds; a calendar day never
 * shifts with time zones. Text that is not a date comes back as it is (empty for a number).
 */
export function dayText(value: string | number | Date, locale?: string, timeZone?: string): string {
  const { at, calendar } = instant(value);
  if (!Number.isFinite(at)) return typeof value === 'string' ? value : '';
  return new Intl.DateTimeFormat(locale ?? readerLocale(), { ...DAY, timeZone: calendar ? 'UTC' : timeZone }).format(
    at,
  );
}

/** The day and the time of a moment: "12/04/2026, 3:07 PM" in American English. Empty when it is not a date. */
export function momentText(value: string | number | Date, locale?: string, timeZone?: string): string {
  const { at } = instant(value);
  if (!Number.isFinite(at)) return '';
  return new Intl.DateTimeFormat(locale ?? readerLocale(), {
    ...DAY,
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(at);
}
