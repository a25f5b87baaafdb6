import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, NAMESPACES, directionOf, isLanguage, pickLanguage, type Language } from '@loopmap/shared';

/**
 * The interface's words: i18next over the catalogue in shared/src/i18n/locales. English is in the
 * entry (it is also every key's fallback); each other language is one chunk, fetched before the
 * first render when it is the one in use. Plurals follow each language's CLDR categories through
 * Intl.PluralRules (Arabic has six), dates and numbers go through Intl in the chosen locale.
 */
const english = import.meta.glob<Record<string, unknown>>('../../../shared/src/i18n/locales/en/*.json', {
  eager: true,
  import: 'default',
});

const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  fr: () => import('./locales/fr.ts'),
  es: () => import('./locales/es.ts'),
  pt: () => import('./locales/pt.ts'),
  ar: () => import('./locales/ar.ts'),
};

/** `{ path: json }` from a glob to `{ namespace: json }`. */
function byNamespace(files: Record<string, Record<string, unknown>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [path, json] of Object.entries(files)) {
    const namespace = /\/([^/]+)\.json$/.exec(path)?.[1];
    if (namespace) out[namespace] = json;
  }
  return out;
}

const STORAGE_KEY = 'loopmap.language';

/** The language chosen on this device (the account's choice is applied once it is known). */
export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The language to start in: this device's choice (a signed-out choice on the sign-in page, or the
 * account's, remembered when it was applied), else the browser's languages. Once the session
 * loads, an account that chose a language switches to it (see useSession.ts).
 */
export function initialLanguage(): Language {
  return storedLanguage() ?? browserLanguage();
}

/** The first of the browser's languages Loopmap speaks (English when none). */
export function browserLanguage(): Language {
  if (typeof navigator === 'undefined') return DEFAULT_LANGUAGE;
  return pickLanguage(navigator.languages ?? [navigator.language]);
}

/** Loads `language`'s catalogue without switching to it (a document in another language). */
export async function ensureLoaded(language: Language): Promise<void> {
  if (language === 'en' || i18next.hasResourceBundle(language, 'common')) return;
  const { default: files } = await loaders[language]();
  for (const [namespace, json] of Object.entries(byNamespace(files))) {
    i18next.addResourceBundle(language, namespace, json, true, true);
  }
}

function applyToDocument(language: Language): void {
  if (typeof document === 'undefined') return; // unit tests in Node
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** Starts i18next in `language`, its catalogue loaded: await before the first render. */
export async function setUpLanguage(language: Language = initialLanguage()): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: byNamespace(english) },
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['en', 'fr', 'es', 'pt', 'ar'],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  await switchLanguage(language, { remember: false });
}

/**
 * Shows the interface in `language`: loads its chunk, then switches every component and sets
 * `<html lang dir>`. `remember` keeps the choice on this device.
 */
export async function switchLanguage(language: Language, { remember = true } = {}): Promise<void> {
  await ensureLoaded(language);
  await i18next.changeLanguage(language);
  applyToDocument(language);
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private mode: the choice lasts for this visit.
    }
  }
}

/** The language the interface is in now. */
export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

export { i18next };
