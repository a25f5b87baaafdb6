/**
 * "4 December 2026": the date under a picture's title, written the same by the server and the
 * browser (English, UTC), so a preview and its download say the same day.
 */
export function pictureDateText(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
