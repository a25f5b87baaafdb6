import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  NAMESPACES,
  directionOf,
  isLanguage,
  pickLanguage,
  type Language,
  type Namespace,
} from '@loopmap/shared';
import { afterStartUp } from '../app/afterStartUp.ts';

/**
 * The interface's words: i18next over the catalogue in shared/src/i18n/locales. Nothing of it is
 * in the entry: the namespaces the map page needs (CORE_NAMESPACES) are one chunk per language,
 * fetched at start-up alongside the session request, in the language in use only; the others
 * (the account and sign-in pages, the map list, history, exports) are a chunk each, fetched the
 * first time they are used, and all of them once the page is idle. Plurals follow each
 * language's CLDR categories through Intl.PluralRules (Arabic has six), dates and numbers go
 * through Intl in the chosen locale. The catalogue check (server/test/i18nCatalogue.test.ts)
 * guarantees every key in every language, so no language falls back to English.
 */
export const CORE_NAMESPACES = ['common', 'errors', 'domain', 'map', 'canvas', 'panels', 'outline', 'collab'] as const;

type Bundle = Record<string, unknown>;

const cores: Record<Language, () => Promise<{ default: Record<string, Bundle> }>> = {
  en: () => import('./locales/en.ts'),
  fr: () => import('./locales/fr.ts'),
  es: () => import('./locales/es.ts'),
  pt: () => import('./locales/pt.ts'),
  ar: () => import('./locales/ar.ts'),
};

const others = import.meta.glob<Bundle>('../../../shared/src/i18n/locales/*/{auth,maps,account,history,exports}.json', {
  import: 'default',
});

/** `{ path: json }` from a glob to `{ namespace: json }`. */
function byNamespace(files: Record<string, Bundle>): Record<string, Bundle> {
  const out: Record<string, Bundle> = {};
  for (const [path, json] of Object.entries(files)) {
    const namespace = /\/([^/]+)\.json$/.exec(path)?.[1];
    if (namespace) out[namespace] = json;
  }
  return out;
}

/** Reads one namespace of one language from its chunk. */
async function readNamespace(language: string, namespace: string): Promise<Bundle> {
  if (!isLanguage(language)) return {};
  if ((CORE_NAMESPACES as readonly string[]).includes(namespace)) {
    const { default: files } = await cores[language]();
    return byNamespace(files)[namespace] ?? {};
  }
  const load = others[`../../../shared/src/i18n/locales/${language}/${namespace}.json`];
  return load ? await load() : {};
}

/** i18next's loading seam: namespaces come from the chunks above. */
const chunkBackend = {
  type: 'backend' as const,
  init() {},
  read(language: string, namespace: string, callback: (error: unknown, data: Bundle | null) => void) {
    readNamespace(language, namespace).then(
      (data) => callback(null, data),
      (error: unknown) => callback(error, null),
    );
  },
};

/** The namespaces a page needs besides the core, from its path: fetched with the core. */
export function namespacesForPath(path: string): Namespace[] {
  if (/^\/(signin|signup|invite)/.test(path)) return ['auth'];
  if (path.startsWith('/account')) return ['account', 'auth'];
  if (path === '/' || path.startsWith('/maps/new')) return ['maps', 'auth'];
  return [];
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

/** Loads every namespace of `language` without switching to it (a document in another language, a switch). */
export async function ensureLoaded(language: Language): Promise<void> {
  const missing = NAMESPACES.filter((namespace) => !i18next.hasResourceBundle(language, namespace));
  if (missing.length > 0) await i18next.reloadResources([language], missing);
}

function applyToDocument(language: Language): void {
  if (typeof document === 'undefined') return; // unit tests in Node
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/** Starts i18next in `language`, its catalogue loaded: await before the first render. */
export async function setUpLanguage(language: Language = initialLanguage()): Promise<void> {
  const path = typeof location === 'undefined' ? '' : location.pathname;
  await i18next
    .use(chunkBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      load: 'languageOnly',
      ns: [...CORE_NAMESPACES, ...namespacesForPath(path)],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  applyToDocument(language);
  // The rest of this language's catalogue, while the page is idle.
  afterStartUp(() => void ensureLoaded(currentLanguage()));
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
