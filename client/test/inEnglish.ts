import { NAMESPACES } from '@loopmap/shared';
import { i18next } from '../src/i18n/i18n.ts';

/**
 * Starts the client's i18next in English over the real catalogue, for unit tests of modules that
 * translate through it (card titles, key facts, entry descriptions): import for its effect.
 * The browser does the same in setUpLanguage, which also needs a document.
 */
const files = import.meta.glob<Record<string, unknown>>('../../shared/src/i18n/locales/en/*.json', {
  eager: true,
  import: 'default',
});
const resources = Object.fromEntries(
  Object.entries(files).map(([path, json]) => [/\/([^/]+)\.json$/.exec(path)![1]!, json]),
);

if (!i18next.isInitialized) {
  await i18next.init({
    resources: { en: resources },
    lng: 'en',
    fallbackLng: 'en',
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
}
