/**
 * A download's file name made from a map's title, safe on every operating system: no path
 * separators, control characters or characters Windows refuses (<>:"/\|?*), no trailing dots or
 * spaces, no reserved device names (CON, NUL, COM1...), at most 80 characters of title. Letters of
 * every script are kept (an Arabic title stays Arabic).
 */
// Control characters and the invisible ones that reorder or hide text (bidi overrides, zero-width
// spaces); joiners and variation selectors stay, or an emoji sequence would fall apart.
const FORBIDDEN = /[<>:"/\\|?*\p{Cc}\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/gu;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
export const MAX_FILE_TITLE_LENGTH = 80;

export function safeFileTitle(title: string, fallback = 'map'): string {
  let base = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  base = Array.from(base).slice(0, MAX_FILE_TITLE_LENGTH).join('');
  base = base.replace(/^[.\s]+|[.\s]+$/g, '');
  if (base.length === 0) return fallback;
  return RESERVED.test(base) ? `${base}_` : base;
}

/** `title.extension`, e.g. "Youth employment – v2.docx". */
export function downloadFileName(title: string, extension: string, suffix?: string): string {
  const name = safeFileTitle(suffix ? `${title} ${suffix}` : title);
  return `${name}.${extension}`;
}

/**
 * A Content-Disposition header value for a download: an ASCII fallback and the exact name in
 * RFC 5987 form, so every browser saves the title as written.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\%]/g, '')
    .trim();
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot) : '';
  // A name with nothing ASCII left before its extension (an Arabic title) falls back to "download".
  const named = /[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - extension.length));
  const fallback = named ? ascii : `download${extension}`;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
