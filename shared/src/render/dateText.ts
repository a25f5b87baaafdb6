import type { Translate } from '../i18n/languages.ts';
import { localeOf } from '../export/documentWords.ts';

/**
 * "4 December 2026": the date under a picture's title, written the same by the server and the
 * browser (in UTC, in the language of `t`), so a preview and its download say the same day.
 */
export function pictureDateText(iso: string | null | undefined, t: Translate): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const language = localeOf(t);
  const locale = language === 'en' ? 'en-GB' : language;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
