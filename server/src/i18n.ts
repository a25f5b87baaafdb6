import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance, type Resource, type i18n } from 'i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  NAMESPACES,
  acceptLanguageTags,
  isLanguage,
  pickLanguage,
  type Language,
  type Translate,
} from '@loopmap/shared';

/**
 * The server's words (export documents, template cards) come from the same catalogue as the
 * interface: shared/src/i18n/locales, read once at start into one i18next instance.
 */
const localeDir = join(import.meta.dirname, '..', '..', 'shared', 'src', 'i18n', 'locales');

function readCatalogue(): Resource {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    const bundle: Resource[string] = {};
    for (const file of readdirSync(join(localeDir, language))) {
      if (file.endsWith('.json'))
        bundle[file.slice(0, -5)] = JSON.parse(readFileSync(join(localeDir, language, file), 'utf8'));
    }
    resources[language] = bundle;
  }
  return resources;
}

let instance: i18n | null = null;

function i18nInstance(): i18n {
  if (instance) return instance;
  const created = createInstance();
  void created.init({
    resources: readCatalogue(),
    initAsync: false,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

/** A translator bound to `language`: keys as `namespace:key`, or bare keys in `namespace`. */
export function translatorFor(language: Language, namespace: string = 'common'): Translate {
  const t = i18nInstance().getFixedT(language, namespace);
  return (key, values) => t(key, values ?? {}) as string;
}

/**
 * The language a request wants: `?lang=` when it names one of ours, else the account's choice,
 * else the browser's Accept-Language, else English.
 */
export function requestLanguage(
  query: string | undefined,
  accountLanguage: string | null | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(accountLanguage)) return accountLanguage;
  return pickLanguage(acceptLanguageTags(acceptLanguage));
}
