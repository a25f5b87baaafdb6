import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, NAMESPACES, type Language } from '@loopmap/shared';
import { i18next } from '../src/i18n/i18n.ts';

/**
 * The app's i18next over the real catalogue (shared/src/i18n/locales, every language), for unit
 * tests of modules that say things through it (card titles, key facts, filter choices, logic
 * findings). Importing this starts it in English; `speak` switches it. The browser does the same
 * in setUpLanguage, which also needs a document.
 */
const files = import.meta.glob<Record<string, unknown>>('../../shared/src/i18n/locales/*/*.json', {
  eager: true,
  import: 'default',
});

const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, json] of Object.entries(files)) {
  const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
  if (match) (resources[match[1]!] ??= {})[match[2]!] = json;
}

if (!i18next.isInitialized) {
  await i18next.use(initReactI18next).init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
}

/** Switches the app's i18next to `language` (English again with no argument). */
export async function speak(language: Language = DEFAULT_LANGUAGE): Promise<void> {
  await i18next.changeLanguage(language);
}
