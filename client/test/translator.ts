import { createInstance, type Resource } from 'i18next';
import type { Language, Translate } from '@loopmap/shared';

/**
 * A translator over the real catalogue (shared/src/i18n/locales) through i18next itself, for the
 * pure text helpers' tests: `translatorIn('en')` is what the app's English `t` would say.
 */
const files = import.meta.glob<Record<string, unknown>>('../../shared/src/i18n/locales/*/*.json', {
  eager: true,
  import: 'default',
});

function catalogue(): Resource {
  const resources: Resource = {};
  for (const [path, json] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    (resources[match[1]!] ??= {})[match[2]!] = json;
  }
  return resources;
}

export function translatorIn(language: Language, namespace = 'history'): Translate {
  const instance = createInstance();
  void instance.init({
    resources: catalogue(),
    initAsync: false,
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(catalogue().en ?? {}),
    defaultNS: namespace,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const t = instance.getFixedT(language, namespace);
  return (key, values) => t(key, values ?? {}) as string;
}

/**
 * Starts the app's own i18next instance (the one components read through react-i18next) in
 * English over the real catalogue, without a browser: for tests that render components.
 */
export async function setUpEnglish(): Promise<void> {
  const [{ i18next }, { initReactI18next }] = await Promise.all([
    import('../src/i18n/i18n.ts'),
    import('react-i18next'),
  ]);
  if (i18next.isInitialized) return;
  await i18next.use(initReactI18next).init({
    resources: catalogue(),
    lng: 'en',
    fallbackLng: 'en',
    ns: Object.keys(catalogue().en ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
}
