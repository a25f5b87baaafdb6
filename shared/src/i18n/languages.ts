/**
 * The languages Loopmap speaks, and how a request or a browser picks one. The catalogue itself is
 * JSON under `locales/<language>/<namespace>.json`, read by i18next in the client and the server.
 */
export const LANGUAGES = ['en', 'fr', 'es', 'pt', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/**
 * The catalogue's namespaces: one file per language each, so that areas of the interface keep
 * their strings together. `domain` holds the modelling vocabulary (kinds, fields, relations,
 * templates, logic findings) that the canvas, the panels and the exports all use.
 */
export const NAMESPACES = [
  'common',
  'domain',
  'errors',
  'auth',
  'account',
  'maps',
  'map',
  'canvas',
  'panels',
  'outline',
  'collab',
  'history',
  'exports',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Each language's name in that language, as a language menu shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  pt: 'Português',
  ar: 'العربية',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The first supported language among BCP 47 tags in order of preference (`navigator.languages`,
 * or an Accept-Language header's tags by quality): `fr-CA` picks `fr`. English when none match.
 */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** The tags of an Accept-Language header, best first (`fr-CH, fr;q=0.9, en;q=0.8`). */
export function acceptLanguageTags(header: string | undefined | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * What shared code needs to put words in a document (exports, reports, templates): a key in the
 * catalogue and its values. The client and the server pass their i18next `t` bound to a language.
 */
export type Translate = (key: string, values?: Record<string, unknown>) => string;
