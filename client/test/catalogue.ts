import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, NAMESPACES, type Language, type Translate } from '@loopmap/shared';

/**
 * The real catalogue (shared/src/i18n/locales) for client tests: the app's i18next instance, the
 * one components read through useTranslation, started with every language loaded at once.
 */
const files = import.meta.glob<Record<string, unknown>>('../../shared/src/i18n/locales/*/*.json', {
  eager: true,
  import: 'default',
});

function resources(): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [path, json] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    (out[language] ??= {})[namespace] = json;
  }
  return out;
}

/** Starts (once) the app's i18next with the whole catalogue, and switches it to `language`. */
export async function useCatalogue(language: Language = DEFAULT_LANGUAGE): Promise<void> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources: resources(),
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      ns: [...NAMESPACES],
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      react: { useSuspense: false },
    });
  }
  await i18next.changeLanguage(language);
}

/** A translator in one language and namespace, as the modules that build text take it. */
export function translator(language: Language, namespace: string): Translate {
  const t = i18next.getFixedT(language, namespace);
  return (key, values) => t(key, values ?? {});
}
